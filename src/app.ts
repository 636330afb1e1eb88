// Builds the Fastify app: the shared HTTP concerns, then the reader site and the newsroom, each from its
// domains. main.ts starts it; tests build it and call inject(). This is the one file that knows every domain.

import { createServer } from 'node:http';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import type { Registry } from 'prom-client';
import { EMBED_FRAME_ORIGINS } from './articles/render/embeds.js';
import { StoryCache } from './articles/story-cache.js';
import { purgeStatus } from './cdn/purge-queue.js';
import { commentDeps } from './comments/comment-deps.js';
import type { Config } from './config.js';
import { ConsentState } from './consent/consent-state.js';
import { consentShell } from './consent/shell.js';
import { countDue } from './editorial/queries/due.js';
import { type Assets, assetRoutes, loadAssets } from './http/assets.js';
import { type CachedPageReplayer, cachedPageReplayer } from './http/cached-page-replay.js';
import { type ResolveHost, systemResolver } from './http/checked-lookup.js';
import { csrfProtection } from './http/csrf.js';
import { errorHandling, errorResponder } from './http/error-handler.js';
import { healthRoutes } from './http/health-routes.js';
import { CENSOR, logSerializers, REDACT_PATHS } from './http/log-redaction.js';
import type { createMetrics } from './http/metrics.js';
import { PageCache } from './http/page-cache.js';
import { publicPages } from './http/public-page.js';
import { databaseRateLimitStore, type RateLimitStore } from './http/rate-limit-store.js';
import { collectReservedPaths, type ReservedPaths } from './http/reserved-paths.js';
import { securityHeaderSetter, securityHeaders } from './http/security-headers.js';
import { EVERYTHING } from './http/tagged-cache.js';
import type { Mailer } from './mail/mailer.js';
import type { FileStore } from './media/file-store.js';
import { imageQueue } from './media/image-queue.js';
import { serveMediaFrom } from './media/media.js';
import { footerSignupHtml } from './newsletters/footer-signup.js';
import type { NewsletterDeps } from './newsletters/newsletter-deps.js';
import { fetchAwsText } from './newsletters/webhooks/sns-signature.js';
import { newsroom, newsroomApi } from './newsroom.js';
import { readerSite } from './reader-site.js';
import type { PaymentProvider } from './revenue/payment-provider.js';
import { revenueDeps } from './revenue/revenue-deps.js';
import { paymentsFromConfig } from './revenue/stripe-provider.js';
import { readinessChecks } from './server/readiness-checks.js';
import { errorPageRenderer } from './site/error-pages.js';
import { SiteState } from './site/site-state.js';
import type { ContentEvents } from './storage/content-events.js';
import type { Storage } from './storage/db.js';
import { countPendingDeliveries } from './webhooks/delivery-queries.js';
import { apiDiscoveryLink } from './wordpress-api/links.js';

export interface AppDeps {
  config: Config;
  storage: Storage;
  files: FileStore;
  events: ContentEvents;
  mailer: Mailer;
  /** Signs sessions and emailed links; see site/app-secret.ts. */
  secret: string;
  clock?: () => Date;
  /** The built browser assets; read from dist/public when not given. */
  assets?: Assets;
  /** Takes donations; built from config (Stripe, or "not configured") when not given. */
  payments?: PaymentProvider;
  /** Rate-limit counters shared by every instance: Redis when configured (main.ts), else the database. */
  rateLimits?: RateLimitStore;
  /** Finds a host's addresses (the comment spam checker's, webhooks'); the system resolver unless given. */
  resolveHost?: ResolveHost;
  /** The clock of the page cache's freshness (milliseconds), so tests can let pages expire. */
  cacheClock?: () => number;
  /** In a worker process (WEB_CONCURRENCY > 1): every worker's metrics, aggregated by the primary. */
  clusterMetrics?: () => Promise<string>;
  /** Where log lines go: stdout unless given (tests read what was logged). */
  logStream?: { write(line: string): void };
}

export interface App {
  app: FastifyInstance;
  pageCache: PageCache;
  stories: StoryCache;
  site: SiteState;
  /** Counts the requests answered by the fast path, for tests and metrics. */
  replayCachedPage: CachedPageReplayer;
  /** This process's metrics (with METRICS_TOKEN), for the primary to gather from its workers. */
  metrics?: Registry;
  /** The first segments of every address it answers (what a page's slug may not be). */
  reservedPaths: ReservedPaths;
}

const CACHE_TTL_MS = 10 * 60 * 1000;

