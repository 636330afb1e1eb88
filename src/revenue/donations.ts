// Recording what Stripe tells us, once, in whatever order it arrives: a completed checkout, a paid or failed
// invoice, a changed subscription, a refund. Each step upserts by Stripe's ids and only fills or moves
// state forward, so a repeated or late event changes nothing it should not.
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { upsertDonor } from './donors.js';
import * as q from './ledger-queries.js';
import type {
  ChargeRefundFacts,
  CheckoutFacts,
  InvoiceFacts,
  PaymentEvent,
  SubscriptionFacts,
} from './payment-provider.js';

type Db = Kysely<Database>;

export interface Recorded {
  /** Donations this call created (not ones it found already recorded). */
  newDonations: number[];
}

const NOTHING: Recorded = { newDonations: [] };
// Statuses after which Stripe never revives a subscription: a late "active" must not undo a cancellation.
const FINAL_STATUSES = new Set(['canceled', 'incomplete_expired']);

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

/** A checkout the donor finished: from the webhook or from the thank-you page, whichever comes first. */
export async function recordCheckout(db: Db, facts: CheckoutFacts, now: Date): Promise<Recorded> {
  // Checkouts not started by our form (a shop on the same Stripe account) carry no reference of ours.
  if (!facts.paid || !facts.reference) return NOTHING;
  const checkout = await q.findCheckout(db, { reference: facts.reference, sessionId: facts.sessionId });
  const donor = await donorFor(db, checkout, facts, now);
  if (checkout) await q.completeCheckout(db, checkout.id, facts.sessionId, now.toISOString());
  const attribution = {
    checkout_id: checkout?.id ?? null,
    campaign_id: checkout?.campaign_id ?? null,
    article_id: checkout?.article_id ?? null,
    dedication: checkout?.dedication ?? '',
    stripe_checkout_session_id: facts.sessionId,
  };
  const received = {
    donor_id: donor.id,
    amount: facts.amountTotal,
    fee_cover_amount: checkout?.total_amount === facts.amountTotal ? checkout.fee_amount : 0,
    currency: facts.currency,
    status: 'paid' as const,
    refunded_amount: 0,
    received_at: now.toISOString(),
    created_at: now.toISOString(),
    ...attribution,
  };

  if (facts.mode === 'payment') {
    if (!facts.paymentIntentId) return NOTHING;
    return saveDonation(
      db,
      { paymentIntentId: facts.paymentIntentId },
      {
        ...received,
        interval: 'once',
        stripe_payment_intent_id: facts.paymentIntentId,
        stripe_invoice_id: null,
        subscription_id: null,
      },
    );
  }

  let subscriptionId: number | null = null;
  if (facts.subscriptionId && facts.customerId) {
    const subscription = await recordSubscription(
      db,
      {
        subscriptionId: facts.subscriptionId,
        customerId: facts.customerId,
        reference: facts.reference,
        status: 'active',
        amount: checkout?.total_amount ?? facts.amountTotal,
        currency: facts.currency,
        interval: checkout?.interval === 'year' ? 'year' : 'month',
        startedAt: now,
        endedAt: null,
      },
      // The checkout knows less than any subscription event: it only ever creates the row.
      new Date(0),
      now,
      { donorId: donor.id, checkoutId: checkout?.id ?? null },
    );
    subscriptionId = subscription.id;
  }
  if (!facts.invoiceId) return NOTHING;
  return saveDonation(
    db,
    { invoiceId: facts.invoiceId },
    {
      ...received,
      interval: checkout?.interval === 'year' ? 'year' : 'month',
      stripe_payment_intent_id: facts.paymentIntentId,
      stripe_invoice_id: facts.invoiceId,
      subscription_id: subscriptionId,
    },
  );
}

async function recordInvoicePaid(db: Db, facts: InvoiceFacts, eventTime: Date, now: Date): Promise<Recorded> {
  // Invoices of other subscriptions on the account (not started by our form) are not donations.
  if (!facts.subscription || facts.amountPaid <= 0 || !(await isOurSubscription(db, facts.subscription)))
    return NOTHING;
  const checkout = await q.findCheckout(db, { reference: facts.reference ?? facts.subscription.reference });
  const donor = await donorFor(db, checkout, facts, now);
  const subscription = await recordSubscription(db, facts.subscription, eventTime, now, {
    donorId: donor.id,
    checkoutId: checkout?.id ?? null,
  });
  const first = facts.first && checkout;
  return saveDonation(
    db,
    { invoiceId: facts.invoiceId },
    {
      donor_id: donor.id,
      checkout_id: first ? checkout.id : null,
      subscription_id: subscription.id,
      stripe_checkout_session_id: first ? checkout.stripe_session_id : null,
      stripe_payment_intent_id: facts.paymentIntentId,
      stripe_invoice_id: facts.invoiceId,
      amount: facts.amountPaid,
      fee_cover_amount: checkout?.total_amount === facts.amountPaid ? checkout.fee_amount : 0,
      currency: facts.currency,
      interval: subscription.interval,
      status: 'paid',
      refunded_amount: 0,
      campaign_id: first ? checkout.campaign_id : null,
      article_id: first ? checkout.article_id : null,
      dedication: first ? checkout.dedication : '',
      received_at: (facts.paidAt ?? eventTime).toISOString(),
      created_at: now.toISOString(),
    },
  );
}

