// Every read and write of the donation ledger: donors, checkouts, donations, recurring donations, refunds
// and applied Stripe events. Writes are upserts keyed by Stripe's ids, so repeating one changes nothing.
import type { Insertable, Kysely, Selectable } from 'kysely';
import type {
  Database,
  DonationCheckoutsTable,
  DonationSubscriptionsTable,
  DonationsTable,
  DonorsTable,
} from '../storage/schema.js';

type Db = Kysely<Database>;
export type DonorRow = Selectable<DonorsTable>;
export type CheckoutRow = Selectable<DonationCheckoutsTable>;
export type DonationRow = Selectable<DonationsTable>;
export type SubscriptionRow = Selectable<DonationSubscriptionsTable>;

// Donors ---------------------------------------------------------------------------------------------

export function findDonorByEmail(db: Db, email: string) {
  return db.selectFrom('donors').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findDonorById(db: Db, id: number) {
  return db.selectFrom('donors').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findDonorByCustomer(db: Db, customerId: string) {
  return db
    .selectFrom('donors')
    .selectAll()
    .where('stripe_customer_id', '=', customerId)
    .orderBy('id')
    .executeTakeFirst();
}

/** Inserts the donor unless the email is known; returns the row either way. */
export async function insertDonorIfNew(db: Db, values: Insertable<DonorsTable>): Promise<DonorRow> {
  await db
    .insertInto('donors')
    .values(values)
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
  return (await findDonorByEmail(db, values.email))!;
}

export async function updateDonor(
  db: Db,
  id: number,
  values: Partial<Pick<DonorsTable, 'name' | 'public_listing' | 'stripe_customer_id' | 'updated_at'>>,
) {
  await db.updateTable('donors').set(values).where('id', '=', id).execute();
}

// Checkouts ------------------------------------------------------------------------------------------

export async function insertCheckout(db: Db, values: Insertable<DonationCheckoutsTable>): Promise<number> {
  const row = await db
    .insertInto('donation_checkouts')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function markCheckoutOpen(db: Db, id: number, sessionId: string) {
  await db
    .updateTable('donation_checkouts')
    .set({ stripe_session_id: sessionId, status: 'open' })
    .where('id', '=', id)
    .execute();
}

export async function markCheckoutFailed(db: Db, id: number) {
  await db.updateTable('donation_checkouts').set({ status: 'failed' }).where('id', '=', id).execute();
}

export function findCheckout(db: Db, by: { reference?: string | null; sessionId?: string | null }) {
  if (!by.reference && !by.sessionId) return Promise.resolve(undefined);
  return db
    .selectFrom('donation_checkouts')
    .selectAll()
    .where((eb) =>
      eb.or([
        ...(by.reference ? [eb('reference', '=', by.reference)] : []),
        ...(by.sessionId ? [eb('stripe_session_id', '=', by.sessionId)] : []),
      ]),
    )
    .executeTakeFirst();
}

export function findCheckoutById(db: Db, id: number) {
  return db.selectFrom('donation_checkouts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function completeCheckout(db: Db, id: number, sessionId: string, now: string) {
  await db
    .updateTable('donation_checkouts')
    .set({ status: 'completed', stripe_session_id: sessionId, completed_at: now })
    .where('id', '=', id)
    .where('status', '!=', 'completed')
    .execute();
}

// Donations ------------------------------------------------------------------------------------------

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

/** Recomputes a donation's refunded amount and status from the refunds kept for its payment intent. */
export async function refreshRefunded(db: Db, paymentIntentId: string) {
  const row = await db
    .selectFrom('donation_refunds')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('total'))
    .where('stripe_payment_intent_id', '=', paymentIntentId)
    .where('status', 'in', ['succeeded', 'pending'])
    .executeTakeFirst();
  const refunded = Number(row?.total ?? 0);
  await db
    .updateTable('donations')
    .set((eb) => ({
      refunded_amount: refunded,
      status: eb
        .case()
        .when(eb.lit(refunded), '>=', eb.ref('amount'))
        .then('refunded' as const)
        .when(eb.lit(refunded), '>', 0)
        .then('partially_refunded' as const)
        .else('paid' as const)
        .end(),
    }))
    .where('stripe_payment_intent_id', '=', paymentIntentId)
    .execute();
}

// Recurring donations ----------------------------------------------------------------------------------

export function findSubscription(db: Db, stripeId: string) {
  return db
    .selectFrom('donation_subscriptions')
    .selectAll()
    .where('stripe_subscription_id', '=', stripeId)
    .executeTakeFirst();
}

export async function insertSubscriptionIfNew(db: Db, values: Insertable<DonationSubscriptionsTable>) {
  await db
    .insertInto('donation_subscriptions')
    .values(values)
    .onConflict((oc) => oc.column('stripe_subscription_id').doNothing())
    .execute();
  return (await findSubscription(db, values.stripe_subscription_id))!;
}

export async function updateSubscription(
  db: Db,
  id: number,
  values: Partial<Omit<DonationSubscriptionsTable, 'id' | 'stripe_subscription_id'>>,
) {
  if (Object.keys(values).length === 0) return;
  await db.updateTable('donation_subscriptions').set(values).where('id', '=', id).execute();
}

export function listDonorSubscriptions(db: Db, donorId: number) {
  return db
    .selectFrom('donation_subscriptions')
    .selectAll()
    .where('donor_id', '=', donorId)
    .orderBy('started_at', 'desc')
    .execute();
}

// Refunds ----------------------------------------------------------------------------------------------

export async function upsertRefund(
  db: Db,
  values: {
    stripe_refund_id: string;
    stripe_payment_intent_id: string;
    stripe_charge_id: string;
    amount: number;
    currency: string;
    status: string;
    refunded_at: string;
    created_at: string;
  },
) {
  await db
    .insertInto('donation_refunds')
    .values(values)
    .onConflict((oc) =>
      oc.column('stripe_refund_id').doUpdateSet({ status: values.status, amount: values.amount }),
    )
    .execute();
}

// Stripe events -----------------------------------------------------------------------------------------

/** Claims the event for this transaction; false when it was applied before (a repeated delivery). */
export async function claimEvent(
  db: Db,
  event: { id: string; type: string; created: string; receivedAt: string },
): Promise<boolean> {
  const row = await db
    .insertInto('stripe_events')
    .values({
      id: event.id,
      type: event.type,
      stripe_created_at: event.created,
      received_at: event.receivedAt,
      outcome: 'applying',
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function setEventOutcome(db: Db, id: string, outcome: string) {
  await db.updateTable('stripe_events').set({ outcome }).where('id', '=', id).execute();
}
