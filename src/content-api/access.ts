// Who may call the content API and how often: every request carries a key (Authorization: Bearer, the
// X-Broadsheet-Key header or `key=`), counted against the key's own limit per minute in the shared
// rate-limit store; a browser page may read the answer only when its origin is one the key allows (CORS).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TooManyRequests, Unauthorized } from '../http/errors.js';
import type { RateLimitStore } from '../http/rate-limit-store.js';
import { windowOf } from '../http/rate-limit-store.js';
import type { ContentApiKey, KeyRing } from './keys.js';

const MINUTE_MS = 60_000;
const ALLOWED_HEADERS = 'Authorization, X-Broadsheet-Key, If-None-Match';
const EXPOSED_HEADERS = 'ETag, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining';
// How long a browser may remember a preflight's answer.
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/** The key as the request presents it, or null. A header wins over the query string. */
export function presentedKey(request: FastifyRequest): string | null {
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match) return match[1]!;
  }
  const header = request.headers['x-broadsheet-key'];
  if (typeof header === 'string' && header !== '') return header.trim();
  const query = (request.query as Record<string, unknown> | undefined)?.key;
  return typeof query === 'string' && query !== '' ? query : null;
}

export interface AccessOptions {
  keys: KeyRing;
  rates: RateLimitStore;
  clock: () => Date;
}

function allows(key: Pick<ContentApiKey, 'allowedOrigins'>, origin: string): boolean {
  return key.allowedOrigins.includes(origin) || key.allowedOrigins.includes('*');
}

export function contentApiAccess(options: AccessOptions) {
  /** The onRequest check of every API route: a known key within its limit, and CORS for its origins. */
  async function admit(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const presented = presentedKey(request);
    if (presented === null)
      throw new Unauthorized(
        'A content API key is required: send it as "Authorization: Bearer <key>", the X-Broadsheet-Key header or key=.',
      );
    const key = await options.keys.find(presented);
    if (!key) throw new Unauthorized('That content API key is not valid, or it has been revoked.');
    const origin = request.headers.origin;
    if (typeof origin === 'string' && allows(key, origin)) {
      reply
        .header('access-control-allow-origin', origin)
        .header('access-control-expose-headers', EXPOSED_HEADERS);
    }
    const now = options.clock();
    const count = await options.rates.hit(`content-api:${key.id}`, MINUTE_MS, now);
    reply
      .header('x-ratelimit-limit', String(key.ratePerMinute))
      .header('x-ratelimit-remaining', String(Math.max(0, key.ratePerMinute - count)));
    if (count > key.ratePerMinute) {
      const retry = Math.ceil((windowOf(MINUTE_MS, now).endsAt - now.getTime()) / 1000);
      reply.header('retry-after', String(Math.max(1, retry)));
      throw new TooManyRequests(
        `This key may make ${key.ratePerMinute} requests a minute; try again in ${Math.max(1, retry)} seconds.`,
      );
    }
  }

  /**
   * A browser's preflight carries no credentials, so it is answered for any origin some active key allows
   * (or the key in `key=` allows); the request that follows is held to its own key's origins.
   */
  async function preflight(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const origin = request.headers.origin;
    const presented = presentedKey(request);
    const key = presented === null ? null : await options.keys.find(presented);
    const allowed =
      typeof origin === 'string' &&
      (key ? allows(key, origin) : presented === null && (await options.keys.originAllowed(origin)));
    reply.header('vary', 'Origin').header('cache-control', 'no-store');
    if (!allowed) return reply.code(204).send();
    return reply
      .code(204)
      .header('access-control-allow-origin', origin)
      .header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
      .header('access-control-allow-headers', ALLOWED_HEADERS)
      .header('access-control-max-age', String(PREFLIGHT_MAX_AGE_SECONDS))
      .send();
  }

  return { admit, preflight };
}
