// Our side of reconciliation: the donations and recurring donations recorded in a period.
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

type Db = Kysely<Database>;

export function donationsBetween(db: Db, from: string, to: string) {
  return db
    .selectFrom('donations')
    .select([
      'id',
      'stripe_payment_intent_id',
      'stripe_invoice_id',
      'amount',
      'refunded_amount',
      'currency',
      'received_at',
    ])
    .where('received_at', '>=', from)
    .where('received_at', '<', to)
    .execute();
}

export function subscriptionsBetween(db: Db, from: string, to: string) {
  return db
    .selectFrom('donation_subscriptions')
    .select(['stripe_subscription_id', 'status', 'amount', 'currency', 'started_at'])
    .where('started_at', '>=', from)
    .where('started_at', '<', to)
    .execute();
}