/** The newsroom and the APIs: no reader page, so never the third-party tags' hosts in their CSP. */
function isNewsroomUrl(url: string): boolean {
  return url.startsWith('/admin') || url.startsWith('/api/');
}

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, storage, events } = deps;
  const { db } = storage;
  serveMediaFrom(config.mediaPublicUrl);
  const clock = deps.clock ?? (() => new Date());
  const assets = deps.assets ?? loadAssets();
  const rates = deps.rateLimits ?? databaseRateLimitStore(db);
  // Third-party tags: read now; the first requests wait for them (below), as every reader page's CSP depends on
  // them. Not awaited: a database away at start must not stop the start (readers get 503s, /readyz says why).
  const consent = new ConsentState(db);
  consent.loaded().catch(() => {});
  const secure = config.publicUrl.startsWith('https://');
  const consentAssets = { script: assets.path('consent.js'), stylesheet: assets.path('consent.css') };
  const site = new SiteState(
    db,
    config.publicUrl,
    {
      css: assets.path('site.css'),
      js: assets.path('site.js'),
      ...(config.analytics.enabled ? { beacon: assets.path('beacon.js') } : {}),
    },
    async () => ({
      ...consentShell(await consent.loaded(), consentAssets, secure),
      footerHtml: await footerSignupHtml(db),
    }),
  );
  // Expired pages are kept as long as they may be served when the database cannot render them again.
  const pageCache = new PageCache(
    { maxBytes: config.pageCacheBytes, ttlMs: CACHE_TTL_MS, staleMs: config.staleIfErrorSeconds * 1000 },
    deps.cacheClock,
  );
  const stories = new StoryCache({ maxBytes: config.pageCacheBytes / 2, ttlMs: CACHE_TTL_MS });
  // Every instance drops exactly what a change touched; EVERYTHING (settings, sections) also the site context.
  events.onChange((tags) => {
    if (tags.includes(EVERYTHING)) {
      consent.invalidate();
      site.invalidate();
    }
    pageCache.invalidate(tags);
    stories.invalidate(tags);
  });
  const setSecurityHeaders = securityHeaderSetter({
    hsts: config.publicUrl.startsWith('https://'),
    frameSources: EMBED_FRAME_ORIGINS,
    imageSources: config.mediaPublicUrl ? [new URL(config.mediaPublicUrl).origin] : [],
    // Reader pages allow the configured tags' hosts (the loader adds their scripts only after consent); the
    // newsroom and the APIs never do.
    thirdParty: (request) => (isNewsroomUrl(request.url) ? null : consent.current().sources),
  });
  const sendError = errorResponder({ renderPage: errorPageRenderer(site, assets) });
  const replayCachedPage = cachedPageReplayer(pageCache);
  const app = Fastify({
    // A plain GET of a cached page is answered before Fastify sees it (http/cached-page-replay.ts); the
    // server keeps the keep-alive timeout Fastify gives its own (node's 5 s is shorter than most proxies').
    serverFactory(handler) {
      const server = createServer((request, response) => {
        if (!replayCachedPage(request, response)) handler(request, response);
      });
      server.keepAliveTimeout = 72_000;
      return server;
    },
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            // Never log who a reader is nor a secret (http/log-redaction.ts): no cookies, no credentials,
            // no email addresses, no query strings' values, no address with a token in its path.
            redact: { paths: REDACT_PATHS, censor: CENSOR },
            serializers: logSerializers,
            ...(deps.logStream
              ? { stream: deps.logStream }
              : config.env === 'development'
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
  const reservedPaths = collectReservedPaths(app);
  // The newsroom's hooks guard only the routes registered inside it: an /admin route anywhere else would
  // be unguarded, so it is a start-up error.
  app.addHook('onRoute', function (route) {
    if (route.url.startsWith('/admin') && !this.hasDecorator('staffSessions')) {
      throw new Error(`route ${route.method} ${route.url} is outside the newsroom (src/newsroom.ts)`);
    }
    if (route.url.startsWith('/api/admin') && !this.hasDecorator('adminApi')) {
      throw new Error(
        `route ${route.method} ${route.url} is outside the admin API (src/admin-api/plugin.ts)`,
      );
    }
  });

  // While the tags are being read (at start, after a change), a request waits before its CSP is set: the page
  // it gets is rendered from the new tags (the shell waits too), and header and page must name the same hosts.
  app.addHook('onRequest', (_request, _reply, done) => {
    if (!consent.reading) return done();
    consent.loaded().then(
      () => done(),
      () => done(),
    );
  });
  await app.register(securityHeaders(setSecurityHeaders));
  // The reader site is made below; by the time a request is not found, it is there.
  await app.register(errorHandling(sendError, (request, reply) => reader.rescueNotFound(request, reply)));
  await app.register(csrfProtection({ publicUrl: config.publicUrl }));
  await app.register(cookie, { secret: deps.secret });
  await app.register(formbody);
  await app.register(assetRoutes(assets));
  await app.register(healthRoutes({ checks: readinessChecks(app, deps) }));
  const images = imageQueue(config.images);
  let metrics: ReturnType<typeof createMetrics> | undefined;
  if (config.metricsToken) {
    // Loaded only with the setting: prom-client takes some 40 ms to load, which a start need not spend.
    const { createMetrics, metricsRoutes } = await import('./http/metrics.js');
    metrics = createMetrics({
      pageCache,
      stories,
      replayed: () => replayCachedPage.replayed,
      queries: storage.queries,
      pool: storage.pool,
      images,
      scheduledDue: () => countDue(db, clock().toISOString()),
      cdnPurge: config.cdnPurge ? () => purgeStatus(db) : undefined,
      queues: { webhooks: () => countPendingDeliveries(db) },
    });
    app.addHook('onClose', async () => metrics?.close());
    await app.register(metricsRoutes({ metrics, token: config.metricsToken, collect: deps.clusterMetrics }));
  }

  const serve = publicPages({
    cache: pageCache,
    cdnMaxAgeSeconds: config.cdnMaxAgeSeconds,
    cdnStaleSeconds: config.cdnStaleSeconds,
    staleIfErrorSeconds: config.staleIfErrorSeconds,
    edge: config.cdnPurge
      ? {
          header: config.cdnPurge.kind === 'fastly' ? 'surrogate-control' : 'cdn-cache-control',
          maxAgeSeconds: config.cdnPurge.edgeMaxAgeSeconds,
        }
      : undefined,
    htmlHeaders: { link: apiDiscoveryLink(config.publicUrl) },
  });
  const comments = commentDeps({
    db,
    events,
    mailer: deps.mailer,
    rates,
    secret: deps.secret,
    publicUrl: config.publicUrl,
    clock,
    siteName: async () => (await site.context()).settings.siteName,
    resolveHost: deps.resolveHost,
    log: { error: (details, message) => app.log.error(details, message) },
  });
  const revenue = revenueDeps({
    db,
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
  const newsletters: NewsletterDeps = {
    db,
    site,
    serve,
    events,
    mailer: deps.mailer,
    rates,
    secret: deps.secret,
    publicUrl: config.publicUrl,
    mailFrom: config.mailFrom,
    clock,
    webhooks: {
      fetchText: fetchAwsText,
      snsTopics: config.newsletters.snsTopics,
      postmarkSecret: config.newsletters.postmarkSecret,
    },
  };
  const reader = readerSite({
    db,
    site,
    serve,
    events,
    files: deps.files,
    assets,
    stories,
    comments,
    revenue,
    consent,
    newsletters,
    clock,
    fragmentBytes: config.pageCacheBytes / 4,
    contentApi: {
      rates,
      secret: deps.secret,
      answers: {
        maxBytes: config.pageCacheBytes / 4,
        ttlMs: CACHE_TTL_MS,
        browserMaxAgeSeconds: 60,
        cdnMaxAgeSeconds: config.cdnMaxAgeSeconds,
        cdnStaleSeconds: config.cdnStaleSeconds,
      },
    },
    analytics: config.analytics.enabled
      ? { ...config.analytics, publicUrl: config.publicUrl, log: app.log }
      : undefined,
  });
  await app.register(reader.register);
  await app.register(
    newsroom({
      db,
      events,
      site,
      files: deps.files,
      images,
      mailer: deps.mailer,
      rates,
      assets,
      secret: deps.secret,
      publicUrl: config.publicUrl,
      clock,
      comments,
      revenue,
      webhooks: {
        db,
        clock,
        resolveHost: deps.resolveHost ?? systemResolver,
        allowedHosts: config.webhooks.allowedHosts,
        publicUrl: config.publicUrl,
        mailer: deps.mailer,
      },
      newsletters,
      previewExtensions: reader.articleExtensions,
      reservedPaths,
      importUploads: config.imports,
    }),
  );
  await app.register(
    newsroomApi({
      db,
      events,
      site,
      files: deps.files,
      images,
      comments,
      rates,
      mail: { mailer: deps.mailer, publicUrl: config.publicUrl },
      secret: deps.secret,
      clock,
      requestsPerMinute: config.adminApiRequestsPerMinute,
    }),
  );
  return { app, pageCache, stories, site, replayCachedPage, metrics: metrics?.registry, reservedPaths };
}
