// Queries behind the moderators' digest: held comments nobody was told about yet, the claims that make
// each go out once across instances, and who opted out.
import type { CommentRow, Db } from '../queries.js';

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

export async function digestOptedOut(db: Db): Promise<Set<number>> {
  const rows = await db.selectFrom('comment_digest_optouts').select('staff_id').execute();
  return new Set(rows.map((r) => r.staff_id));
}
