// Refunds as Stripe reports them, kept per refund, and the refunded amount and status of the donation they
// belong to, recomputed from them (a refund may arrive before the payment it refunds).
import type { Insertable, Kysely } from 'kysely';
import type { Database, DonationRefundsTable } from '../../storage/schema.js';

type Db = Kysely<Database>;

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
