// What a donor's link opens: their recurring donations, and from there the payment provider's portal to
// change or cancel one (only one of their own).
import type { Kysely } from 'kysely';
import { NotFound } from '../http/errors.js';
import type { Database } from '../storage/schema.js';
import { getDonor } from './donors.js';
import { listDonorSubscriptions } from './ledger/subscription-queries.js';
import type { PaymentProvider } from './payment-provider.js';
import { portalOffer, readRevenueSettings } from './settings.js';

export interface ManagedDonor {
  donor: { id: number; email: string; name: string; publicListing: boolean };
  recurring: Array<{
    id: number;
    amount: number;
    currency: string;
    interval: 'month' | 'year';
    status: string;
    startedAt: string;
  }>;
}

export async function managedDonor(db: Kysely<Database>, donorId: number): Promise<ManagedDonor> {
  const donor = await getDonor(db, donorId);
  if (!donor) throw new NotFound('We have no donations under this link any more.');
  const subscriptions = await listDonorSubscriptions(db, donorId);
  return {
    donor,
    recurring: subscriptions.map((s) => ({
      id: s.id,
      amount: s.amount,
      currency: s.currency,
      interval: s.interval,
      status: s.status,
      startedAt: s.started_at,
    })),
  };
}

/**
 * Stripe's portal for this donor's recurring donation; only for a subscription that is theirs. It offers the
 * suggested amounts as they are now, read for each visit so that every instance offers the same.
 */
export async function portalFor(
  deps: { db: Kysely<Database>; payments: PaymentProvider },
  donorId: number,
  subscriptionId: number,
  returnUrl: string,
): Promise<string> {
  const mine = (await listDonorSubscriptions(deps.db, donorId)).find((s) => s.id === subscriptionId);
  if (!mine) throw new NotFound('We could not find that recurring donation under this link.');
  const offer = portalOffer(await readRevenueSettings(deps.db));
  return deps.payments.portalUrl(mine.stripe_customer_id, returnUrl, offer);
}
