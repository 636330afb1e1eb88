// The form's other two routes: the reply form for readers without JavaScript (cached, like the article),
// and the token the form island fetches when the form comes into view, which proves how long the reader
// had it (the page may have been cached for long), for this article only and only while it is open.
import type { FastifyInstance } from 'fastify';
import { articleTag } from '../../articles/cache-tags.js';
import { requireSlug } from '../../http/request-params.js';
import { renderDocument } from '../../views/layout.js';
import { articleOpenForComments, pageFormToken, replyTarget } from '../article-comments.js';
import { commentsTag } from '../cache-tags.js';
import { emptyValues } from '../pages/comment-form.js';
import { FormPage } from '../pages/reader-pages.js';
import { signArticleFormToken } from '../tokens.js';
import { idParam, type ReaderRouteOptions, type SlugParams } from './route-helpers.js';

export function formRoutes(options: ReaderRouteOptions) {
  const { deps, site, serve } = options;
  return async function register(app: FastifyInstance): Promise<void> {
    app.get<{ Params: { slug: string; id: string } }>(
      '/articles/:slug/comments/reply/:id',
      async (request, reply) => {
        const slug = requireSlug(request.params.slug);
        const id = idParam(request.params.id);
        return serve(request, reply, `/articles/${slug}/comments/reply/${id}`, async () => {
          const [ctx, { article, parent }] = await Promise.all([site.context(), replyTarget(deps, slug, id)]);
          const page = (
            <FormPage
              ctx={ctx}
              article={article}
              values={emptyValues(String(id))}
              token={pageFormToken(deps, article.id)}
              replyTo={parent}
              scriptPath={options.scriptPath}
            />
          );
          return { body: renderDocument(page), tags: [commentsTag(article.id), articleTag(article.id)] };
        });
      },
    );

    app.get<SlugParams>('/articles/:slug/comments/form-token', async (request, reply) => {
      const article = await articleOpenForComments(deps, requireSlug(request.params.slug));
      const token = signArticleFormToken(deps.secret, {
        articleId: article.id,
        source: 'fresh',
        shownAt: deps.clock(),
      });
      return reply.header('cache-control', 'no-store').send({ token });
    });
  };
}
