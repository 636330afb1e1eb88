// The SQL of the trash: moving an article in and out (its slug set aside and given back), the trashed rows
// a person may see, and deleting one for good with everything that hangs off it.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../storage/schema.js';

type Db = Kysely<Database>;

/** What `slug` holds while an article is trashed: "~" is refused in every slug, so no article can want it. */
export function trashedSlugPlaceholder(id: number): string {
  return `trashed~${id}`;
}

/** True when the article was published at some time: a publication date now, or a 'published' step once. */
export async function wasEverPublished(db: Db, id: number): Promise<boolean> {
  const row = await db
    .selectFrom('articles')
    .select('id')
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('published_at', 'is not', null),
        eb('status', 'in', ['published', 'unpublished']),
        eb.exists(
          eb
            .selectFrom('article_activity')
            .select('article_activity.id')
            .whereRef('article_activity.article_id', '=', 'articles.id')
            .where('article_activity.action', '=', 'published'),
        ),
      ]),
    )
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Moves a never-published article into the trash at its current version: back to draft (a schedule is
 * cancelled), its slug set aside; false when it changed meanwhile or was published after all.
 */
export async function moveToTrash(db: Db, id: number, version: number, at: string): Promise<boolean> {
  const result = await db
    .updateTable('articles')
    .set({
      trashed_at: at,
      trashed_slug: sql<string>`slug`,
      slug: trashedSlugPlaceholder(id),
      status: 'draft',
      scheduled_at: null,
      modified_at: at,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('trashed_at', 'is', null)
    .where('published_at', 'is', null)
    .where('status', 'not in', ['published', 'unpublished'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** An article in the trash or not, with what restoring it needs. */
export function selectForRestore(db: Db, id: number) {
  return db
    .selectFrom('articles')
    .select(['id', 'headline', 'trashed_slug', 'trashed_at', 'created_by', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Out of the trash, as a draft, under `slug` (its old one, or a free one when that was taken meanwhile). */
export async function takeOutOfTrash(db: Db, id: number, slug: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('articles')
    .set({
      trashed_at: null,
      trashed_slug: null,
      slug,
      status: 'draft',
      modified_at: at,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', id)
    .where('trashed_at', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The trash, newest first; only those `createdBy` made when given (a contributor's own). */
export function selectTrashList(db: Db, createdBy: number | null) {
  let q = db
    .selectFrom('articles')
    .select(['id', 'headline', 'trashed_slug', 'trashed_at', 'created_by', 'status'])
    .where('trashed_at', 'is not', null);
  if (createdBy !== null) q = q.where('created_by', '=', createdBy);
  return q.orderBy('trashed_at', 'desc').orderBy('id', 'desc').limit(500).execute();
}

/** Trashed articles whose time in the trash ended at or before `cutoff`, oldest first. */
export async function selectExpiredTrash(db: Db, cutoff: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('articles')
    .select('id')
    .where('trashed_at', 'is not', null)
    .where('trashed_at', '<=', cutoff)
    .orderBy('trashed_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Claims a trashed article for deletion in the caller's transaction: the no-op update takes the row's lock on
 * PostgreSQL, so an instance deleting the same article at the same time waits, then finds it gone. `cutoff`
 * (the purge's) also requires it to have expired; without it, any trashed article is claimed.
 */
export async function claimTrashed(db: Db, id: number, cutoff: string | null): Promise<boolean> {
  let q = db
    .updateTable('articles')
    .set({ trashed_at: sql<string>`trashed_at` })
    .where('id', '=', id)
    .where('trashed_at', 'is not', null);
  if (cutoff !== null) q = q.where('trashed_at', '<=', cutoff);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Deletes a claimed article and the editorial rows that hang off it (the foreign keys would cascade; naming
 * each keeps the deletion the same whatever a later migration changes about them).
 */
export async function deleteArticleRows(db: Db, id: number): Promise<void> {
  await db.deleteFrom('article_revisions').where('article_id', '=', id).execute();
  await db.deleteFrom('article_activity').where('article_id', '=', id).execute();
  await db.deleteFrom('article_authors').where('article_id', '=', id).execute();
  await db.deleteFrom('article_tags').where('article_id', '=', id).execute();
  await db.deleteFrom('corrections').where('article_id', '=', id).execute();
  await db.deleteFrom('slug_redirects').where('article_id', '=', id).execute();
  await db.deleteFrom('articles').where('id', '=', id).execute();
}
