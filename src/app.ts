// Builds the Fastify app from the domain plugins, registered here by name and in order. main.ts starts it;
// tests build it and call inject().
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { feedRoutes } from './articles/feed-routes.js';
import { readerRoutes } from './articles/routes.js';
import type { Config } from './config.js';
import { csrfProtection } from './http/csrf.js';
import { errorHandling, minimalSiteContext } from './http/error-handler.js';
import { PageCache } from './http/page-cache.js';
import { publicPages } from './http/public-page.js';
import { securityHeaders } from './http/security-headers.js';
import type { Mailer } from './mail/mailer.js';
import type { FileStore } from './media/file-store.js';
import { mediaRoutes } from './media/routes.js';
import { wellKnownRoutes } from './site/well-known-routes.js';
import { SiteState } from './site/site-state.js';
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

  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            // Never log who a reader is: no cookies, no auth headers, no query strings with tokens.
            redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
            ...(config.env === 'development' ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname' } } } : {}),
          },
    // Per-request access lines belong to the CDN or proxy; the app logs what went wrong.
    disableRequestLogging: true,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 300 },
  });

  const pageCache = new PageCache(config.pageCacheEntries, 10 * 60 * 1000);
  const site = new SiteState(storage.db, config.publicUrl, { css: assets.css, js: assets.js });
  events.onChange(() => {
    pageCache.clear();
    site.invalidate();
  });
  const serve = publicPages({
    cache: pageCache,
    browserMaxAgeSeconds: 60,
    cdnMaxAgeSeconds: config.cdnMaxAgeSeconds,
    cdnStaleSeconds: config.cdnStaleSeconds,
  });

  await app.register(securityHeaders({ hsts: config.publicUrl.startsWith('https://') }));
  await app.register(errorHandling({ siteContext: () => site.context(), fallbackContext: minimalSiteContext(assets, config.publicUrl) }));
  await app.register(csrfProtection({ publicUrl: config.publicUrl }));
  await app.register(cookie, { secret: deps.secret });
  await app.register(formbody);
  await app.register(assetRoutes(assets));
  await app.register(mediaRoutes({ store: deps.files }));
  await app.register(wellKnownRoutes({ site }));
  await app.register(readerRoutes({ db: storage.db, site, serve }));
  await app.register(feedRoutes({ db: storage.db, site, serve, clock }));

  return { app, pageCache, site };
}
