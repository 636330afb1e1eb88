// The queries behind the threads readers see: approved comments counted and paged by thread (a top-level
// comment with its replies), and the rows of one page of threads.
import { sql } from 'kysely';
import type { CommentRow, Db } from './queries.js';

export async function countApproved(db: Db, articleId: number): Promise<number> {
  const row = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('article_id', '=', articleId)
    .where('status', '=', 'approved')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// The thread a comment belongs to: its top-level comment.
const ROOT = sql<number>`coalesce(root_id, id)`;

/** Threads with at least one approved comment, counted by their top-level comment. */
export async function countVisibleThreads(db: Db, articleId: number): Promise<number> {
  const row = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.count<number>(ROOT).distinct().as('n'))
    .where('article_id', '=', articleId)
    .where('status', '=', 'approved')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function selectVisibleThreadIds(
  db: Db,
  articleId: number,
  order: 'oldest' | 'newest',
  limit: number,
  offset: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom('comments')
    .select(ROOT.as('root'))
    .where('article_id', '=', articleId)
    .where('status', '=', 'approved')
    .groupBy(ROOT)
    .orderBy('root', order === 'oldest' ? 'asc' : 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => Number(r.root));
}

/** How many visible threads come before this one in the given order (its position on the pages). */
export async function countThreadsBefore(
  db: Db,
  articleId: number,
  rootId: number,
  order: 'oldest' | 'newest',
): Promise<number> {
  const row = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.count<number>(ROOT).distinct().as('n'))
    .where('article_id', '=', articleId)
    .where('status', '=', 'approved')
    .where(ROOT, order === 'oldest' ? '<' : '>', rootId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type ThreadRow = Pick<
  CommentRow,
  | 'id'
  | 'parent_id'
  | 'root_id'
  | 'depth'
  | 'status'
  | 'body'
  | 'author_name'
  | 'author_url'
  | 'email_key'
  | 'staff_id'
  | 'created_at'
  | 'edited_at'
>;

/** Every comment of these threads, in conversation order; callers show only what is approved. */
export function selectThreadRows(db: Db, articleId: number, rootIds: number[]): Promise<ThreadRow[]> {
  if (rootIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('comments')
    .select([
      'id',
      'parent_id',
      'root_id',
      'depth',
      'status',
      'body',
      'author_name',
      'author_url',
      'email_key',
      'staff_id',
      'created_at',
      'edited_at',
    ])
    .where('article_id', '=', articleId)
    .where((eb) => eb.or([eb('id', 'in', rootIds), eb('root_id', 'in', rootIds)]))
    .orderBy('id', 'asc')
    .execute();
}
