// The comment row and the queries every part of the comment system needs: adding a comment and reading
// comments by id. The database comes first; the queries of each flow are in that flow's *-queries.ts file.
import type { Kysely, Selectable } from 'kysely';
import type { CommentsTable, Database } from '../storage/schema.js';

export type CommentRow = Selectable<CommentsTable>;
export type NewComment = Omit<CommentRow, 'id'>;
export type Db = Kysely<Database>;

export async function insertComment(db: Db, values: NewComment): Promise<number> {
  const row = await db.insertInto('comments').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function selectComment(db: Db, id: number): Promise<CommentRow | undefined> {
  return db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
}

export function selectCommentsByIds(db: Db, ids: number[]): Promise<CommentRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('comments').selectAll().where('id', 'in', ids).orderBy('id').execute();
}
