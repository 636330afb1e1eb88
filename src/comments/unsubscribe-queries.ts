// What a one-click unsubscribe changes: a commenter's reply notices, or a staff member's digest.
import type { Db } from './queries.js';

export async function stopReplyNotices(db: Db, emailKey: string): Promise<number> {
  const result = await db
    .updateTable('comments')
    .set({ notify_replies: 0 })
    .where('email_key', '=', emailKey)
    .where('notify_replies', '=', 1)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function optOutOfDigest(db: Db, staffId: number, now: Date): Promise<void> {
  await db
    .insertInto('comment_digest_optouts')
    .values({ staff_id: staffId, created_at: now.toISOString() })
    .onConflict((oc) => oc.column('staff_id').doNothing())
    .execute();
}
