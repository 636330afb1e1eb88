// Queries behind bans: adding, listing and lifting them, which commenters of a page are banned, and the
// held comments a new ban sends to spam.
import type { Insertable } from 'kysely';
import type { CommentBansTable } from '../../storage/schema.js';
import type { Db } from '../queries.js';

export async function bannedKeys(db: Db, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom('comment_bans')
    .select('email_key')
    .where('email_key', 'in', [...new Set(keys)])
    .execute();
  return new Set(rows.map((r) => r.email_key));
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
