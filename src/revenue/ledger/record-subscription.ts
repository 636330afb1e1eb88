// A recurring donation as Stripe's events describe it, in whatever order they arrive: created on first sight,
// changed only by an event at least as new as the last one applied, never revived once it has ended.
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.js';
import type { SubscriptionFacts } from '../payment-facts.js';
import { findDonorByCustomer } from './donor-queries.js';
import {
  findSubscription,
  insertSubscriptionIfNew,
  type SubscriptionRow,
  updateSubscription,
} from './subscription-queries.js';

type Db = Kysely<Database>;

// Statuses after which Stripe never revives a subscription: a late "active" must not undo a cancellation.
const FINAL_STATUSES = new Set(['canceled', 'incomplete_expired']);

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
): Promise<SubscriptionRow> {
  const donorId = links.donorId ?? (await findDonorByCustomer(db, facts.customerId))?.id ?? null;
  const current = await insertSubscriptionIfNew(db, {
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
  const changes: Partial<SubscriptionRow> = {};
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
  await updateSubscription(db, current.id, changes);
  return { ...current, ...changes };
}

/**
 * A recurring donation started by our form (it carries our reference), or one we already record. Anything
 * else on the Stripe account (a shop's subscriptions) is not a donation; reconcile.ts asks the same question.
 */
export async function isOurSubscription(
  db: Db,
  facts: { subscriptionId: string; reference: string | null },
): Promise<boolean> {
  return Boolean(facts.reference) || (await findSubscription(db, facts.subscriptionId)) !== undefined;
}
