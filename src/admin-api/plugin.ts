// The admin API at /api/admin: writes for tools and scripts, in its own encapsulated context beside the
// newsroom's. Its requests carry a token, never a session: the staff hooks (cookie, per-session CSRF) do not
// run here, and the cookie is never read. Every route declares the scope it needs; a route without one stops
// the app from starting. The app-wide Origin check is off for these routes because nothing here trusts
// what a browser sends by itself: a page on another site can send cookies but cannot set the Authorization
// header (that needs CORS, which this API does not answer).
import type { FastifyInstance, RouteOptions } from 'fastify';
import { TooManyRequests } from '../http/errors.js';
import { checkRates } from '../http/rate-limit-store.js';
import { articleApiRoutes } from './article-routes.js';
import { type ApiCaller, identifyCaller, requireScope } from './caller.js';
import { commentApiRoutes } from './comment-routes.js';
import { mediaApiRoutes } from './media-routes.js';
import type { AdminApiOptions } from './route-config.js';
import { type ApiScope, isApiScope } from './scopes.js';

export type { AdminApiOptions } from './route-config.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The admin API token's caller; set on /api/admin routes only. */
    apiCaller: ApiCaller | null;
  }
  interface FastifyContextConfig {
    /** Required on every admin API route: the token scope it needs. */
    scope?: ApiScope;
  }
  interface FastifyInstance {
    /** Present in the admin API's context: app.ts refuses an /api/admin route anywhere else. */
    adminApi: true;
  }
}

export const ADMIN_API_PREFIX = '/api/admin';
const MINUTE_MS = 60_000;

function requireDeclaredScope(route: RouteOptions): void {
  if (!isApiScope(route.config?.scope))
    throw new Error(`admin API route ${route.method} ${route.url} declares no scope (config.scope)`);
  if (route.config?.csrf !== false)
    throw new Error(`admin API route ${route.method} ${route.url} must be declared with needs(scope)`);
}

export function adminApi(options: AdminApiOptions) {
  const { db, secret, clock } = options;
  return async function register(app: FastifyInstance): Promise<void> {
    app.decorate('adminApi', true);
    app.decorateRequest('apiCaller', null);
    app.addHook('onRoute', requireDeclaredScope);

    // onRequest, before the body is read: an unknown token's upload is never parsed.
    app.addHook('onRequest', async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const now = clock();
      const caller = await identifyCaller(db, secret, request, now);
      request.apiCaller = caller;
      requireScope(caller, request.routeOptions.config.scope!);
      // Counted per token, in the store every instance shares.
      const decision = await checkRates(
        options.rates,
        [
          {
            rule: { name: 'admin-api', max: options.requestsPerMinute, windowMs: MINUTE_MS },
            subject: `token:${caller.tokenId}`,
          },
        ],
        now,
      );
      if (!decision.allowed) {
        reply.header('retry-after', String(decision.retryAfterSeconds));
        throw new TooManyRequests(
          `This API token made more than ${options.requestsPerMinute} requests in a minute. ` +
            `Try again in ${decision.retryAfterSeconds} seconds.`,
        );
      }
    });
    app.addHook('onSend', async (_request, reply, payload) => {
      if (reply.statusCode === 401) reply.header('www-authenticate', 'Bearer realm="admin API"');
      return payload;
    });

    await app.register(articleApiRoutes(options));
    await app.register(mediaApiRoutes(options));
    await app.register(commentApiRoutes(options));
  };
}
