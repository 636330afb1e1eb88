// Analytics' background work, which server/background-jobs.ts runs once per machine: roll the events up,
// delete those past retention, and forget every salt but today's. Each step is idempotent and safe beside
// other instances doing the same.
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { deleteOldSalts } from './daily-salt.js';
import { pruneEvents, runRollups } from './rollups.js';

export interface AnalyticsJobDeps {
  db: Kysely<Database>;
  retentionDays: number;
  clock: () => Date;
}

export async function runAnalyticsJobs(
  deps: AnalyticsJobDeps,
): Promise<{ rolledUp: boolean; pruned: number; saltsDeleted: number }> {
  const now = deps.clock();
  // The salt goes first and whatever else fails: keeping yesterday's would let its visitors be linked.
  const saltsDeleted = await deleteOldSalts(deps.db, now);
  const { ran } = await runRollups(deps.db, now);
  const pruned = await pruneEvents(deps.db, now, deps.retentionDays);
  return { rolledUp: ran, pruned, saltsDeleted };
}
