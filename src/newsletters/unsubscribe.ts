// Unsubscribing in one click and without signing in (RFC 8058): each email carries a link signed for its
// subscription, which a mail client may POST to (List-Unsubscribe-Post) and a reader may open. It ends that
// one subscription; an edition still being sent skips the address from then on.
import type { Kysely } from 'kysely';
import { signToken, tokenNumber, verifyToken } from '../http/signed-tokens.js';
import type { Database } from '../storage/schema.js';

const PURPOSE = 'newsletter-unsubscribe';

export function unsubscribeToken(secret: string, subscriptionId: number): string {
  return signToken(secret, PURPOSE, [String(subscriptionId)]);
}

export function unsubscribeUrl(publicUrl: string, secret: string, subscriptionId: number): string {
  return `${publicUrl}/newsletters/unsubscribe/${unsubscribeToken(secret, subscriptionId)}`;
}

/** The subscription a token names, or null when the token is not one of ours. */
export function subscriptionOfToken(secret: string, token: unknown): number | null {
  const parts = verifyToken(secret, PURPOSE, token, 1);
  return parts ? tokenNumber(parts[0]) : null;
}

/** Ends a subscription; the name of its newsletter, or null when it no longer exists. Repeating is harmless. */
export async function unsubscribe(
  db: Kysely<Database>,
  subscriptionId: number,
  now: Date,
): Promise<string | null> {
  const row = await db
    .selectFrom('newsletter_subscriptions')
    .innerJoin('newsletter_lists', 'newsletter_lists.id', 'newsletter_subscriptions.list_id')
    .select(['newsletter_subscriptions.status', 'newsletter_lists.name'])
    .where('newsletter_subscriptions.id', '=', subscriptionId)
    .executeTakeFirst();
  if (!row) return null;
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('newsletter_subscriptions')
      .set({ status: 'unsubscribed', unsubscribed_at: at })
      .where('id', '=', subscriptionId)
      .where('status', '<>', 'unsubscribed')
      .execute();
    await trx
      .updateTable('newsletter_deliveries')
      .set({ state: 'failed', error: 'unsubscribed' })
      .where('subscription_id', '=', subscriptionId)
      .where('state', '=', 'queued')
      .execute();
  });
  return row.name;
}
