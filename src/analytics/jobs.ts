// Analytics' background work, once per machine (server/background-jobs.ts): roll the events up, delete
// those past retention, and forget every salt but today's. Each step is idempotent and safe beside other
// instances doing the same; tests call runOnce().
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { deleteOldSalts } from './daily-salt.js';
import { pruneEvents, runRollups } from './rollups.js';

export const ANALYTICS_JOB_INTERVAL_MS = 5 * 60 * 1000;
// Out of the way of the start itself, but soon: a process restarted often must still roll up.
const FIRST_RUN_AFTER_MS = 20_000;

export interface AnalyticsJobDeps {
  db: Kysely<Database>;
  retentionDays: number;
  clock: () => Date;
  log: { error(details: object, message: string): void };
}

export interface AnalyticsJobs {
  runOnce(): Promise<{ rolledUp: boolean; pruned: number; saltsDeleted: number }>;
  start(): void;
  /** Resolves once a run in progress has finished. */
  stop(): Promise<void>;
}

export function analyticsJobs(deps: AnalyticsJobDeps, intervalMs = ANALYTICS_JOB_INTERVAL_MS): AnalyticsJobs {
  let timers: NodeJS.Timeout[] = [];
  let running: Promise<unknown> | null = null;

  async function runOnce() {
    const now = deps.clock();
    // The salt goes first and whatever else fails: keeping yesterday's would let its visitors be linked.
    const saltsDeleted = await deleteOldSalts(deps.db, now);
    const { ran } = await runRollups(deps.db, now);
    const pruned = await pruneEvents(deps.db, now, deps.retentionDays);
    return { rolledUp: ran, pruned, saltsDeleted };
  }

  const tick = () => {
    if (running) return;
    running = runOnce()
      .catch((error) => deps.log.error({ err: error }, 'analytics roll-up failed; tried again next run'))
      .finally(() => {
        running = null;
      });
  };

  return {
    runOnce,
    start() {
      if (timers.length > 0) return;
      timers = [setTimeout(tick, FIRST_RUN_AFTER_MS), setInterval(tick, intervalMs)];
      for (const t of timers) t.unref();
    },
    async stop() {
      for (const t of timers) clearTimeout(t);
      timers = [];
      await running;
    },
  };
}
