// Recording what Stripe tells us, once, in whatever order it arrives: a completed checkout, a paid or failed
// invoice, a changed subscription, a refund. Each step upserts by Stripe's ids and only fills or moves
// state forward, so a repeated or late event changes nothing it should not.
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.js';
import type { ChargeRefundFacts, InvoiceFacts, PaymentEvent } from '../payment-facts.js';
import { recordCheckout } from './record-checkout.js';
import { recordInvoicePaid } from './record-invoice.js';
import { isOurSubscription, recordSubscription } from './record-subscription.js';
import { lockPaymentIntent, refreshRefunded, upsertRefund } from './refund-queries.js';
import { NOTHING, type Recorded } from './save-donation.js';
import { updateSubscription } from './subscription-queries.js';

type Db = Kysely<Database>;

/** Applies one described event inside the caller's transaction. */
export async function recordPaymentEvent(
  db: Db,
  event: PaymentEvent,
  eventTime: Date,
  now: Date,
): Promise<Recorded> {
  switch (event.kind) {
    case 'checkout_completed':
      return recordCheckout(db, event.checkout, now);
    case 'invoice_paid':
      return recordInvoicePaid(db, event.invoice, eventTime, now);
    case 'invoice_failed':
      await recordInvoiceFailed(db, event.invoice, eventTime, now);
      return NOTHING;
    case 'subscription_changed':
      if (await isOurSubscription(db, event.subscription))
        await recordSubscription(db, event.subscription, eventTime, now, {});
      return NOTHING;
    case 'charge_refunded':
      await recordRefunds(db, event.charge, now);
      return NOTHING;
    default:
      return NOTHING;
  }
}

async function recordInvoiceFailed(db: Db, facts: InvoiceFacts, eventTime: Date, now: Date) {
  if (!facts.subscription || !(await isOurSubscription(db, facts.subscription))) return;
  const subscription = await recordSubscription(db, facts.subscription, eventTime, now, {});
  await updateSubscription(db, subscription.id, { last_failed_at: eventTime.toISOString() });
}

async function recordRefunds(db: Db, facts: ChargeRefundFacts, now: Date) {
  await lockPaymentIntent(db, facts.paymentIntentId);
  for (const refund of facts.refunds) {
    await upsertRefund(db, {
      stripe_refund_id: refund.refundId,
      stripe_payment_intent_id: facts.paymentIntentId,
      stripe_charge_id: facts.chargeId,
      amount: refund.amount,
      currency: refund.currency,
      status: refund.status,
      refunded_at: refund.createdAt.toISOString(),
      created_at: now.toISOString(),
    });
  }
  await refreshRefunded(db, facts.paymentIntentId);
}
