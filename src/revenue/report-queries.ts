// Reads for the newsroom's donation screens and exports: gifts in a period, first gifts, recurring
// donations running or ended, donations started from each article, and the rows of the CSV exports.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../storage/schema.js';

type Db = Kysely<Database>;
const RUNNING = ['active', 'past_due', 'trialing'];

export function donationsSince(db: Db, from: string) {
  return db
    .selectFrom('donations')
    .select(['received_at', 'amount', 'refunded_amount', 'currency', 'donor_id'])
    .where('received_at', '>=', from)
    .orderBy('received_at')
    .execute();
}

/** Donors whose first gift came on or after `from`. */
export function newDonorsSince(db: Db, from: string) {
  return db
    .selectFrom('donations')
    .innerJoin('donors', 'donors.id', 'donations.donor_id')
    .select((eb) => ['donors.id', 'donors.name', eb.fn.min('donations.received_at').as('first_gift_at')])
    .groupBy(['donors.id', 'donors.name'])
    .having((eb) => eb.fn.min('donations.received_at'), '>=', from)
    .orderBy('first_gift_at', 'desc')
    .execute();
}

export function runningSubscriptions(db: Db) {
  return db
    .selectFrom('donation_subscriptions')
    .select(['amount', 'currency', 'interval'])
    .where('status', 'in', RUNNING)
    .execute();
}

/** Donors whose recurring donation ended on or after `from` and who give no other recurring donation. */
export function lapsedDonorsSince(db: Db, from: string) {
  return db
    .selectFrom('donation_subscriptions as s')
    .innerJoin('donors', 'donors.id', 's.donor_id')
    .select(['donors.id', 'donors.name', 's.canceled_at', 's.amount', 's.currency', 's.interval'])
    .where('s.status', 'in', ['canceled', 'unpaid', 'incomplete_expired'])
    .where('s.canceled_at', '>=', from)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('donation_subscriptions as other')
            .select('other.id')
            .whereRef('other.donor_id', '=', 's.donor_id')
            .where('other.status', 'in', RUNNING),
        ),
      ),
    )
    .orderBy('s.canceled_at', 'desc')
    .execute();
}

/** Per article: checkouts readers started from it since `from`, how many were paid, and what they raised. */
export async function articlesByDonations(db: Db, from: string, currency: string, limit: number) {
  return db
    .selectFrom('donation_checkouts as c')
    .innerJoin('articles', 'articles.id', 'c.article_id')
    .leftJoin('donations as d', (join) =>
      join.onRef('d.checkout_id', '=', 'c.id').on('d.currency', '=', currency),
    )
    .select((eb) => [
      'articles.id',
      'articles.headline',
      'articles.slug',
      eb.fn.count<number>('c.id').distinct().as('started'),
      eb.fn.count<number>('d.id').distinct().as('completed'),
      eb.fn.coalesce(eb.fn.sum<number>(sql`d.amount - d.refunded_amount`), eb.lit(0)).as('raised'),
    ])
    .where('c.created_at', '>=', from)
    .groupBy(['articles.id', 'articles.headline', 'articles.slug'])
    .orderBy('raised', 'desc')
    .orderBy('started', 'desc')
    .limit(limit)
    .execute();
}

export function donorsForExport(db: Db) {
  return db
    .selectFrom('donors')
    .leftJoin('donations', 'donations.donor_id', 'donors.id')
    .select((eb) => [
      'donors.id',
      'donors.name',
      'donors.email',
      'donors.public_listing',
      'donors.created_at',
      'donations.currency',
      eb.fn.count<number>('donations.id').as('gifts'),
      eb.fn.sum<number>(sql`donations.amount - donations.refunded_amount`).as('net'),
      eb.fn.min('donations.received_at').as('first_gift_at'),
      eb.fn.max('donations.received_at').as('last_gift_at'),
      eb
        .selectFrom('donation_subscriptions')
        .select((sub) => sub.fn.count<number>('donation_subscriptions.id').as('n'))
        .whereRef('donation_subscriptions.donor_id', '=', 'donors.id')
        .where('donation_subscriptions.status', 'in', RUNNING)
        .as('running'),
    ])
    .groupBy([
      'donors.id',
      'donors.name',
      'donors.email',
      'donors.public_listing',
      'donors.created_at',
      'donations.currency',
    ])
    .orderBy('donors.id')
    .execute();
}

export function donationsForExport(db: Db) {
  return db
    .selectFrom('donations')
    .innerJoin('donors', 'donors.id', 'donations.donor_id')
    .leftJoin('donation_campaigns', 'donation_campaigns.id', 'donations.campaign_id')
    .leftJoin('articles', 'articles.id', 'donations.article_id')
    .select([
      'donations.id',
      'donations.received_at',
      'donors.name',
      'donors.email',
      'donations.amount',
      'donations.fee_cover_amount',
      'donations.refunded_amount',
      'donations.currency',
      'donations.interval',
      'donations.status',
      'donations.dedication',
      'donation_campaigns.name as campaign',
      'articles.slug as article',
      'donations.stripe_payment_intent_id',
      'donations.stripe_invoice_id',
    ])
    .orderBy('donations.received_at')
    .orderBy('donations.id')
    .execute();
}

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
