// Where the CDN purge queue stands, kept in the record of content changes itself (the invalidations table):
// one row whose origin is `cdn-purge` holds, instead of a list of tags, how far the changes are purged, who
// is purging them now (a lease, so that one machine of many purges each change) and the failures so far.
// Instances reading the record see an object, not a list, and apply nothing for it; its created_at is
// renewed with every write, so the record's pruning leaves it alone while some machine runs the queue.
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

export const BOOKMARK_ORIGIN = 'cdn-purge';

export interface PurgeBookmark {
  /** Every change up to this id is purged, bar one committed late (PostgreSQL) and not in `done`. */
  through: number;
  /** Changes above `through` minus the look-back already purged. */
  done: number[];
  /** Until when (ms) the record was read without a gap: changes pruned before then were all purged. */
  checkedAt: number;
  /** The queue purging now, and until when (ms) others leave it to it. */
  holder: string | null;
  leaseUntil: number;
  /** Purge attempts that failed, ever (for /metrics). */
  failures: number;
  /** Failures in a row, and when (ms) the next attempt may be made. */
  attempt: number;
  retryAt: number;
}

export interface StoredBookmark {
  id: number;
  /** The row's text as read, for a write that succeeds only if nobody wrote meanwhile. */
  text: string;
  state: PurgeBookmark;
}

export async function readBookmark(db: Kysely<Database>): Promise<StoredBookmark | undefined> {
  // Two machines starting at once may each add one: the first one counts.
  const row = await db
    .selectFrom('invalidations')
    .select(['id', 'tags'])
    .where('origin', '=', BOOKMARK_ORIGIN)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (!row) return undefined;
  const stored = JSON.parse(row.tags) as { cdnPurge?: PurgeBookmark };
  if (!stored.cdnPurge) return undefined;
  return { id: Number(row.id), text: row.tags, state: stored.cdnPurge };
}

export async function addBookmark(db: Kysely<Database>, state: PurgeBookmark, at: Date): Promise<void> {
  await db
    .insertInto('invalidations')
    .values({ tags: textOf(state), origin: BOOKMARK_ORIGIN, created_at: at.toISOString() })
    .execute();
}

/** Writes the new state if the row is still as read; false when another queue wrote first. */
export async function swapBookmark(
  db: Kysely<Database>,
  was: StoredBookmark,
  state: PurgeBookmark,
  at: Date,
): Promise<StoredBookmark | undefined> {
  const text = textOf(state);
  const result = await db
    .updateTable('invalidations')
    .set({ tags: text, created_at: at.toISOString() })
    .where('id', '=', was.id)
    .where('tags', '=', was.text)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? { id: was.id, text, state } : undefined;
}

/** The newest change's id (the bookmark aside). */
export async function newestChange(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('invalidations')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('origin', '!=', BOOKMARK_ORIGIN)
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

export interface ChangeToPurge {
  id: number;
  tags: string[];
}

/** Changes after the id, in order, the bookmark aside. */
export async function changesToPurge(
  db: Kysely<Database>,
  afterId: number,
  limit: number,
): Promise<ChangeToPurge[]> {
  const rows = await db
    .selectFrom('invalidations')
    .select(['id', 'tags'])
    .where('id', '>', afterId)
    .where('origin', '!=', BOOKMARK_ORIGIN)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => {
    const tags = JSON.parse(row.tags) as unknown;
    return {
      id: Number(row.id),
      tags: Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [],
    };
  });
}

/** Changes recorded after the bookmark and not purged yet. */
export async function changesWaiting(db: Kysely<Database>, through: number): Promise<number> {
  const row = await db
    .selectFrom('invalidations')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('id', '>', through)
    .where('origin', '!=', BOOKMARK_ORIGIN)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

function textOf(state: PurgeBookmark): string {
  return JSON.stringify({ cdnPurge: state });
}
