// Content events that are not lost when Redis (or an instance's link to it) is down: every change is also
// written to the shared record (invalidation-log.ts), which each serving instance reads every few seconds
// from the last id it saw. Redis or IPC stays the fast path; a change heard there is not applied again when
// it is read from the record. An instance that could not read the record drops everything it cached once it
// can again: it cannot know what it missed meanwhile.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { EVERYTHING } from '../http/tagged-cache.js';
import type { ChangeListener, ContentEvents } from './content-events.js';
import { changesAfter, latestChangeId, pruneChanges, recordChange } from './invalidation-log.js';
import type { Database } from './schema.js';

export interface DurableContentEventsOptions {
  db: Kysely<Database>;
  /** How often the record is read (and changes the database refused are written again). */
  pollMs: number;
  /** False for a process that announces changes but serves no pages (the cluster's primary). */
  serves?: boolean;
  /** How long rows are kept; an instance cut off for longer drops everything anyway. */
  keepMs?: number;
  now?: () => Date;
  onError?: (error: unknown, what: string) => void;
}

export interface DurableContentEvents extends ContentEvents {
  /** Reads the record once (also what the timer does). */
  poll(): Promise<void>;
}

// PostgreSQL hands out ids before commit, so a row may appear after one with a higher id: each read looks
// this many ids back, and what was already applied is skipped.
const LOOK_BACK_IDS = 100;
const READ_LIMIT = 500;
/** How long changes stay in the record by default (the CDN purge queue reads it too: src/cdn/). */
export const CHANGES_KEPT_MS = 60 * 60 * 1000;

export async function durableContentEvents(
  fastPath: ContentEvents,
  options: DurableContentEventsOptions,
): Promise<DurableContentEvents> {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const keepMs = options.keepMs ?? CHANGES_KEPT_MS;
  const onError = options.onError ?? (() => {});
  const origin = randomUUID();
  const listeners: ChangeListener[] = [];
  const applied = new Set<number>();
  // Changes announced while the database was away, written when it is back.
  const unrecorded: string[][] = [];
  let lastSeen: number | null = null;
  let floor = 0;
  let cutOff = false;
  let lastPrune = 0;
  let reading: Promise<void> = Promise.resolve();
  let busy = false;

  const emit: ChangeListener = (tags, from) => {
    for (const listener of listeners) listener(tags, from);
  };
  fastPath.onChange((tags, from) => {
    if (from?.id !== undefined) {
      if (applied.has(from.id)) return;
      applied.add(from.id);
    }
    emit(tags, from);
  });

  async function read(): Promise<void> {
    while (unrecorded.length > 0) {
      await recordChange(db, unrecorded[0]!, origin, now());
      unrecorded.shift();
    }
    if (options.serves === false) return;
    if (lastSeen === null) {
      floor = await latestChangeId(db);
      lastSeen = floor;
    }
    let seen: number = lastSeen;
    for (;;) {
      const rows = await changesAfter(db, Math.max(floor, seen - LOOK_BACK_IDS), READ_LIMIT);
      if (cutOff) {
        cutOff = false;
        emit([EVERYTHING]);
      }
      let newest = seen;
      for (const row of rows) {
        newest = Math.max(newest, row.id);
        if (row.origin === origin || applied.has(row.id)) continue;
        applied.add(row.id);
        // No tags: the CDN purge queue's own row (cdn/purge-bookmark.ts), not a change.
        if (row.tags.length > 0) emit(row.tags, { id: row.id });
      }
      seen = newest;
      lastSeen = seen;
      if (rows.length < READ_LIMIT) break;
    }
    for (const id of applied) if (id <= seen - LOOK_BACK_IDS) applied.delete(id);
    if (now().getTime() - lastPrune > keepMs / 10) {
      lastPrune = now().getTime();
      await pruneChanges(db, new Date(lastPrune - keepMs));
    }
  }

  function poll(): Promise<void> {
    if (busy) return reading;
    busy = true;
    reading = read()
      .catch((error) => {
        if (!cutOff) onError(error, 'reading the shared record of content changes');
        cutOff = true;
      })
      .finally(() => {
        busy = false;
      });
    return reading;
  }

  const timer = setInterval(poll, options.pollMs);
  timer.unref();
  await poll();

  return {
    async changed(tags, from) {
      let id: number | undefined = from?.id;
      if (id === undefined) {
        try {
          id = await recordChange(db, tags, origin, now());
        } catch (error) {
          // Kept and written on the next read; other instances drop everything when they can read again.
          unrecorded.push([...tags]);
          onError(error, 'recording a content change');
        }
      }
      try {
        await fastPath.changed(tags, id === undefined ? undefined : { id });
      } catch (error) {
        // Redis away: the record carries the change to the other instances within a poll.
        onError(error, 'publishing a content change');
      }
    },
    onChange(listener) {
      listeners.push(listener);
    },
    poll,
    async close() {
      clearInterval(timer);
      await reading;
      await fastPath.close();
    },
  };
}
