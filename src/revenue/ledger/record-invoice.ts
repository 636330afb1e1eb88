// A paid invoice of a recurring donation: each month's (or year's) gift. The first invoice also carries what
// the reader chose in our form; later ones are plain renewals.
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.js';
import type { InvoiceFacts } from '../payment-facts.js';
import { findCheckout } from './checkout-queries.js';
import { isOurSubscription, recordSubscription } from './record-subscription.js';
import { donorFor, NOTHING, type Recorded, saveDonation } from './save-donation.js';

type Db = Kysely<Database>;

export async function recordInvoicePaid(
  db: Db,
  facts: InvoiceFacts,
  eventTime: Date,
  now: Date,
): Promise<Recorded> {
  // Invoices of other subscriptions on the account (not started by our form) are not donations.
  if (!facts.subscription || facts.amountPaid <= 0 || !(await isOurSubscription(db, facts.subscription)))
    return NOTHING;
  const checkout = await findCheckout(db, { reference: facts.reference ?? facts.subscription.reference });
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
