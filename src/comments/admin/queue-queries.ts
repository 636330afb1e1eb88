// Queries behind the moderation queue: comments by folder (status) and their counts, status changes and
// edits, a comment's whole conversation, and each commenter's history beside their comments.
import type { CommentStatus } from '../../storage/schema.js';
import type { CommentRow, Db } from '../queries.js';

export type QueueStatus = Extract<CommentStatus, 'pending' | 'approved' | 'spam' | 'trash'>;

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
  /** Runs in the same transaction with the comments that changed (the webhook outbox writes there). */
  alsoInTransaction?: (trx: Db, changed: CommentRow[]) => Promise<void>,
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
    await alsoInTransaction?.(trx, before);
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
