// Events are written in batches, not one insert per beacon: an in-memory buffer written every `flushMs` or as
// soon as `batchSize` events wait, whichever comes first. A crash loses what was not yet committed: at most
// the batch being written and the one filling behind it, 2 × batchSize events. Past that, new events are
// refused (the collector answers 503), so a stalled database cannot grow the buffer without bound.
import type { Insertable, Kysely } from 'kysely';
import type { AnalyticsEventsTable, Database } from '../storage/schema.js';

export type EventRow = Insertable<AnalyticsEventsTable>;

// Under both dialects' limits on bound values per statement (13 columns a row).
const ROWS_PER_INSERT = 1000;

export interface EventBuffer {
  /** False when the buffer is full (the database is not keeping up): the event is not counted. */
  add(row: EventRow): boolean;
  /** Writes what waits now; resolves when it is committed (or failed and kept for the next try). */
  flush(): Promise<void>;
  /** Stops the timer and writes what waits. */
  close(): Promise<void>;
  /** Events accepted and not yet committed. */
  readonly pending: number;
}

export function eventBuffer(options: {
  db: Kysely<Database>;
  batchSize: number;
  flushMs: number;
  onError: (error: unknown) => void;
}): EventBuffer {
  const { db, batchSize } = options;
  let waiting: EventRow[] = [];
  let writing: EventRow[] = [];
  let inFlight: Promise<void> | null = null;

  async function write(rows: EventRow[]) {
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
        await trx
          .insertInto('analytics_events')
          .values(rows.slice(i, i + ROWS_PER_INSERT))
          .execute();
      }
    });
  }

  function flush(): Promise<void> {
    if (inFlight) return inFlight.then(() => (waiting.length > 0 ? flush() : undefined));
    if (waiting.length === 0) return Promise.resolve();
    writing = waiting.slice(0, batchSize);
    waiting = waiting.slice(batchSize);
    inFlight = write(writing)
      .catch((error) => {
        // Kept for the next try, ahead of what came since; add() refuses once the bound is reached.
        waiting = writing.concat(waiting);
        options.onError(error);
      })
      .finally(() => {
        writing = [];
        inFlight = null;
        if (waiting.length >= batchSize) void flush();
      });
    return inFlight;
  }

  const timer = setInterval(() => void flush(), options.flushMs);
  timer.unref();

  return {
    add(row) {
      if (waiting.length + writing.length >= 2 * batchSize) return false;
      waiting.push(row);
      if (waiting.length >= batchSize && !inFlight) void flush();
      return true;
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
    get pending() {
      return waiting.length + writing.length;
    },
  };
}
