// Reads and writes of donations, keyed by Stripe's ids (a payment intent for a one-time gift, an invoice for a
// recurring one): inserted once, and afterwards only filled in, never overwritten.
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, DonationsTable } from '../../storage/schema.js';

type Db = Kysely<Database>;
export type DonationRow = Selectable<DonationsTable>;

export type DonationKey = { paymentIntentId: string } | { invoiceId: string };

function whereKey(key: DonationKey) {
  return 'paymentIntentId' in key
    ? (['stripe_payment_intent_id', key.paymentIntentId] as const)
    : (['stripe_invoice_id', key.invoiceId] as const);
}

export function findDonationByKey(db: Db, key: DonationKey) {
  const [column, value] = whereKey(key);
  return db.selectFrom('donations').selectAll().where(column, '=', value).executeTakeFirst();
}

/** The donation a checkout produced, with the donor's name, for the thank-you page. */
export function findDonationBySession(db: Db, sessionId: string) {
  return db
    .selectFrom('donations')
    .innerJoin('donors', 'donors.id', 'donations.donor_id')
    .selectAll('donations')
    .select('donors.name as donor_name')
    .where('donations.stripe_checkout_session_id', '=', sessionId)
    .orderBy('donations.id')
    .executeTakeFirst();
}

/** Inserts the donation unless one with the same Stripe id exists; says which happened. */
export async function insertDonationIfNew(
  db: Db,
  values: Insertable<DonationsTable>,
): Promise<{ id: number; created: boolean }> {
  const inserted = await db
    .insertInto('donations')
    .values(values)
    // No conflict target: a row may already exist under either of its Stripe ids.
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const key: DonationKey = values.stripe_invoice_id
    ? { invoiceId: values.stripe_invoice_id }
    : { paymentIntentId: values.stripe_payment_intent_id! };
  const existing = await findDonationByKey(db, key);
  return { id: existing!.id, created: false };
}

/** Fills what an earlier event could not know; never overwrites what is already recorded. */
export async function fillDonation(
  db: Db,
  row: DonationRow,
  known: Partial<
    Pick<
      DonationsTable,
      | 'stripe_payment_intent_id'
      | 'stripe_checkout_session_id'
      | 'subscription_id'
      | 'checkout_id'
      | 'campaign_id'
      | 'article_id'
      | 'dedication'
    >
  >,
) {
  const set: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(known)) {
    const current = row[column as keyof DonationRow];
    if (value !== null && value !== undefined && value !== '' && (current === null || current === '')) {
      set[column] = value;
    }
  }
  if (Object.keys(set).length > 0)
    await db.updateTable('donations').set(set).where('id', '=', row.id).execute();
}
