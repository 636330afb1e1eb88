// The rate-limit counters in Redis, for several instances (REDIS_URL): one INCR with an expiry per window.
// A file of its own so that an instance without Redis never loads its client.
//
// Redis is a helper here, not a dependency of posting: when it is down or stalled, a hit waits at most
// COMMAND_TIMEOUT_MS for a connection and as long again for an answer, and is then counted in the fallback
// store (the database in production); for the next RETRY_AFTER_MS every hit goes straight there, so that an
// outage costs readers no time.
import { Redis } from 'ioredis';
import { memoryRateLimitStore, type RateLimitStore, windowOf } from './rate-limit-store.js';

export interface RedisRateLimitOptions {
  /** Counts while Redis cannot; an in-process store unless given (listen.ts gives the database's). */
  fallback?: RateLimitStore;
  commandTimeoutMs?: number;
  retryAfterMs?: number;
  /** Told once when counting moves to the fallback, and once when it comes back; never told a key. */
  log?: (message: string) => void;
}

const COMMAND_TIMEOUT_MS = 300;
const RETRY_AFTER_MS = 5000;

class RedisTimeout extends Error {}

export function redisRateLimitStore(
  url: string,
  prefix = 'broadsheet:rate:',
  options: RedisRateLimitOptions = {},
): RateLimitStore {
  const commandTimeout = options.commandTimeoutMs ?? COMMAND_TIMEOUT_MS;
  const retryAfter = options.retryAfterMs ?? RETRY_AFTER_MS;
  const fallback = options.fallback ?? memoryRateLimitStore();
  const log = options.log ?? (() => {});
  // No queue while disconnected and no retries of a command: a command fails at once rather than waiting
  // for a Redis that may not come back (ioredis would otherwise hold it for the whole reconnection).
  const redis = new Redis(url, {
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    commandTimeout,
    connectTimeout: 1000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  // An outage shows up as hits counted in the fallback, never as a crashed process.
  redis.on('error', () => {});
  let downUntil = 0;
  let usingFallback = false;
  let readyWait: Promise<boolean> | null = null;

  /** Whether Redis is connected, waiting for it (connecting at start, reconnecting) at most `ms`. */
  function readyWithin(ms: number): Promise<boolean> {
    if (redis.status === 'ready') return Promise.resolve(true);
    readyWait ??= new Promise<boolean>((resolve) => {
      const done = (ready: boolean) => {
        clearTimeout(timer);
        redis.off('ready', onReady);
        readyWait = null;
        resolve(ready);
      };
      const onReady = () => done(true);
      const timer = setTimeout(() => done(false), ms);
      redis.once('ready', onReady);
    });
    return readyWait;
  }

  function useFallback(reason: string) {
    if (!usingFallback) log(`Redis rate limits unavailable (${reason}); counting in the fallback store`);
    usingFallback = true;
  }

  async function hitRedis(key: string, windowMs: number, now: Date): Promise<number> {
    const { index } = windowOf(windowMs, now);
    const full = `${prefix}${key}:${index}`;
    let timer: NodeJS.Timeout | undefined;
    // ioredis's own timeout covers each command; this bounds the whole transaction, whatever the client does.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RedisTimeout('Redis did not answer in time')), commandTimeout);
    });
    try {
      const result = await Promise.race([redis.multi().incr(full).pexpire(full, windowMs).exec(), timeout]);
      const [error, count] = result?.[0] ?? [new Error('Redis returned no result'), 0];
      if (error) throw error;
      return Number(count);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async hit(key, windowMs, now) {
      // After a failure, Redis is left alone for a while: an outage costs one short wait, not one per hit.
      if (performance.now() >= downUntil) {
        try {
          if (!(await readyWithin(commandTimeout))) throw new Error(`connection ${redis.status}`);
          const count = await hitRedis(key, windowMs, now);
          if (usingFallback) log('Redis rate limits are back');
          usingFallback = false;
          return count;
        } catch (error) {
          downUntil = performance.now() + retryAfter;
          useFallback((error as Error).message);
        }
      }
      return fallback.hit(key, windowMs, now);
    },
    async close() {
      redis.disconnect();
      await fallback.close();
    },
  };
}
