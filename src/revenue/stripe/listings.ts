// What reconciliation reads from Stripe for a period: every charge (with the reference our one-time gifts
// carry on their payment intent) and every subscription, a page of a hundred at a time.
import type Stripe from 'stripe';
import type { ChargeRecord, SubscriptionRecord } from '../payment-records.js';
import { date, idOf, REFERENCE, subscriptionFacts } from './facts.js';

const createdBetween = (from: Date, to: Date) => ({
  gte: Math.floor(from.getTime() / 1000),
  lte: Math.floor(to.getTime() / 1000),
});

export async function* listCharges(stripe: Stripe, from: Date, to: Date): AsyncIterable<ChargeRecord> {
  // Our reference is set on the payment intent (payment_intent_data.metadata); a charge's own metadata need
  // not carry it.
  const listing = stripe.charges.list({
    created: createdBetween(from, to),
    limit: 100,
    expand: ['data.payment_intent'],
  });
  for await (const charge of listing) {
    const intent = typeof charge.payment_intent === 'object' ? charge.payment_intent : null;
    yield {
      chargeId: charge.id,
      paymentIntentId: idOf(charge.payment_intent),
      amount: charge.amount,
      amountRefunded: charge.amount_refunded,
      currency: charge.currency.toUpperCase(),
      succeeded: charge.status === 'succeeded',
      created: date(charge.created)!,
      reference: intent?.metadata?.[REFERENCE] ?? charge.metadata?.[REFERENCE] ?? null,
      customerId: idOf(charge.customer),
    };
  }
}

export async function* listSubscriptions(
  stripe: Stripe,
  from: Date,
  to: Date,
): AsyncIterable<SubscriptionRecord> {
  const listing = stripe.subscriptions.list({ created: createdBetween(from, to), status: 'all', limit: 100 });
  for await (const sub of listing) {
    const facts = subscriptionFacts(sub);
    yield {
      subscriptionId: sub.id,
      status: sub.status,
      amount: facts.amount,
      currency: facts.currency,
      created: date(sub.created)!,
      reference: facts.reference,
    };
  }
}
