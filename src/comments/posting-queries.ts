// The queries a new comment's moderation weighs: the commenter's history, a duplicate of it, the same text
// from other addresses, a ban on the address or the network, and what the commenter's browser proves.
import type { KnownCommenter } from './moderation-rules.js';
import type { CommentRow, Db } from './queries.js';

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

/** The names and websites of approved comments from this address among those this browser posted. */
export async function knownFromBrowser(
  db: Db,
  emailKey: string,
  browserComments: number[],
): Promise<KnownCommenter> {
  if (browserComments.length === 0) return { names: [], websites: [] };
  const rows = await db
    .selectFrom('comments')
    .select(['author_name', 'author_url'])
    .where('id', 'in', browserComments)
    .where('email_key', '=', emailKey)
    .where('status', '=', 'approved')
    .execute();
  return {
    names: [...new Set(rows.map((r) => r.author_name))],
    websites: [...new Set(rows.map((r) => r.author_url).filter(Boolean))],
  };
}
