// Publishes scheduled articles when their time comes. State lives only in the database, so an article due
// while every instance was down is published on the next start, and any number of instances may tick.
import type { Kysely } from 'kysely';
import type { ContentEvents } from '../../storage/content-events.js';
import type { Database } from '../../storage/schema.js';
import * as q from './queries.js';

export const SCHEDULER_INTERVAL_MS = 15_000;

/** One tick: publishes every due article in one atomic UPDATE and returns what it published. */
export async function publishDueArticles(
  deps: { db: Kysely<Database>; events: ContentEvents },
  now: Date,
): Promise<Array<{ id: number; slug: string }>> {
  const published = await q.publishDue(deps.db, now.toISOString());
  if (published.length > 0) await deps.events.changed('scheduled articles published');
  return published;
}

export interface Scheduler {
  /** Resolves when the tick in progress (if any) has finished. */
  stop(): Promise<void>;
}

export function startScheduler(options: {
  db: Kysely<Database>;
  events: ContentEvents;
  clock?: () => Date;
  intervalMs?: number;
  /** Where a failed tick is reported (the database briefly away); the next tick tries again. */
  onError?: (error: unknown) => void;
  onPublished?: (articles: Array<{ id: number; slug: string }>) => void;
}): Scheduler {
  const clock = options.clock ?? (() => new Date());
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  const tick = () => {
    // A slow database must not pile up ticks.
    if (busy) return;
    busy = true;
    running = publishDueArticles(options, clock())
      .then((published) => {
        if (published.length > 0) options.onPublished?.(published);
      })
      .catch((error) => options.onError?.(error))
      .finally(() => {
        busy = false;
      });
  };
  tick();
  const timer = setInterval(tick, options.intervalMs ?? SCHEDULER_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
