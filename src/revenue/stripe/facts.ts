// Stripe's objects in the revenue domain's words: the facts of a checkout session, a subscription and a
// refund, with ids flattened (an expanded object or its id) and times as Dates.
import type Stripe from 'stripe';
import type { CheckoutFacts, RefundFacts, SubscriptionFacts } from '../payment-facts.js';

/** The metadata key under which our checkout reference travels through Stripe. */
export const REFERENCE = 'broadsheet_reference';

export const idOf = (value: string | { id: string } | null | undefined): string | null =>
  value == null ? null : typeof value === 'string' ? value : value.id;
export const date = (seconds: number | null | undefined): Date | null =>
  seconds == null ? null : new Date(seconds * 1000);

export function checkoutFacts(session: Stripe.Checkout.Session): CheckoutFacts {
  return {
    sessionId: session.id,
    reference: session.metadata?.[REFERENCE] ?? session.client_reference_id ?? null,
    mode: session.mode === 'subscription' ? 'subscription' : 'payment',
    state: session.status === 'complete' ? 'complete' : session.status === 'expired' ? 'expired' : 'open',
    paid: session.status === 'complete' && session.payment_status === 'paid',
    paymentIntentId: idOf(session.payment_intent),
    invoiceId: idOf(session.invoice),
    subscriptionId: idOf(session.subscription),
    customerId: idOf(session.customer),
    email: session.customer_details?.email ?? session.customer_email ?? null,
    name: session.customer_details?.name ?? null,
    amountTotal: session.amount_total ?? 0,
    currency: (session.currency ?? '').toUpperCase(),
  };
}

export function subscriptionFacts(sub: Stripe.Subscription): SubscriptionFacts {
  const item = sub.items.data[0];
  const interval = item?.price.recurring?.interval === 'year' ? 'year' : 'month';
  return {
    subscriptionId: sub.id,
    customerId: idOf(sub.customer)!,
    reference: sub.metadata?.[REFERENCE] ?? null,
    status: sub.status,
    amount: (item?.price.unit_amount ?? 0) * (item?.quantity ?? 1),
    currency: sub.currency.toUpperCase(),
    interval,
    startedAt: date(sub.start_date)!,
    endedAt: date(sub.ended_at),
  };
}

export function refundFacts(refund: Stripe.Refund): RefundFacts {
  return {
    refundId: refund.id,
    amount: refund.amount,
    currency: refund.currency.toUpperCase(),
    status: refund.status ?? 'succeeded',
    createdAt: date(refund.created)!,
  };
}
