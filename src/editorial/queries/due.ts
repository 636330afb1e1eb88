// The scheduler's SQL: the scheduled articles whose time has come, and the one atomic claim on each that
// lets any number of instances tick without publishing anything twice.
import { type Kysely, sql, type UpdateObject } from 'kysely';
import type { Database } from '../../storage/schema.js';

type Db = Kysely<Database>;

/** Scheduled articles whose time has come, oldest first. */
export function selectDue(db: Db, now: string) {
  return db
    .selectFrom('articles')
    .select('id')
    .where('status', '=', 'scheduled')
    .where('scheduled_at', '<=', now)
    .orderBy('scheduled_at')
    .orderBy('id')
    .execute();
}

/** How many scheduled articles are due and not yet published (for /metrics; the same index as selectDue). */
export async function countDue(db: Db, now: string): Promise<number> {
  const row = await db
    .selectFrom('articles')
    .select((eb) => eb.fn.countAll<number>().as('due'))
    .where('status', '=', 'scheduled')
    .where('scheduled_at', '<=', now)
    .executeTakeFirst();
  return Number(row?.due ?? 0);
}

/**
 * The scheduler's claim on one due article, checked at `version`: false when another instance took it first
 * (it is no longer 'scheduled') or when it was saved since it was checked (the version moved on), so that
 * only an article exactly as checked is ever published or held back.
 */
async function claimDue(
  db: Db,
  id: number,
  version: number,
  now: string,
  values: UpdateObject<Database, 'articles'>,
): Promise<boolean> {
  const result = await db
    .updateTable('articles')
    .set(values)
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'scheduled')
    .where('scheduled_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function publishScheduled(db: Db, id: number, version: number, now: string) {
  return claimDue(db, id, version, now, {
    status: 'published',
    // The moment readers could first see it: after downtime that is now, not the time that was set.
    published_at: sql<string>`coalesce(published_at, ${now})`,
    scheduled_at: null,
    modified_at: now,
  });
}

/** Back to draft, keeping scheduled_at as the time it was due (see missedSchedule in article-status.ts). */
export function holdBackScheduled(db: Db, id: number, version: number, now: string) {
  return claimDue(db, id, version, now, { status: 'draft', modified_at: now });
}
