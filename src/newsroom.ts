// The newsroom at /admin: the admin shell (sign-in, sessions, permissions) and every domain's newsroom
// screens, registered in one encapsulated context, so the staff hooks run for these routes only and a
// reader's request never passes through them.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { newsroomAccounts } from './admin/accounts.js';
import { staffAuth } from './admin/auth/plugin.js';
import { apiTokenScreens } from './admin-api/admin/routes.js';
import { ADMIN_API_PREFIX, type AdminApiOptions, adminApi } from './admin-api/plugin.js';
import { analyticsAdminRoutes } from './analytics/admin/routes.js';
import type { ExtendArticle } from './articles/article-extension.js';
import { adminCommentRoutes } from './comments/admin/routes.js';
import type { CommentDeps } from './comments/comment-deps.js';
import { consentAdminRoutes } from './consent/admin/routes.js';
import { contentApiAdminRoutes } from './content-api/admin/routes.js';
import { unreadReturnCount } from './editorial/review-returns.js';
import { editorialRoutes } from './editorial/routes.js';
import { exportAdminRoutes } from './export/admin/routes.js';
import { frontsAdminRoutes } from './fronts/admin/routes.js';
import type { Assets } from './http/assets.js';
import type { RateLimitStore } from './http/rate-limit-store.js';
import type { ReservedPaths } from './http/reserved-paths.js';
import { importAdminRoutes } from './import/admin/routes.js';
import type { Mailer } from './mail/mailer.js';
import { newsroomMediaRoutes } from './media/admin/routes.js';
import type { FileStore } from './media/file-store.js';
import type { ImageQueue } from './media/image-queue.js';
import { newsletterAdminRoutes } from './newsletters/admin/routes.js';
import type { NewsletterDeps } from './newsletters/newsletter-deps.js';
import { menuAdminRoutes } from './pages/admin/menu-routes.js';
import { pageAdminRoutes } from './pages/admin/routes.js';
import { revenueAdminRoutes } from './revenue/admin/routes.js';
import type { RevenueDeps } from './revenue/revenue-deps.js';
import type { SiteState } from './site/site-state.js';
import type { ContentEvents } from './storage/content-events.js';
import type { Database } from './storage/schema.js';
import { webhookAdminRoutes } from './webhooks/admin/routes.js';
import type { WebhookDeps } from './webhooks/webhook-deps.js';

export interface NewsroomOptions {
  db: Kysely<Database>;
  events: ContentEvents;
  site: SiteState;
  files: FileStore;
  /** Uploads wait here to be rendered, one process's image work at a time. */
  images: ImageQueue;
  mailer: Mailer;
  rates: RateLimitStore;
  assets: Assets;
  secret: string;
  publicUrl: string;
  clock: () => Date;
  comments: CommentDeps;
  revenue: RevenueDeps;
  webhooks: WebhookDeps;
  newsletters: NewsletterDeps;
  /** What the reader page shows besides the story, so the preview shows it too. */
  previewExtensions: ExtendArticle[];
  /** Every address the app answers, which a page may not take. */
  reservedPaths: ReservedPaths;
  /** The import screen's uploads: where they wait for their job, and the largest taken. */
  importUploads: { dir: string; maxBytes: number };
}

export function newsroom(options: NewsroomOptions) {
  const { db, events, site, clock } = options;
  return async function register(app: FastifyInstance): Promise<void> {
    // First: its onRoute hook makes every route after it declare a permission.
    await app.register(
      staffAuth({
        db,
        secret: options.secret,
        clock,
        secureCookies: options.publicUrl.startsWith('https://'),
        mailToOutbox: options.mailer.kind === 'outbox',
        rates: options.rates,
        staffZone: async () => {
          const { settings } = await site.context();
          return { timeZone: settings.timeZone, language: settings.language };
        },
        unreadReturns: (staffId) => unreadReturnCount(db, staffId),
      }),
    );
    await app.register(
      newsroomAccounts({ db, mailer: options.mailer, events, clock, publicUrl: options.publicUrl, site }),
    );
    await app.register(
      newsroomMediaRoutes({ db, store: options.files, events, images: options.images, clock }),
    );
    await app.register(
      editorialRoutes({
        db,
        events,
        site,
        clock,
        previewExtensions: options.previewExtensions,
        mail: { mailer: options.mailer, publicUrl: options.publicUrl },
      }),
    );
    await app.register(
      adminCommentRoutes({
        deps: options.comments,
        scriptPath: options.assets.path('moderation.js'),
        stylePath: options.assets.path('moderation.css'),
      }),
    );
    await app.register(analyticsAdminRoutes({ db, clock }));
    await app.register(
      revenueAdminRoutes({
        db,
        site,
        events,
        clock,
        choice: options.revenue.choice,
        secret: options.secret,
        publicUrl: options.publicUrl,
      }),
    );
    await app.register(pageAdminRoutes({ db, events, site, clock, reservedPaths: options.reservedPaths }));
    await app.register(menuAdminRoutes({ db, events, clock }));
    await app.register(frontsAdminRoutes({ db, site, events, clock }));
    await app.register(newsletterAdminRoutes(options.newsletters));
    await app.register(apiTokenScreens({ db, secret: options.secret, clock }));
    await app.register(consentAdminRoutes({ db, events, clock }));
    await app.register(webhookAdminRoutes(options.webhooks));
    await app.register(contentApiAdminRoutes({ db, events, secret: options.secret, clock }));
    await app.register(
      exportAdminRoutes({ db, store: options.files, siteAddress: options.publicUrl, clock }),
    );
    await app.register(importAdminRoutes({ db, clock, uploads: options.importUploads }));
  };
}

/**
 * The admin API (/api/admin), for tools and scripts: a sibling of the newsroom's context, not inside it, so
 * the staff hooks (session cookie, per-session CSRF) never apply; each request proves itself with a token.
 */
export function newsroomApi(options: AdminApiOptions) {
  return async function register(app: FastifyInstance): Promise<void> {
    await app.register(adminApi(options), { prefix: ADMIN_API_PREFIX });
  };
}
