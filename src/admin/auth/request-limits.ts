// How often one person (or, before signing in, one network) may call a newsroom route that declares a
// `limit`, counted in the shared store (database or Redis) so that every instance counts the same requests.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TooManyRequests } from '../../http/errors.js';
import { networkOf } from '../../http/network.js';
import { checkRates, type RateLimitStore } from '../../http/rate-limit-store.js';
import { keyedHash } from '../../http/signed-tokens.js';

export interface RequestLimit {
  max: number;
  windowMs: number;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** At most `max` requests per window to this route, per staff member or, signed out, per network. */
    limit?: RequestLimit;
  }
}

export const MINUTE_MS = 60_000;

/**
 * Whom a request counts against. A person, not an address, once signed in: a whole newsroom may share one.
 * Addresses are keyed with the app secret, as the store asks, so the counters never hold one in the clear.
 */
function subjectOf(secret: string, request: FastifyRequest): string {
  if (request.staff) return `staff:${request.staff.id}`;
  return `net:${keyedHash(secret, 'newsroom-network', networkOf(request.ip)).slice(0, 32)}`;
}

function inWords(seconds: number): string {
  if (seconds <= 90) return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

/** The onRequest hook that enforces each route's `limit`; staffAuth runs it once the person is known. */
export function requestLimiter(options: { store: RateLimitStore; secret: string; clock: () => Date }) {
  return async function enforce(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const limit = request.routeOptions.config?.limit;
    if (!limit) return;
    // Each route counts on its own, as one route's pace says nothing about another's.
    const rule = { name: `admin:${request.method}:${request.routeOptions.url}`, ...limit };
    const decision = await checkRates(
      options.store,
      [{ rule, subject: subjectOf(options.secret, request) }],
      options.clock(),
    );
    if (decision.allowed) return;
    reply.header('retry-after', String(decision.retryAfterSeconds));
    throw new TooManyRequests(
      `Too many requests. Please try again in ${inWords(decision.retryAfterSeconds)}.`,
    );
  };
}
