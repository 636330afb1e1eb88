// The shared record of content changes: one row per announcement, with an increasing id, read by every
// instance from the last id it saw and pruned after a while (see durable-content-events.ts).
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface RecordedChange {
  id: number;
  tags: string[];
  origin: string;
}

export async function recordChange(
  db: Kysely<Database>,
  tags: readonly string[],
  origin: string,
  at: Date,
): Promise<number> {
  const row = await db
    .insertInto('invalidations')
    .values({ tags: JSON.stringify(tags), origin, created_at: at.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** The newest id, where an instance that has cached nothing yet starts reading. */
export async function latestChangeId(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('invalidations')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

export async function changesAfter(
  db: Kysely<Database>,
  afterId: number,
  limit: number,
): Promise<RecordedChange[]> {
  const rows = await db
    .selectFrom('invalidations')
    .select(['id', 'tags', 'origin'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ id: Number(row.id), tags: tagsOf(row.tags), origin: row.origin }));
}

export async function pruneChanges(db: Kysely<Database>, before: Date): Promise<void> {
  await db.deleteFrom('invalidations').where('created_at', '<', before.toISOString()).execute();
}

function tagsOf(json: string): string[] {
  const tags = JSON.parse(json) as unknown;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
}
