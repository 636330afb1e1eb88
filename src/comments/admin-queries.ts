// Queries behind moderation and notifications: the queue by status, status changes, edits, bans, and the
// claims that make each digest and reply notice go out once. Privacy's queries are in privacy-queries.ts.
import type { Insertable } from 'kysely';
import type { CommentBansTable, CommentStatus } from '../storage/schema.js';
import type { CommentRow, Db } from './queries.js';

export type QueueStatus = Extract<CommentStatus, 'pending' | 'approved' | 'spam' | 'trash'>;

export function selectCommentsByIds(db: Db, ids: number[]): Promise<CommentRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('comments').selectAll().where('id', 'in', ids).orderBy('id').execute();
}

export function selectQueue(
  db: Db,
  status: QueueStatus,
  limit: number,
  offset: number,
): Promise<CommentRow[]> {
  return (
    db
      .selectFrom('comments')
      .selectAll()
      .where('status', '=', status)
      // The queue is worked oldest first; the other folders show what happened lately.
      .orderBy('id', status === 'pending' ? 'asc' : 'desc')
      .limit(limit)
      .offset(offset)
      .execute()
  );
}

export async function countByStatus(db: Db): Promise<Record<QueueStatus, number>> {
  const rows = await db
    .selectFrom('comments')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const counts = { pending: 0, approved: 0, spam: 0, trash: 0 };
  for (const r of rows) if (r.status in counts) counts[r.status as QueueStatus] = Number(r.n);
  return counts;
}

/** Changes the status of these comments; returns the rows as they were before, for those that changed. */
export async function updateStatus(
  db: Db,
  ids: number[],
  status: QueueStatus,
  now: Date,
): Promise<CommentRow[]> {
  if (ids.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('comments')
      .selectAll()
      .where('id', 'in', ids)
      .where('status', '!=', status)
      .where('status', '!=', 'erased')
      .execute();
    if (before.length === 0) return [];
    const at = now.toISOString();
    await trx
      .updateTable('comments')
      .set((eb) => ({
        status,
        status_changed_at: at,
        approved_at:
          status === 'approved' ? eb.fn.coalesce('approved_at', eb.val(at)) : eb.ref('approved_at'),
      }))
      .where(
        'id',
        'in',
        before.map((r) => r.id),
      )
      .execute();
    return before;
  });
}

export async function updateText(
  db: Db,
  id: number,
  values: { body: string; author_name: string; author_url: string; body_hash: string },
  now: Date,
): Promise<void> {
  await db
    .updateTable('comments')
    .set({ ...values, edited_at: now.toISOString() })
    .where('id', '=', id)
    .execute();
}

/** Ancestors first, then the comment, then its replies: the conversation a moderator needs to judge it. */
export async function selectThreadOf(db: Db, comment: CommentRow): Promise<CommentRow[]> {
  const root = comment.root_id ?? comment.id;
  return db
    .selectFrom('comments')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', root), eb('root_id', '=', root)]))
    .where('status', '!=', 'erased')
    .orderBy('id')
    .limit(500)
    .execute();
}

