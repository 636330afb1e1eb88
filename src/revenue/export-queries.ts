// The rows of the newsroom's CSV exports: every donor with their totals per currency, and every donation with
// its campaign and the article it was given from (by id; the articles domain names it).
import { type Kysely, sql } from 'kysely';
import type { Database } from '../storage/schema.js';
import { RUNNING } from './report-queries.js';

type Db = Kysely<Database>;

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
      'donations.article_id',
      'donations.stripe_payment_intent_id',
      'donations.stripe_invoice_id',
    ])
    .orderBy('donations.received_at')
    .orderBy('donations.id')
    .execute();
}
