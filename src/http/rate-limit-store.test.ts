// The shared rate-limit counters, on the real database (SQLite and PostgreSQL) and on the real Redis: they
// count per window, start again in the next one, and two instances sharing a store count together.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStorage, testDatabases } from '../../test/support/databases.js';
import {
  checkRates,
  databaseRateLimitStore,
  memoryRateLimitStore,
  type RateLimitStore,
} from './rate-limit-store.js';
import { redisRateLimitStore } from './redis-rate-limit-store.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const at = (iso: string) => new Date(iso);

function behavesAsACounter(
  name: string,
  open: () => Promise<{ a: RateLimitStore; b: RateLimitStore; close(): Promise<void> }>,
) {
  describe(name, () => {
    let stores: Awaited<ReturnType<typeof open>>;
    beforeAll(async () => {
      stores = await open();
    });
    afterAll(async () => stores?.close());

    it('counts hits in one window and starts again in the next', async () => {
      const key = `k-${randomUUID()}`;
      expect(await stores.a.hit(key, 60_000, at('2026-01-01T00:00:01Z'))).toBe(1);
      expect(await stores.a.hit(key, 60_000, at('2026-01-01T00:00:30Z'))).toBe(2);
      expect(await stores.a.hit(key, 60_000, at('2026-01-01T00:00:59Z'))).toBe(3);
      expect(await stores.a.hit(key, 60_000, at('2026-01-01T00:01:00Z'))).toBe(1);
    });

    it('is shared: two instances count the same key together, also at the same moment', async () => {
      const key = `k-${randomUUID()}`;
      const now = at('2026-01-01T10:00:00Z');
      const counts = await Promise.all([
        ...Array.from({ length: 5 }, () => stores.a.hit(key, 60_000, now)),
        ...Array.from({ length: 5 }, () => stores.b.hit(key, 60_000, now)),
      ]);
      expect(counts.sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    });

    it('refuses over the limit and says when to come back', async () => {
      const rule = { name: `r-${randomUUID()}`, max: 2, windowMs: 60_000 };
      const now = at('2026-01-01T10:00:15Z');
      expect((await checkRates(stores.a, [{ rule, subject: 'x' }], now)).allowed).toBe(true);
      expect((await checkRates(stores.b, [{ rule, subject: 'x' }], now)).allowed).toBe(true);
      const third = await checkRates(stores.a, [{ rule, subject: 'x' }], now);
      expect(third).toEqual({ allowed: false, retryAfterSeconds: 45 });
      // Another subject has its own count.
      expect((await checkRates(stores.a, [{ rule, subject: 'y' }], now)).allowed).toBe(true);
    });
  });
}

describe.each(testDatabases)('database rate-limit store on $name', (database) => {
  behavesAsACounter('counter', async () => {
    const storage = await database.open();
    return {
      a: databaseRateLimitStore(storage.db),
      b: databaseRateLimitStore(storage.db),
      close: () => storage.cleanup(),
    };
  });

  describe('expiry', () => {
    let storage: TestStorage;
    beforeAll(async () => {
      storage = await database.open();
    });
    afterAll(async () => storage?.cleanup());

    it('sweeps windows that have ended, now and then', async () => {
      const store = databaseRateLimitStore(storage.db);
      for (let i = 0; i < 499; i++) await store.hit(`old-${i % 3}`, 1000, at('2020-01-01T00:00:00Z'));
      expect(await storage.db.selectFrom('rate_limit_counters').select('key').execute()).toHaveLength(3);
      await store.hit('new', 1000, at('2026-01-01T00:00:00Z'));
      const left = await storage.db.selectFrom('rate_limit_counters').select('key').execute();
      expect(left.map((r) => r.key)).toEqual([expect.stringMatching(/^new:/)]);
    });
  });
});

behavesAsACounter('Redis rate-limit store', async () => {
  const prefix = `test:${randomUUID()}:`;
  const a = redisRateLimitStore(REDIS_URL, prefix);
  const b = redisRateLimitStore(REDIS_URL, prefix);
  return {
    a,
    b,
    async close() {
      await a.close();
      await b.close();
    },
  };
});

describe('the in-process store Redis falls back to', () => {
  it('counts hits per key in one window and starts again in the next', async () => {
    const store = memoryRateLimitStore();
    expect(await store.hit('a', 60_000, at('2026-01-01T00:00:01Z'))).toBe(1);
    expect(await store.hit('a', 60_000, at('2026-01-01T00:00:59Z'))).toBe(2);
    expect(await store.hit('b', 60_000, at('2026-01-01T00:00:59Z'))).toBe(1);
    expect(await store.hit('a', 60_000, at('2026-01-01T00:01:00Z'))).toBe(1);
  });

  it('is what a Redis store with nothing at its address counts in, within a moment', async () => {
    const fallback = memoryRateLimitStore();
    const store = redisRateLimitStore('redis://127.0.0.1:9', 'test:', { fallback });
    try {
      const started = performance.now();
      expect(await store.hit('k', 60_000, at('2026-01-01T00:00:01Z'))).toBe(1);
      expect(await store.hit('k', 60_000, at('2026-01-01T00:00:02Z'))).toBe(2);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(await fallback.hit('k', 60_000, at('2026-01-01T00:00:03Z'))).toBe(3);
    } finally {
      await store.close();
    }
  });
});
