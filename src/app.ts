// Builds the Fastify app from the domain plugins, registered here by name and in order. main.ts starts it;
// tests build it and call inject().
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { feedRoutes } from './articles/feed-routes.js';
import { readerRoutes } from './articles/routes.js';
import { comments } from './comments/plugin.js';
import type { Config } from './config.js';
import { csrfProtection } from './http/csrf.js';
import { errorHandling, errorResponder, minimalSiteContext } from './http/error-handler.js';
import { changedPagePath, PageCache } from './http/page-cache.js';
import { publicPages } from './http/public-page.js';
import { databaseRateLimitStore, type RateLimitStore } from './http/rate-limit-store.js';
import { securityHeaderSetter, securityHeaders } from './http/security-headers.js';
import type { Mailer } from './mail/mailer.js';
import type { FileStore } from './media/file-store.js';
import { mediaRoutes } from './media/routes.js';
import { newsroomAccounts } from './newsroom/accounts.js';
import { correctionsExtension, editorialRoutes } from './newsroom/articles/routes.js';
import { staffAuth } from './newsroom/auth/plugin.js';
import { newsroomMediaRoutes } from './newsroom/media/routes.js';
import { adminAssetRoutes, buildAdminAssets } from './newsroom/views/admin-assets.js';
import type { PaymentProvider } from './revenue/payment-provider.js';
import { revenue } from './revenue/plugin.js';
import { paymentsFromConfig } from './revenue/stripe-provider.js';
import { siteIconRoutes } from './site/site-icon.js';
import { SiteState } from './site/site-state.js';
import { wellKnownRoutes } from './site/well-known-routes.js';
import type { ContentEvents } from './storage/content-events.js';
import type { Storage } from './storage/db.js';
import { assetRoutes, type BuiltAssets, buildAssets } from './views/assets.js';

export interface AppDeps {
  config: Config;
  storage: Storage;
  files: FileStore;
  events: ContentEvents;
  mailer: Mailer;
  /** Signs sessions and emailed links; see site/app-secret.ts. */
  secret: string;
  clock?: () => Date;
  assets?: BuiltAssets;
  /** Takes donations; built from config (Stripe, or "not configured") when not given. */
  payments?: PaymentProvider;
  /** Rate-limit counters shared by every instance: Redis when configured (main.ts), else the database. */
  rateLimits?: RateLimitStore;
}

export interface App {
  app: FastifyInstance;
  pageCache: PageCache;
  site: SiteState;
}

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, storage, events } = deps;
  const clock = deps.clock ?? (() => new Date());
  const assets = deps.assets ?? buildAssets();

  const pageCache = new PageCache(config.pageCacheEntries, 10 * 60 * 1000);
  const site = new SiteState(storage.db, config.publicUrl, { css: assets.css, js: assets.js });
  const setSecurityHeaders = securityHeaderSetter({ hsts: config.publicUrl.startsWith('https://') });
  const sendError = errorResponder({
    siteContext: () => site.context(),
    fallbackContext: minimalSiteContext(assets, config.publicUrl),
  });

  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            // Never log who a reader is: no cookies, no auth headers, no query strings with tokens.
            redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
            ...(config.env === 'development'
              ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname' } } }
              : {}),
          },
    // Per-request access lines belong to the CDN or proxy; the app logs what went wrong.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 300 },
    // The router refuses a URL with broken percent-encoding (or an over-long part) before any hook runs;
    // such a request still gets our headers and a readable page, not Fastify's bare JSON.
    frameworkErrors(error, request, reply) {
      setSecurityHeaders(request, reply);
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      return sendError(
        request,
        reply,
        tooLong ? 414 : 400,
        tooLong ? 'URL_TOO_LONG' : 'BAD_URL',
        tooLong ? 'That address is too long.' : 'That address is not a valid web address.',
      );
    },
  });

  events.onChange((reason) => {
    // A change to one page (a comment approved on an article) drops that page only.
    const path = changedPagePath(reason);
    if (path) return pageCache.dropPath(path);
    pageCache.clear();
    site.invalidate();
  });
  const serve = publicPages({
    cache: pageCache,
    browserMaxAgeSeconds: 60,
    cdnMaxAgeSeconds: config.cdnMaxAgeSeconds,
    cdnStaleSeconds: config.cdnStaleSeconds,
  });

  await app.register(securityHeaders(setSecurityHeaders));
  await app.register(errorHandling(sendError));
  await app.register(csrfProtection({ publicUrl: config.publicUrl }));
  await app.register(cookie, { secret: deps.secret });
  await app.register(formbody);
  const rates = deps.rateLimits ?? databaseRateLimitStore(storage.db);
  // Before every other admin plugin: its onRoute hook makes each /admin route declare a permission.
  await app.register(
    staffAuth({
      db: storage.db,
      secret: deps.secret,
      clock,
      secureCookies: config.publicUrl.startsWith('https://'),
      mailToOutbox: deps.mailer.kind === 'outbox',
      rates,
    }),
  );
  await app.register(adminAssetRoutes(buildAdminAssets()));
  await app.register(
    newsroomAccounts({ db: storage.db, mailer: deps.mailer, events, clock, publicUrl: config.publicUrl }),
  );
  await app.register(assetRoutes(assets));
  await app.register(mediaRoutes({ store: deps.files }));
  await app.register(newsroomMediaRoutes({ db: storage.db, store: deps.files, events, clock }));
  await app.register(wellKnownRoutes({ site }));
  await app.register(siteIconRoutes({ site }));
  const support = revenue({
    db: storage.db,
    payments: deps.payments ?? paymentsFromConfig(config.stripe),
    mailer: deps.mailer,
    events,
    site,
    serve,
    secret: deps.secret,
    publicUrl: config.publicUrl,
    clock,
    rates,
  });
  const discussion = comments({
    db: storage.db,
    site,
    serve,
    events,
    mailer: deps.mailer,
    rates,
    secret: deps.secret,
    publicUrl: config.publicUrl,
    clock,
  });
  await app.register(
    editorialRoutes({
      db: storage.db,
      events,
      site,
      serve,
      clock,
      previewExtensions: [support.articleExtension, discussion.articleExtension],
    }),
  );
  await app.register(support.routes);
  await app.register(discussion.routes);
  await app.register(
    readerRoutes({
      db: storage.db,
      site,
      serve,
      // Corrections first: an update note belongs right after the story, before the call to support it.
      articleExtensions: [
        correctionsExtension(storage.db),
        support.articleExtension,
        discussion.articleExtension,
      ],
      homeSupport: support.homeCallToAction,
    }),
  );
  await app.register(feedRoutes({ db: storage.db, site, serve, clock }));

  return { app, pageCache, site };
}
