// The last step of recording a gift: the donor found or created, the donation inserted once (or filled in
// when an earlier event recorded it first), its refunds applied, and a new gift queued for webhooks.
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.js';
import { enqueueWebhookEvent } from '../../webhooks/enqueue-event.js';
import { upsertDonor } from '../donors.js';
import type { CheckoutRow } from './checkout-queries.js';
import {
  type DonationKey,
  fillDonation,
  findDonationByKey,
  insertDonationIfNew,
} from './donation-queries.js';
import { lockPaymentIntent, refreshRefunded } from './refund-queries.js';

type Db = Kysely<Database>;

export interface Recorded {
  /** Donations this call created (not ones it found already recorded). */
  newDonations: number[];
}

export const NOTHING: Recorded = { newDonations: [] };

/** The gift's donor: what the reader typed in our form wins over what the payment page collected. */
export async function donorFor(
  db: Db,
  checkout: CheckoutRow | undefined,
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

export async function saveDonation(
  db: Db,
  key: DonationKey,
  values: Parameters<typeof insertDonationIfNew>[1],
): Promise<Recorded> {
  if (values.stripe_payment_intent_id) await lockPaymentIntent(db, values.stripe_payment_intent_id);
  const { id, created } = await insertDonationIfNew(db, values);
  if (!created) {
    const row = (await findDonationByKey(db, key))!;
    await fillDonation(db, row, {
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
    values.stripe_payment_intent_id ?? (await findDonationByKey(db, key))?.stripe_payment_intent_id;
  if (paymentIntentId) await refreshRefunded(db, paymentIntentId);
  // Outside systems hear of a new gift in the transaction that records it: its amount, never its donor.
  if (created) {
    await enqueueWebhookEvent(
      db,
      'donation.completed',
      { id, amount: values.amount, currency: values.currency },
      new Date(values.created_at),
    );
  }
  return { newDonations: created ? [id] : [] };
}
