// Reader comments as app.ts sees them: the routes (reader, self-service, moderation, scripts) and the
// article-page extension (the count under the byline, the comments and the form after the body). The
// extension renders into the shared, cached article page, so it shows only what every reader may see.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Article } from '../articles/articles.js';
import type { ArticleExtension } from '../articles/pages/article-page.js';
import { pageChangedReason } from '../http/page-cache.js';
import type { ServePublicPage } from '../http/public-page.js';
import type { RateLimitStore } from '../http/rate-limit-store.js';
import type { Mailer } from '../mail/mailer.js';
import type { SiteState } from '../site/site-state.js';
import type { ContentEvents } from '../storage/content-events.js';
import type { Database } from '../storage/schema.js';
import type { SiteContext } from '../views/site-context.js';
import { adminCommentRoutes } from './admin/routes.js';
import { akismetChecker, type SpamChecker } from './akismet.js';
import type { CommentDeps } from './approval.js';
import { buildCommentAssets, commentAssetRoutes } from './assets.js';
import { commentsClosed, loadCommentPage } from './comments.js';
import { CommentCount, CommentsSection } from './pages/comments-section.js';
import { type CommentRates, DEFAULT_COMMENT_RATES } from './rate-limits.js';
import { readerCommentRoutes } from './routes.js';
import { selfServiceRoutes } from './self-service-routes.js';
import { type CommentSettings, readCommentSettings } from './settings.js';
import { signFormToken } from './tokens.js';

export interface CommentsOptions {
  db: Kysely<Database>;
  site: SiteState;
  serve: ServePublicPage;
  events: ContentEvents;
  mailer: Mailer;
  rates: RateLimitStore;
  secret: string;
  publicUrl: string;
  clock: () => Date;
  rateRules?: CommentRates;
  /** Builds the outside spam checker from the settings; Akismet's protocol over fetch unless told. */
  spamChecker?: (settings: CommentSettings) => SpamChecker | null;
}

export interface Comments {
  routes: (app: FastifyInstance) => Promise<void>;
  articleExtension: (article: Article, ctx: SiteContext) => Promise<ArticleExtension>;
}

export function comments(options: CommentsOptions): Comments {
  const { db, site, clock } = options;
  const assets = buildCommentAssets();
  let logger: FastifyInstance['log'] | null = null;
  const deps: CommentDeps = {
    db,
    secret: options.secret,
    clock,
    publicUrl: options.publicUrl,
    rates: options.rates,
    rateRules: options.rateRules ?? DEFAULT_COMMENT_RATES,
    spamChecker:
      options.spamChecker ??
      ((s) =>
        s.akismetUrl && s.akismetKey
          ? akismetChecker({ url: s.akismetUrl, key: s.akismetKey, site: options.publicUrl })
          : null),
    mailer: options.mailer,
    siteName: async () => (await site.context()).settings.siteName,
    pageChanged: (slug) => options.events.changed(pageChangedReason(`/articles/${slug}`)),
    allPagesChanged: () => options.events.changed('comment settings'),
    log: { error: (details, message) => logger?.error(details, message) },
  };

  return {
    async routes(app) {
      logger = app.log;
      await app.register(commentAssetRoutes(assets));
      await app.register(
        readerCommentRoutes({ deps, site, serve: options.serve, scriptPath: assets.reader }),
      );
      await app.register(selfServiceRoutes({ deps, site }));
      await app.register(
        adminCommentRoutes({ deps, site, scriptPath: assets.moderation, stylePath: assets.moderationStyle }),
      );
    },

    async articleExtension(article, ctx) {
      const settings = await readCommentSettings(db);
      const [closed, page] = await Promise.all([
        commentsClosed(db, article, settings, clock()),
        loadCommentPage(db, article.id, { page: 1, order: settings.order, perPage: settings.perPage }),
      ]);
      return {
        header: <CommentCount total={page.total} open={!closed} />,
        afterBody: (
          <CommentsSection
            slug={article.slug}
            page={page}
            defaultOrder={settings.order}
            open={!closed}
            token={signFormToken(options.secret, clock())}
            scriptPath={assets.reader}
            language={ctx.settings.language}
            timeZone={ctx.settings.timeZone}
          />
        ),
      };
    },
  };
}
