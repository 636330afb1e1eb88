// Addresses never mailed again: unsubscribed, bounced for good, complained, or bounced softly too often.
// Every send checks here, so a suppression made anywhere (a reply, a webhook, an import) holds everywhere.
import type { Kysely } from 'kysely';
import type { Database, SuppressionReason } from '../storage/schema.js';
import { normaliseAddress } from './addresses.js';

/** Soft bounces (mailbox full, greylisted for good) in a row before an address is given up. */
export const SOFT_BOUNCE_LIMIT = 3;

export async function suppress(
  db: Kysely<Database>,
  email: string,
  reason: SuppressionReason,
  now: Date,
): Promise<void> {
  await db
    .insertInto('newsletter_suppressions')
    .values({ email: normaliseAddress(email), reason, created_at: now.toISOString() })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
}

export async function suppressionOf(db: Kysely<Database>, email: string): Promise<SuppressionReason | null> {
  const row = await db
    .selectFrom('newsletter_suppressions')
    .select('reason')
    .where('email', '=', normaliseAddress(email))
    .executeTakeFirst();
  return row?.reason ?? null;
}

/** A reader confirmed again by double opt-in: their own new consent lifts an unsubscribe, not a complaint. */
export async function liftSuppression(db: Kysely<Database>, email: string): Promise<void> {
  await db
    .deleteFrom('newsletter_suppressions')
    .where('email', '=', normaliseAddress(email))
    .where('reason', '<>', 'complained')
    .execute();
}

/** Counts one soft bounce; suppresses the address at the limit. Returns whether it is now suppressed. */
export async function recordSoftBounce(db: Kysely<Database>, email: string, now: Date): Promise<boolean> {
  const address = normaliseAddress(email);
  const row = await db
    .updateTable('newsletter_subscribers')
    .set((eb) => ({ soft_bounces: eb('soft_bounces', '+', 1) }))
    .where('email', '=', address)
    .returning('soft_bounces')
    .executeTakeFirst();
  if (!row || row.soft_bounces < SOFT_BOUNCE_LIMIT) return false;
  await suppress(db, address, 'soft-bounces', now);
  return true;
}
