// Refunds as Stripe reports them, kept per refund, and the refunded amount and status of the donation they
// belong to, recomputed from them (a refund may arrive before the payment it refunds).
import { type Insertable, type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Database, DonationRefundsTable } from '../../storage/schema.js';

type Db = Kysely<Database>;

/**
 * Holds, until the transaction ends, the right to change what one payment intent's donation and refunds say.
 * A refund and the payment it refunds may be delivered at the same moment: without this, on PostgreSQL each
 * transaction recomputes the refunded amount without seeing the other's uncommitted row, and the refund is
 * never counted. (SQLite runs one write transaction at a time already.)
 */
export async function lockPaymentIntent(db: Db, paymentIntentId: string): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`select pg_advisory_xact_lock(hashtext(${`stripe-payment-intent:${paymentIntentId}`}))`.execute(
    db,
  );
}

/** Keeps the refund; a refund seen again (pending, then succeeded or failed) takes its new status and amount. */
export async function upsertRefund(db: Db, values: Insertable<DonationRefundsTable>) {
  await db
    .insertInto('donation_refunds')
    .values(values)
    .onConflict((oc) =>
      oc.column('stripe_refund_id').doUpdateSet({ status: values.status, amount: values.amount }),
    )
    .execute();
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
