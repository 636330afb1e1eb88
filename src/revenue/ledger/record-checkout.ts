// A checkout the donor finished, recorded as a donation (and, for a recurring gift, the recurring donation it
// starts) with what the reader chose in our form: dedication, campaign, article, public listing.
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.js';
import type { CheckoutFacts } from '../payment-facts.js';
import { completeCheckout, findCheckout } from './checkout-queries.js';
import { recordSubscription } from './record-subscription.js';
import { donorFor, NOTHING, type Recorded, saveDonation } from './save-donation.js';

type Db = Kysely<Database>;

/** A checkout the donor finished: from the webhook or from the thank-you page, whichever comes first. */
export async function recordCheckout(db: Db, facts: CheckoutFacts, now: Date): Promise<Recorded> {
  // Checkouts not started by our form (a shop on the same Stripe account) carry no reference of ours.
  if (!facts.paid || !facts.reference) return NOTHING;
  const checkout = await findCheckout(db, { reference: facts.reference, sessionId: facts.sessionId });
  const donor = await donorFor(db, checkout, facts, now);
  if (checkout) await completeCheckout(db, checkout.id, facts.sessionId, now.toISOString());
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
