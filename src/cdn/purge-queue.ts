// Purges at the CDN what every change announced (storage/content-events.ts), once per change however many
// instances and machines serve the site. The queue is the record of changes the instances already share
// (the invalidations table): a change is in it once committed, so one that a process announced just before
// dying is still purged. One queue per machine runs with the background jobs; a lease in the bookmark
// (purge-bookmark.ts) lets one of them purge at a time, and another takes over when it stops renewing.
//
// Each read gathers the keys of every change waiting into as few requests as the CDN takes; EVERYTHING
// (settings, sections) purges all. A failed purge is tried again with growing pauses, or after the
// Retry-After the CDN asked for, and is counted (purgeStatus, for /metrics). If the queue fell further
// behind than the record keeps changes, what it missed is unknown: it purges everything once.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { EVERYTHING } from '../http/tagged-cache.js';
import { CHANGES_KEPT_MS } from '../storage/durable-content-events.js';
import type { Database } from '../storage/schema.js';
import { type CdnPurgeApi, PurgeFailed } from './purge-api.js';
import {
  addBookmark,
  type ChangeToPurge,
  changesToPurge,
  changesWaiting,
  newestChange,
  type PurgeBookmark,
  readBookmark,
  type StoredBookmark,
  swapBookmark,
} from './purge-bookmark.js';

export interface PurgeQueueOptions {
  db: Kysely<Database>;
  api: CdnPurgeApi;
  /** How often the record is read; a change reaches the CDN within about this long. */
  pollMs?: number;
  /** How long another machine waits after the purging one stopped renewing its lease. */
  leaseMs?: number;
  now?: () => number;
  log: { error(obj: object, msg: string): void; warn?(obj: object, msg: string): void };
}

export interface PurgeQueue {
  /** Reads the record once and purges what waits, unless another queue holds the lease or a pause runs. */
  poll(): Promise<void>;
  start(): void;
  /** Waits for the purge in progress and hands the lease back. */
  stop(): Promise<void>;
}

// PostgreSQL hands out ids before commit: a change may appear below one already purged. Each read looks
// this many ids back, and the ids purged there are kept in the bookmark (as durable-content-events does).
const LOOK_BACK_IDS = 100;
const READ_LIMIT = 500;
const FIRST_PAUSE_MS = 1000;
const LONGEST_PAUSE_MS = 5 * 60 * 1000;

