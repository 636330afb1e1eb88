// The keyed hashes of commenters' networks (identity.ts) are kept for spam checks and bans only for the
// retention period in the comment settings; the comment jobs forget older ones.
import type { Db } from './queries.js';
import type { CommentSettings } from './settings.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Forgets network hashes older than the retention period; returns how many comments were cleared. */
export function purgeOldNetworkHashes(db: Db, settings: CommentSettings, now: Date): Promise<number> {
  return purgeIpKeys(db, new Date(now.getTime() - settings.ipRetentionDays * DAY_MS).toISOString());
}

/** Forgets hashed addresses older than the retention period; rate limits never needed them that long. */
async function purgeIpKeys(db: Db, beforeIso: string): Promise<number> {
  const comments = await db
    .updateTable('comments')
    .set({ ip_key: null })
    .where('ip_key', 'is not', null)
    .where('created_at', '<', beforeIso)
    .executeTakeFirst();
  await db
    .updateTable('comment_bans')
    .set({ ip_key: null })
    .where('ip_key', 'is not', null)
    .where('created_at', '<', beforeIso)
    .execute();
  return Number(comments.numUpdatedRows);
}
