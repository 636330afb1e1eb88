// Queries behind reply notices: the claim that makes each go out once across instances (given back when
// the mail fails), and the notices a failure left unsent.
import type { CommentRow, Db } from './queries.js';

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