async function recordInvoiceFailed(db: Db, facts: InvoiceFacts, eventTime: Date, now: Date) {
  if (!facts.subscription || !(await isOurSubscription(db, facts.subscription))) return;
  const subscription = await recordSubscription(db, facts.subscription, eventTime, now, {});
  await q.updateSubscription(db, subscription.id, { last_failed_at: eventTime.toISOString() });
}

/**
 * Creates the recurring donation on first sight; later, takes a change only from an event at least as new
 * as the last one applied (an ending from any), and never leaves a final status. Links fill in when known.
 */
export async function recordSubscription(
  db: Db,
  facts: SubscriptionFacts,
  eventTime: Date,
  now: Date,
  links: { donorId?: number; checkoutId?: number | null },
): Promise<q.SubscriptionRow> {
  const donorId = links.donorId ?? (await q.findDonorByCustomer(db, facts.customerId))?.id ?? null;
  const current = await q.insertSubscriptionIfNew(db, {
    stripe_subscription_id: facts.subscriptionId,
    stripe_customer_id: facts.customerId,
    donor_id: donorId,
    checkout_id: links.checkoutId ?? null,
    amount: facts.amount,
    currency: facts.currency,
    interval: facts.interval,
    status: facts.status,
    started_at: facts.startedAt.toISOString(),
    canceled_at: facts.endedAt?.toISOString() ?? null,
    last_failed_at: null,
    stripe_updated_at: eventTime.toISOString(),
    updated_at: now.toISOString(),
  });
  const changes: Partial<q.SubscriptionRow> = {};
  if (current.donor_id === null && donorId !== null) changes.donor_id = donorId;
  if (current.checkout_id === null && links.checkoutId) changes.checkout_id = links.checkoutId;
  // Stripe's event times have whole seconds: of two events in one second, the one that arrives last wins,
  // and an ending (cancellation) always does, since nothing follows it.
  const newer =
    eventTime.getTime() >= Date.parse(current.stripe_updated_at) || FINAL_STATUSES.has(facts.status);
  if (newer && !FINAL_STATUSES.has(current.status)) {
    Object.assign(changes, {
      status: facts.status,
      amount: facts.amount,
      currency: facts.currency,
      interval: facts.interval,
      canceled_at: facts.endedAt?.toISOString() ?? null,
      stripe_updated_at: eventTime.toISOString(),
    });
  }
  if (Object.keys(changes).length === 0) return current;
  changes.updated_at = now.toISOString();
  await q.updateSubscription(db, current.id, changes);
  return { ...current, ...changes };
}

async function recordRefunds(db: Db, facts: ChargeRefundFacts, now: Date) {
  for (const refund of facts.refunds) {
    await q.upsertRefund(db, {
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
  await q.refreshRefunded(db, facts.paymentIntentId);
}

/**
 * A recurring donation started by our form (it carries our reference), or one we already record. Anything
 * else on the Stripe account (a shop's subscriptions) is not a donation; reconcile.ts asks the same question.
 */
export async function isOurSubscription(
  db: Db,
  facts: { subscriptionId: string; reference: string | null },
): Promise<boolean> {
  return Boolean(facts.reference) || (await q.findSubscription(db, facts.subscriptionId)) !== undefined;
}

async function donorFor(
  db: Db,
  checkout: q.CheckoutRow | undefined,
  facts: { email: string | null; name: string | null; customerId: string | null },
  now: Date,
) {
  return upsertDonor(
    db,
    {
      email: checkout?.donor_email ?? facts.email,
      name: checkout?.donor_name ?? facts.name,
      publicListing: checkout ? checkout.public_listing === 1 : undefined,
      customerId: facts.customerId,
    },
    now,
  );
}

async function saveDonation(
  db: Db,
  key: q.DonationKey,
  values: Parameters<typeof q.insertDonationIfNew>[1],
): Promise<Recorded> {
  const { id, created } = await q.insertDonationIfNew(db, values);
  if (!created) {
    const row = (await q.findDonationByKey(db, key))!;
    await q.fillDonation(db, row, {
      stripe_payment_intent_id: values.stripe_payment_intent_id,
      stripe_checkout_session_id: values.stripe_checkout_session_id,
      subscription_id: values.subscription_id,
      checkout_id: values.checkout_id,
      campaign_id: values.campaign_id,
      article_id: values.article_id,
      dedication: values.dedication,
    });
  }
  // A refund may have arrived before the payment it refunds.
  const paymentIntentId =
    values.stripe_payment_intent_id ?? (await q.findDonationByKey(db, key))?.stripe_payment_intent_id;
  if (paymentIntentId) await q.refreshRefunded(db, paymentIntentId);
  return { newDonations: created ? [id] : [] };
}
