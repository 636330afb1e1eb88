// Every query of the comment system that readers' pages and posting need; the database comes first.
// Moderation, digest and privacy queries are in admin-queries.ts.
import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { CommentsTable, Database } from '../storage/schema.js';

export type CommentRow = Selectable<CommentsTable>;
export type Db = Kysely<Database>;

export async function insertComment(db: Db, values: Insertable<CommentsTable>): Promise<number> {
  const row = await db.insertInto('comments').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function selectComment(db: Db, id: number): Promise<CommentRow | undefined> {
  return db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
}

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

export interface History {
  approved: number;
  spam: number;
}

export async function historyOf(db: Db, emailKey: string): Promise<History> {
  const rows = await db
    .selectFrom('comments')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('email_key', '=', emailKey)
    .where('status', 'in', ['approved', 'spam'])
    .groupBy('status')
    .execute();
  const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
  return { approved: count('approved'), spam: count('spam') };
}

export async function findDuplicate(
  db: Db,
  emailKey: string,
  bodyHash: string,
  articleId: number,
): Promise<Pick<CommentRow, 'id' | 'status'> | undefined> {
  return db
    .selectFrom('comments')
    .select(['id', 'status'])
    .where('email_key', '=', emailKey)
    .where('body_hash', '=', bodyHash)
    .where('article_id', '=', articleId)
    .where('status', 'in', ['pending', 'approved'])
    .executeTakeFirst();
}

/** The same text from other addresses lately: a hallmark of copy-and-paste spam runs. */
export async function countSameTextElsewhere(db: Db, bodyHash: string, emailKey: string, sinceIso: string) {
  const row = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('body_hash', '=', bodyHash)
    .where('email_key', '!=', emailKey)
    .where('created_at', '>=', sinceIso)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findBan(db: Db, emailKey: string, ipKey: string | null) {
  return db
    .selectFrom('comment_bans')
    .select(['id', 'reason'])
    .where((eb) =>
      ipKey
        ? eb.or([eb('email_key', '=', emailKey), eb('ip_key', '=', ipKey)])
        : eb('email_key', '=', emailKey),
    )
    .executeTakeFirst();
}

export async function threadClosedFlag(db: Db, articleId: number): Promise<boolean | null> {
  const row = await db
    .selectFrom('comment_threads')
    .select('closed')
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  return row ? row.closed === 1 : null;
}

export async function setThreadClosed(
  db: Db,
  articleId: number,
  closed: boolean,
  staffId: number | null,
  now: Date,
) {
  const values = { closed: closed ? 1 : 0, changed_by: staffId, updated_at: now.toISOString() };
  await db
    .insertInto('comment_threads')
    .values({ article_id: articleId, ...values })
    .onConflict((oc) => oc.column('article_id').doUpdateSet(values))
    .execute();
}
