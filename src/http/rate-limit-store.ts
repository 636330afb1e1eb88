// Counters for rate limits that every app instance shares: in the database by default, in Redis when
// REDIS_URL is set. Fixed windows: a key's count starts at 1 in each window and the window's row expires.
// Keys must not hold personal data in the clear (hash an IP or email with the app secret first).
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

export interface RateLimitStore {
  /** Counts one more hit of `key` in the window containing `now`; returns the count so far in that window. */
  hit(key: string, windowMs: number, now: Date): Promise<number>;
  close(): Promise<void>;
}

export interface RateRule {
  /** Short name, part of the key (e.g. 'comment-ip-minute'). */
  name: string;
  max: number;
  windowMs: number;
}

export interface RateDecision {
  allowed: boolean;
  /** Seconds until the window that refused ends; 0 when allowed. */
  retryAfterSeconds: number;
}

export function windowOf(windowMs: number, now: Date): { index: number; endsAt: number } {
  const index = Math.floor(now.getTime() / windowMs);
  return { index, endsAt: (index + 1) * windowMs };
}

/** Applies every rule to its subject; refuses when any is over its limit. Each rule counts the hit. */
export async function checkRates(
  store: RateLimitStore,
  checks: Array<{ rule: RateRule; subject: string }>,
  now: Date,
): Promise<RateDecision> {
  const counts = await Promise.all(
    checks.map(({ rule, subject }) => store.hit(`${rule.name}:${subject}`, rule.windowMs, now)),
  );
  let retry = 0;
  checks.forEach(({ rule }, i) => {
    if (counts[i]! > rule.max) retry = Math.max(retry, windowOf(rule.windowMs, now).endsAt - now.getTime());
  });
  return { allowed: retry === 0, retryAfterSeconds: Math.ceil(retry / 1000) };
}

/**
 * Counters in this process only: what a store shared by instances falls back to when it cannot count
 * (redis-rate-limit-store.ts). Windows that have ended are forgotten now and then.
 */
export function memoryRateLimitStore(): RateLimitStore {
  const counts = new Map<string, { count: number; endsAt: number }>();
  let hits = 0;
  return {
    async hit(key, windowMs, now) {
      const { index, endsAt } = windowOf(windowMs, now);
      if (++hits % SWEEP_EVERY === 0) {
        for (const [k, v] of counts) if (v.endsAt <= now.getTime()) counts.delete(k);
      }
      const full = `${key}:${index}`;
      const entry = counts.get(full) ?? { count: 0, endsAt };
      entry.count++;
      counts.set(full, entry);
      return entry.count;
    },
    async close() {
      counts.clear();
    },
  };
}

// Expired rows are swept now and then rather than on every hit, which would double the writes.
const SWEEP_EVERY = 500;

export function databaseRateLimitStore(db: Kysely<Database>): RateLimitStore {
  let hits = 0;
  return {
    async hit(key, windowMs, now) {
      const { index, endsAt } = windowOf(windowMs, now);
      const expires = new Date(endsAt).toISOString();
      if (++hits % SWEEP_EVERY === 0) {
        await db.deleteFrom('rate_limit_counters').where('expires_at', '<', now.toISOString()).execute();
      }
      // One statement, so that two instances counting the same key at once both count.
      const row = await db
        .insertInto('rate_limit_counters')
        .values({ key: `${key}:${index}`, count: 1, expires_at: expires })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => ({ count: eb('rate_limit_counters.count', '+', 1) })),
        )
        .returning('count')
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },
    async close() {},
  };
}
