// The SQL of articles as the newsroom edits them: one row read and written, its optimistic lock, its status
// changes, and the checks a save makes on what the fields point at. The database (or a transaction) first.
import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import { insertRowReturningId } from '../../storage/row-insert.js';
import type { ArticleStatus, ArticlesTable, Database } from '../../storage/schema.js';

type Db = Kysely<Database>;

export function selectArticle(db: Db, id: number) {
  return db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
}

export function selectArticleBySlug(db: Db, slug: string) {
  return db.selectFrom('articles').select(['id', 'headline']).where('slug', '=', slug).executeTakeFirst();
}

export async function insertArticle(db: Db, values: Insertable<ArticlesTable>): Promise<number> {
  return insertRowReturningId(db, 'articles', values);
}

/** The optimistic lock: the row changes only if nobody saved since `baseVersion`. */
export async function updateArticleAtVersion(
  db: Db,
  id: number,
  baseVersion: number,
  values: Updateable<ArticlesTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('articles')
    .set({ ...values, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', baseVersion)
    .where('trashed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A status change that happens only from the statuses it is allowed from; false when it did not apply. */
export async function updateStatus(
  db: Db,
  id: number,
  from: ArticleStatus[],
  values: Updateable<ArticlesTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('articles')
    .set(values)
    .where('id', '=', id)
    .where('status', 'in', from)
    .where('trashed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function touchArticle(db: Db, id: number, values: Updateable<ArticlesTable>): Promise<void> {
  await db.updateTable('articles').set(values).where('id', '=', id).execute();
}

export async function countExisting(db: Db, table: 'authors' | 'sections', ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', 'in', ids)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
