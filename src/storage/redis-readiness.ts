// Whether Redis answers now, for /readyz: a connection of its own, opened on the first check (a file of its
// own, so that an instance without REDIS_URL never loads the client). A Redis that refused the last attempt
// is reported at once; one that accepts and does not answer, after the deadline.
import { Redis } from 'ioredis';
import { CheckFailed, shared, withDeadline } from './readiness.js';

export interface RedisProbe {
  check(): Promise<void>;
  close(): void;
}

export function redisProbe(url: string, deadlineMs: number): RedisProbe {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: deadlineMs,
    commandTimeout: deadlineMs,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  redis.on('error', () => {});
  const connected = () =>
    new Promise<void>((resolve, reject) => {
      const onReady = () => {
        redis.off('error', onError);
        resolve();
      };
      const onError = (error: Error) => {
        redis.off('ready', onReady);
        reject(error);
      };
      redis.once('ready', onReady);
      redis.once('error', onError);
    });
  const check = shared(async () => {
    try {
      if (redis.status === 'wait') {
        const ready = connected();
        redis.connect().catch(() => {});
        await withDeadline(ready, deadlineMs, `Redis did not connect within ${deadlineMs} ms`);
      } else if (redis.status === 'connecting' || redis.status === 'connect') {
        await withDeadline(connected(), deadlineMs, `Redis did not connect within ${deadlineMs} ms`);
      }
      // 'reconnecting': the last attempt failed, so Redis is unreachable now; ping says so at once.
      await redis.ping();
    } catch (error) {
      throw new CheckFailed('unreachable', error);
    }
  });
  return { check, close: () => redis.disconnect() };
}
