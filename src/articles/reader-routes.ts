// Everything a reader sees of articles, as one plugin for the reader site: the front page, article pages,
// section, tag and author lists, the corrections record, feeds, sitemaps and robots.txt.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { ServePublicPage } from '../http/public-page.js';
import type { SiteContext } from '../site/site-context.js';
import type { SiteState } from '../site/site-state.js';
import type { Database } from '../storage/schema.js';
import type { ExtendArticle } from './article-extension.js';
import type { CurateFront } from './curation.js';
import { feedRoutes } from './feeds/feed-routes.js';
import { articleRoute } from './routes/article-route.js';
import { correctionsRoute } from './routes/corrections-route.js';
import { frontPageRoute } from './routes/front-page-route.js';
import { listingRoutes } from './routes/listing-routes.js';
import { sitemapRoutes } from './sitemaps/sitemap-routes.js';
import type { StoryCache } from './story-cache.js';

export interface ArticleReaderOptions {
  db: Kysely<Database>;
  site: SiteState;
  serve: ServePublicPage;
  clock: () => Date;
  stories: StoryCache;
  /** What other domains add to the article page, in order (support, comments). */
  extensions: ExtendArticle[];
  /** The support call-to-action on the front page, when revenue has one. */
  frontPageSupport?: (ctx: SiteContext) => Promise<{ html: string; tags: readonly string[] } | null>;
  /** Editors' choices for the home page and the section fronts (the fronts domain). */
  curate?: CurateFront;
  perPage?: number;
  feedItems?: number;
  sitemapPageSize?: number;
}

export function articleReaderRoutes(options: ArticleReaderOptions) {
  const { db, site, serve } = options;
  return async function register(app: FastifyInstance): Promise<void> {
    await app.register(
      frontPageRoute({ db, site, serve, support: options.frontPageSupport, curate: options.curate }),
    );
    await app.register(
      articleRoute({ db, site, serve, stories: options.stories, extensions: options.extensions }),
    );
    await app.register(listingRoutes({ db, site, serve, perPage: options.perPage, curate: options.curate }));
    await app.register(correctionsRoute({ db, site, serve }));
    await app.register(feedRoutes({ db, site, serve, clock: options.clock, feedItems: options.feedItems }));
    await app.register(
      sitemapRoutes({ db, site, serve, clock: options.clock, sitemapPageSize: options.sitemapPageSize }),
    );
  };
}
