// The pages of an article's comments after the first (cached, tagged per article; the first page is the
// article itself), and a comment's permalink, which redirects to the page and anchor where it is shown.
import type { FastifyInstance } from 'fastify';
import { articleTag } from '../../articles/cache-tags.js';
import { pageNumber, requireSlug } from '../../http/request-params.js';
import { renderDocument } from '../../views/layout.js';
import { articleCommentPage, pageFormToken } from '../article-comments.js';
import { ALL_COMMENTS, commentsTag } from '../cache-tags.js';
import { commentLocation, commentsPagePath } from '../locations.js';
import { renderThreads } from '../pages/comments-section.js';
import { CommentsPage } from '../pages/reader-pages.js';
import { readCommentSettings } from '../settings.js';
import { idParam, orderParam, type ReaderRouteOptions, type SlugParams } from './route-helpers.js';

export function commentPagesRoutes(options: ReaderRouteOptions) {
  const { deps, site, serve } = options;
  return async function register(app: FastifyInstance): Promise<void> {
    app.get<SlugParams>('/articles/:slug/comments', async (request, reply) => {
      const slug = requireSlug(request.params.slug);
      const settings = await readCommentSettings(deps.db);
      const page = pageNumber(request.query);
      const order = orderParam(request.query, settings.order);
      if (page === 1 && order === settings.order) return reply.redirect(`/articles/${slug}#comments`, 301);
      return serve(request, reply, commentsPagePath(slug, page, order, settings.order), async () => {
        const [ctx, found] = await Promise.all([
          site.context(),
          articleCommentPage(deps, slug, { page, order, settings }),
        ]);
        const { article, open } = found;
        const section = {
          slug,
          open,
          token: pageFormToken(deps, article.id),
          scriptPath: options.scriptPath,
          threadsHtml: renderThreads({
            slug,
            page: found.page,
            defaultOrder: settings.order,
            open,
            language: ctx.settings.language,
            timeZone: ctx.settings.timeZone,
          }),
        };
        return {
          body: renderDocument(<CommentsPage ctx={ctx} article={article} page={page} section={section} />),
          tags: [commentsTag(article.id), ALL_COMMENTS, articleTag(article.id)],
        };
      });
    });

    app.get<{ Params: { id: string } }>('/comments/:id', async (request, reply) =>
      reply
        .header('cache-control', 'no-store')
        .redirect(await commentLocation(deps.db, idParam(request.params.id)), 302),
    );
  };
}
