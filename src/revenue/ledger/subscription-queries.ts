// Reads and writes of recurring donations (Stripe subscriptions started by our form), keyed by Stripe's id.
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, DonationSubscriptionsTable } from '../../storage/schema.js';

type Db = Kysely<Database>;
export type SubscriptionRow = Selectable<DonationSubscriptionsTable>;

export function findSubscription(db: Db, stripeId: string) {
  return db
    .selectFrom('donation_subscriptions')
    .selectAll()
    .where('stripe_subscription_id', '=', stripeId)
    .executeTakeFirst();
}

export async function insertSubscriptionIfNew(db: Db, values: Insertable<DonationSubscriptionsTable>) {
  await db
    .insertInto('donation_subscriptions')
    .values(values)
    .onConflict((oc) => oc.column('stripe_subscription_id').doNothing())
    .execute();
  return (await findSubscription(db, values.stripe_subscription_id))!;
}

export async function updateSubscription(
  db: Db,
  id: number,
  values: Partial<Omit<DonationSubscriptionsTable, 'id' | 'stripe_subscription_id'>>,
) {
  if (Object.keys(values).length === 0) return;
  await db.updateTable('donation_subscriptions').set(values).where('id', '=', id).execute();
}

export function listDonorSubscriptions(db: Db, donorId: number) {
  return db
    .selectFrom('donation_subscriptions')
    .selectAll()
    .where('donor_id', '=', donorId)
    .orderBy('started_at', 'desc')
    .execute();
}
