// The rate-limit counters in Redis, for several instances (REDIS_URL): one INCR with an expiry per window.
// A file of its own so that an instance without Redis never loads its client.
import { Redis } from 'ioredis';
import { type RateLimitStore, windowOf } from './rate-limit-store.js';

export function redisRateLimitStore(url: string, prefix = 'broadsheet:rate:'): RateLimitStore {
  const redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true });
  // A Redis outage shows up as failed requests (the error handler answers 500), not as a crashed process.
  redis.on('error', () => {});
  return {
    async hit(key, windowMs, now) {
      const { index } = windowOf(windowMs, now);
      const full = `${prefix}${key}:${index}`;
      const result = await redis.multi().incr(full).pexpire(full, windowMs).exec();
      const [error, count] = result?.[0] ?? [new Error('Redis returned no result'), 0];
      if (error) throw error;
      return Number(count);
    },
    async close() {
      redis.disconnect();
    },
  };
}