/** Approved and spam counts per commenter, for the history beside each comment in the queue. */
export async function historiesOf(
  db: Db,
  keys: string[],
): Promise<Map<string, { approved: number; spam: number }>> {
  const result = new Map<string, { approved: number; spam: number }>();
  if (keys.length === 0) return result;
  const rows = await db
    .selectFrom('comments')
    .select(['email_key', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('email_key', 'in', [...new Set(keys)])
    .where('status', 'in', ['approved', 'spam'])
    .groupBy(['email_key', 'status'])
    .execute();
  for (const key of keys) result.set(key, { approved: 0, spam: 0 });
  for (const r of rows) result.get(r.email_key)![r.status as 'approved' | 'spam'] = Number(r.n);
  return result;
}

export async function bannedKeys(db: Db, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom('comment_bans')
    .select('email_key')
    .where('email_key', 'in', [...new Set(keys)])
    .execute();
  return new Set(rows.map((r) => r.email_key));
}

export async function commentCountsOf(db: Db, articleIds: number[]): Promise<Map<number, number>> {
  if (articleIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('comments')
    .select(['article_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('article_id', 'in', articleIds)
    .where('status', '=', 'approved')
    .groupBy('article_id')
    .execute();
  return new Map(rows.map((r) => [r.article_id, Number(r.n)]));
}

export function closedFlagsOf(db: Db, articleIds: number[]) {
  if (articleIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('comment_threads')
    .select(['article_id', 'closed'])
    .where('article_id', 'in', articleIds)
    .execute();
}

export async function insertBan(db: Db, values: Insertable<CommentBansTable>): Promise<void> {
  await db
    .insertInto('comment_bans')
    .values(values)
    .onConflict((oc) => oc.column('email_key').doUpdateSet({ ip_key: values.ip_key, reason: values.reason }))
    .execute();
}

export function listBans(db: Db) {
  return db.selectFrom('comment_bans').selectAll().orderBy('id', 'desc').limit(500).execute();
}

export async function deleteBan(db: Db, id: number): Promise<void> {
  await db.deleteFrom('comment_bans').where('id', '=', id).execute();
}

/** Held comments by email key (so a ban can send the rest of them to spam). */
export async function selectPendingIdsOf(db: Db, emailKey: string): Promise<number[]> {
  const rows = await db
    .selectFrom('comments')
    .select('id')
    .where('email_key', '=', emailKey)
    .where('status', '=', 'pending')
    .execute();
  return rows.map((r) => r.id);
}

/** A sample of addresses for a ban's list entry: the masked email of its newest comment. */
export async function latestEmailOf(db: Db, emailKey: string): Promise<string | null> {
  const row = await db
    .selectFrom('comments')
    .select('author_email')
    .where('email_key', '=', emailKey)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.author_email ?? null;
}

// --- the moderators' digest ---

export function selectUndigested(db: Db, limit: number): Promise<CommentRow[]> {
  return db
    .selectFrom('comments')
    .selectAll()
    .where('status', '=', 'pending')
    .where('digest_sent_at', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Marks these comments as told; returns the ones this instance claimed (another may have been first). */
export async function claimForDigest(db: Db, ids: number[], now: Date): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .updateTable('comments')
    .set({ digest_sent_at: now.toISOString() })
    .where('id', 'in', ids)
    .where('digest_sent_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Gives back this run's claim on comments whose digest could not be sent, so that the next run lists them
 * again; a claim another run has made since is left alone.
 */
export async function releaseDigestClaims(db: Db, ids: number[], claimedAt: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('comments')
    .set({ digest_sent_at: null })
    .where('id', 'in', ids)
    .where('digest_sent_at', '=', claimedAt.toISOString())
    .execute();
}

export async function claimReplyNotice(db: Db, id: number, now: Date): Promise<boolean> {
  const rows = await db
    .updateTable('comments')
    .set({ reply_notified_at: now.toISOString() })
    .where('id', '=', id)
    .where('reply_notified_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length === 1;
}

/** A claim given back when the mail could not be sent, so that the next run of the jobs tries again. */
export async function releaseReplyNotice(db: Db, id: number): Promise<void> {
  await db.updateTable('comments').set({ reply_notified_at: null }).where('id', '=', id).execute();
}

/**
 * Published replies since `sinceIso` whose parent's author asked to be told and was not told yet: the
 * notices a failed mail left behind. Replies to oneself never get one, so they are not listed.
 */
export function selectUntoldReplies(db: Db, sinceIso: string, limit: number): Promise<CommentRow[]> {
  return db
    .selectFrom('comments as reply')
    .innerJoin('comments as parent', 'parent.id', 'reply.parent_id')
    .selectAll('reply')
    .where('reply.status', '=', 'approved')
    .where('reply.reply_notified_at', 'is', null)
    .where('reply.approved_at', '>=', sinceIso)
    .where('parent.status', '=', 'approved')
    .where('parent.notify_replies', '=', 1)
    .whereRef('parent.email_key', '!=', 'reply.email_key')
    .orderBy('reply.id')
    .limit(limit)
    .execute();
}

export async function digestOptedOut(db: Db): Promise<Set<number>> {
  const rows = await db.selectFrom('comment_digest_optouts').select('staff_id').execute();
  return new Set(rows.map((r) => r.staff_id));
}

export async function optOutOfDigest(db: Db, staffId: number, now: Date): Promise<void> {
  await db
    .insertInto('comment_digest_optouts')
    .values({ staff_id: staffId, created_at: now.toISOString() })
    .onConflict((oc) => oc.column('staff_id').doNothing())
    .execute();
}

export async function stopReplyNotices(db: Db, emailKey: string): Promise<number> {
  const result = await db
    .updateTable('comments')
    .set({ notify_replies: 0 })
    .where('email_key', '=', emailKey)
    .where('notify_replies', '=', 1)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
