// GET /articles/:slug: the page cache, else the article (two queries), its story (cached per version),
// what other domains add, joined into the page. An old slug answers 301 to the current one.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { ServePublicPage } from '../../http/public-page.js';
import { requireSlug } from '../../http/request-params.js';
import type { SiteState } from '../../site/site-state.js';
import type { Database } from '../../storage/schema.js';
import type { ExtendArticle } from '../article-extension.js';
import { articlePath } from '../model.js';
import { articlePageHtml } from '../pages/article-page.js';
import { loadPublishedArticle } from '../queries/article-query.js';
import { redirectOldSlug } from '../redirects.js';
import type { StoryCache } from '../story-cache.js';

export interface ArticleRouteOptions {
  db: Kysely<Database>;
  site: SiteState;
  serve: ServePublicPage;
  stories: StoryCache;
  /** What other domains add to the page (support, comments), in order. */
  extensions: ExtendArticle[];
}

export function articleRoute(options: ArticleRouteOptions) {
  const { db, site, serve, stories, extensions } = options;
  return async function register(app: FastifyInstance): Promise<void> {
    app.get<{ Params: { slug: string } }>('/articles/:slug', (request, reply) => {
      const slug = requireSlug(request.params.slug);
      return serve(request, reply, articlePath(slug), async () => {
        const ctx = await site.context();
        const article = await loadPublishedArticle(db, slug, ctx.sectionsById);
        const [story, added] = await Promise.all([
          stories.story(article, ctx),
          Promise.all(extensions.map((extend) => extend(article, ctx))),
        ]);
        return {
          body: articlePageHtml(ctx, story, added),
          lastModified: article.modifiedAt,
          tags: [...story.tags, ...added.flatMap((a) => a.tags ?? [])],
        };
      }).catch((error) => redirectOldSlug(db, reply, slug, error));
    });
  };
}
