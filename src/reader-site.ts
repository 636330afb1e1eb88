// The reader site: every public route, and only those. Nothing here (nor anything it imports) belongs to
// the newsroom: no sign-in, no editor, no password hashing; a test holds this file's module graph to that.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { type AnalyticsForReadersOptions, analyticsForReaders } from './analytics/reader.js';
import type { ExtendArticle } from './articles/article-extension.js';
import { articleReaderRoutes } from './articles/reader-routes.js';
import type { StoryCache } from './articles/story-cache.js';
import type { CommentDeps } from './comments/comment-deps.js';
import { commentsForReaders } from './comments/reader.js';
import type { ConsentState } from './consent/consent-state.js';
import { consentForReaders } from './consent/reader.js';
import { type ContentApiOptions, contentApiForReaders } from './content-api/reader.js';
import { frontsForReaders } from './fronts/reader.js';
import type { Assets } from './http/assets.js';
import type { NotFoundRescue } from './http/error-handler.js';
import type { ServePublicPage } from './http/public-page.js';
import { legacyRedirects } from './import/legacy-redirect-route.js';
import type { FileStore } from './media/file-store.js';
import { mediaRoutes } from './media/routes.js';
import type { NewsletterDeps } from './newsletters/newsletter-deps.js';
import { newslettersForReaders } from './newsletters/reader.js';
import { pageReaderRoutes } from './pages/reader-routes.js';
import { readerAccountRoutes } from './readers/routes.js';
import { SUPPORT_TAG } from './revenue/cta.js';
import { revenueForReaders } from './revenue/reader.js';
import type { RevenueDeps } from './revenue/revenue-deps.js';
import { searchRoutes } from './search/search-routes.js';
import { siteIconRoutes } from './site/site-icon.js';
import type { SiteState } from './site/site-state.js';
import { wellKnownRoutes } from './site/well-known-routes.js';
import type { ContentEvents } from './storage/content-events.js';
import type { Database } from './storage/schema.js';
import { wordpressApi } from './wordpress-api/wordpress-api.js';

export interface ReaderSiteOptions {
  db: Kysely<Database>;
  site: SiteState;
  serve: ServePublicPage;
  events: ContentEvents;
  files: FileStore;
  assets: Assets;
  stories: StoryCache;
  comments: CommentDeps;
  revenue: RevenueDeps;
  /** The third-party tags in force, for /privacy and the custom script. */
  consent: ConsentState;
  newsletters: NewsletterDeps;
  clock: () => Date;
  /** Bytes of rendered comment threads kept per instance (0: none). */
  fragmentBytes: number;
  /** The content API's keys, limits and answers kept (content-api/). */
  contentApi: Pick<ContentApiOptions, 'rates' | 'secret' | 'answers'>;
  /** Audience analytics' collection (POST /a/event); undefined when ANALYTICS_ENABLED is false. */
  analytics?: Omit<AnalyticsForReadersOptions, 'db' | 'clock'> & { retentionDays: number };
}

export interface ReaderSite {
  register: (app: FastifyInstance) => Promise<void>;
  /** What the article page shows besides the story, in order; the newsroom's preview shows it too. */
  articleExtensions: ExtendArticle[];
  /** The imported site's old addresses, answered when nothing else answers them (the 404 handler's). */
  rescueNotFound: NotFoundRescue;
}

export function readerSite(options: ReaderSiteOptions): ReaderSite {
  const { site, serve } = options;
  const support = revenueForReaders(options.revenue);
  const discussion = commentsForReaders({
    deps: options.comments,
    site,
    serve,
    events: options.events,
    scriptPath: options.assets.path('comments.js'),
    fragmentBytes: options.fragmentBytes,
  });
  const fronts = frontsForReaders({ db: options.db, serve, clock: options.clock });
  const newsletters = newslettersForReaders(options.newsletters);
  const articleExtensions = [
    support.articleExtension,
    newsletters.articleExtension,
    discussion.articleExtension,
  ];
  const contentApi = contentApiForReaders({
    ...options.contentApi,
    db: options.db,
    site,
    events: options.events,
    clock: options.clock,
  });
  const oldAddresses = legacyRedirects(options.db);
  return {
    articleExtensions,
    rescueNotFound: oldAddresses.rescueNotFound,
    async register(app) {
      await app.register(oldAddresses.register);
      await app.register(mediaRoutes({ store: options.files }));
      await app.register(wellKnownRoutes({ site }));
      await app.register(siteIconRoutes({ site, files: options.files }));
      await app.register(support.routes);
      await app.register(discussion.routes);
      await app.register(fronts.routes);
      await app.register(wordpressApi({ db: options.db, site, serve, clock: options.clock }));
      await app.register(
        consentForReaders({
          db: options.db,
          site,
          serve,
          consent: options.consent,
          donations: {
            taken: async () => (await options.revenue.choice.current()).mode === 'stripe',
            tags: [SUPPORT_TAG],
          },
          analyticsRetentionDays: options.analytics?.retentionDays,
        }),
      );
      await app.register(contentApi.routes);
      await app.register(searchRoutes({ db: options.db, site }));
      if (options.analytics) {
        await app.register(
          analyticsForReaders({ ...options.analytics, db: options.db, clock: options.clock }),
        );
      }
      await app.register(newsletters.routes);
      const { db, mailer, rates, secret, publicUrl, clock } = options.newsletters;
      await app.register(
        readerAccountRoutes({
          db,
          site,
          mailer,
          rates,
          secret,
          publicUrl,
          clock,
          comments: options.comments,
        }),
      );
      await app.register(
        articleReaderRoutes({
          db: options.db,
          site,
          serve,
          clock: options.clock,
          stories: options.stories,
          extensions: articleExtensions,
          frontPageSupport: support.frontPageSupport,
          curate: fronts.curate,
        }),
      );
      await app.register(pageReaderRoutes({ db: options.db, site, serve }));
    },
  };
}