export function cdnPurgeQueue(options: PurgeQueueOptions): PurgeQueue {
  const { db, api, log } = options;
  const now = options.now ?? Date.now;
  const pollMs = options.pollMs ?? 1000;
  const leaseMs = options.leaseMs ?? 30_000;
  const me = randomUUID();
  // Keys purged by the requests before a failed one, for the same changes' next attempt.
  let partial: { ids: string; keys: Set<string> } | null = null;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let busy = false;

  async function bookmark(t: number): Promise<StoredBookmark | undefined> {
    const kept = await readBookmark(db);
    if (kept) return kept;
    // First start, a restore (which empties the record), or no machine ran the queue for longer than the
    // record keeps changes (the bookmark went with them): what the CDN holds is unknown, so the first read
    // purges everything (checkedAt 0 is behind any record).
    const newest = await newestChange(db);
    await addBookmark(
      db,
      {
        through: newest,
        done: [],
        checkedAt: 0,
        holder: null,
        leaseUntil: 0,
        failures: 0,
        attempt: 0,
        retryAt: 0,
      },
      new Date(t),
    );
    return readBookmark(db);
  }

  async function claim(t: number): Promise<StoredBookmark | undefined> {
    const mark = await bookmark(t);
    if (!mark || mark.state.retryAt > t) return undefined;
    const { holder, leaseUntil } = mark.state;
    if (holder !== me && leaseUntil > t) return undefined;
    if (holder === me && leaseUntil - t > leaseMs / 2) return mark;
    return swapBookmark(db, mark, { ...mark.state, holder: me, leaseUntil: t + leaseMs }, new Date(t));
  }

  async function read(): Promise<void> {
    const t = now();
    let mark = await claim(t);
    if (!mark) return;
    const s = mark.state;
    const done = new Set(s.done);
    const page = await changesToPurge(db, Math.max(0, s.through - LOOK_BACK_IDS), READ_LIMIT);
    // A full page leaves changes behind it: the next read (at once) goes on from there.
    const more = page.length >= READ_LIMIT;
    const rows = page.filter((row) => !done.has(row.id));
    const behind = s.checkedAt < t - CHANGES_KEPT_MS;
    const everything = behind || rows.some((row) => row.tags.includes(EVERYTHING));
    if (rows.length === 0 && !everything) {
      // Nothing waits: note it now and then, which also keeps the bookmark from being pruned.
      if (t - s.checkedAt > CHANGES_KEPT_MS / 4)
        await swapBookmark(db, mark, { ...s, checkedAt: t }, new Date(t));
      return;
    }
    const ids = rows.map((row) => row.id).join(',');
    const newest = everything ? await newestChange(db) : 0;
    try {
      if (everything) await api.purgeEverything();
      else await api.purgeKeys(keysOf(rows, partial?.ids === ids ? partial.keys : undefined));
    } catch (error) {
      await failed(mark, error, ids, t);
      return;
    }
    partial = null;
    const through = Math.max(s.through, newest, ...rows.map((row) => row.id));
    const next: PurgeBookmark = {
      ...s,
      through,
      done: [...s.done, ...rows.map((row) => row.id)].filter((id) => id > through - LOOK_BACK_IDS),
      checkedAt: everything || !more ? t : s.checkedAt,
      attempt: 0,
      retryAt: 0,
    };
    mark = await swapBookmark(db, mark, next, new Date(now()));
    if (mark && more && !everything) await read();
  }

  async function failed(mark: StoredBookmark, error: unknown, ids: string, t: number): Promise<void> {
    const refused = error instanceof PurgeFailed ? error : undefined;
    if (refused && refused.done.length > 0) {
      const keys = partial?.ids === ids ? partial.keys : new Set<string>();
      for (const key of refused.done) keys.add(key);
      partial = { ids, keys };
    }
    const attempt = mark.state.attempt + 1;
    const pause = refused?.retryAfterMs ?? Math.min(FIRST_PAUSE_MS * 2 ** (attempt - 1), LONGEST_PAUSE_MS);
    log.error(
      { cdn: api.name, status: refused?.status, attempt, retryInMs: pause, err: error },
      'CDN purge failed; it will be tried again',
    );
    await swapBookmark(
      db,
      mark,
      { ...mark.state, failures: mark.state.failures + 1, attempt, retryAt: t + pause },
      new Date(t),
    );
  }

  function poll(): Promise<void> {
    if (busy) return running;
    busy = true;
    running = read()
      .catch((error) => log.error({ err: error }, 'CDN purge queue could not read its record'))
      .finally(() => {
        busy = false;
      });
    return running;
  }

  return {
    poll,
    start() {
      timer ??= setInterval(poll, pollMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await running;
      // Another machine may take over at once rather than after the lease.
      const mark = await readBookmark(db).catch(() => undefined);
      if (mark?.state.holder === me) {
        await swapBookmark(db, mark, { ...mark.state, holder: null, leaseUntil: 0 }, new Date(now())).catch(
          () => undefined,
        );
      }
    },
  };
}

/** Every key the changes announced, once, less those already purged for these same changes. */
function keysOf(rows: ChangeToPurge[], purged: Set<string> | undefined): string[] {
  const keys = new Set<string>();
  for (const row of rows) for (const tag of row.tags) if (!purged?.has(tag)) keys.add(tag);
  return [...keys];
}

/** Changes waiting to be purged and failed attempts so far, for /metrics. */
export async function purgeStatus(db: Kysely<Database>): Promise<{ waiting: number; failures: number }> {
  const mark = await readBookmark(db);
  if (!mark) return { waiting: await changesWaiting(db, 0), failures: 0 };
  return { waiting: await changesWaiting(db, mark.state.through), failures: mark.state.failures };
}
