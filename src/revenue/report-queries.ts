// Reads for the newsroom's donations overview: gifts in a period, first gifts, recurring donations running or
// ended, and the donations started from each article (named through the articles domain, in reports.ts).
import { type Kysely, sql } from 'kysely';
import type { Database } from '../storage/schema.js';

type Db = Kysely<Database>;
export const RUNNING = ['active', 'past_due', 'trialing'];

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
export function donationsByArticle(db: Db, from: string, currency: string, limit: number) {
  return db
    .selectFrom('donation_checkouts as c')
    .leftJoin('donations as d', (join) =>
      join.onRef('d.checkout_id', '=', 'c.id').on('d.currency', '=', currency),
    )
    .select((eb) => [
      'c.article_id',
      eb.fn.count<number>('c.id').distinct().as('started'),
      eb.fn.count<number>('d.id').distinct().as('completed'),
      eb.fn.coalesce(eb.fn.sum<number>(sql`d.amount - d.refunded_amount`), eb.lit(0)).as('raised'),
    ])
    .where('c.created_at', '>=', from)
    .where('c.article_id', 'is not', null)
    .groupBy('c.article_id')
    .orderBy('raised', 'desc')
    .orderBy('started', 'desc')
    .limit(limit)
    .execute();
}
