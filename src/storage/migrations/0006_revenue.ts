// Reader revenue: donors, campaigns, the checkouts readers start, donations received, recurring donations,
// refunds, and the Stripe events already applied (each applied once, whatever the number of deliveries).
import { type Kysely, sql } from 'kysely';
import { columnTypes } from './types.js';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const oneOf = (column: string, values: string) =>
    sql.raw(
      `${column} in (${values
        .split(',')
        .map((v) => `'${v}'`)
        .join(', ')})`,
    );

  await db.schema
    .createTable('donors')
    .addColumn('id', t.id, t.idColumn)
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('public_listing', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('stripe_customer_id', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('donors_stripe_customer').on('donors').column('stripe_customer_id').execute();

  await db.schema
    .createTable('donation_campaigns')
    .addColumn('id', t.id, t.idColumn)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('goal_amount', 'integer', (c) => c.notNull().check(sql`goal_amount > 0`))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('starts_at', t.timestamp, (c) => c.notNull())
    .addColumn('ends_at', t.timestamp, (c) => c.notNull())
    .addColumn('cta_heading', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('cta_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  // What a reader asked for before paying; `reference` travels through Stripe's metadata, so that every
  // later event (in any order) finds the dedication, campaign and article it belongs to.
  await db.schema
    .createTable('donation_checkouts')
    .addColumn('id', t.id, t.idColumn)
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('stripe_session_id', 'text', (c) => c.unique())
    .addColumn('interval', 'text', (c) => c.notNull().check(oneOf('interval', 'once,month,year')))
    .addColumn('amount', 'integer', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('fee_amount', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total_amount', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('donor_name', 'text', (c) => c.notNull())
    .addColumn('donor_email', 'text', (c) => c.notNull())
    .addColumn('public_listing', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('dedication', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('campaign_id', 'integer', (c) => c.references('donation_campaigns.id').onDelete('set null'))
    .addColumn('article_id', 'integer', (c) => c.references('articles.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', 'started,open,completed,failed')))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('completed_at', t.timestamp)
    .execute();
  await db.schema
    .createIndex('donation_checkouts_article')
    .on('donation_checkouts')
    .column('article_id')
    .execute();

  await db.schema
    .createTable('donation_subscriptions')
    .addColumn('id', t.id, t.idColumn)
    .addColumn('stripe_subscription_id', 'text', (c) => c.notNull().unique())
    .addColumn('stripe_customer_id', 'text', (c) => c.notNull())
    .addColumn('donor_id', 'integer', (c) => c.references('donors.id').onDelete('set null'))
    .addColumn('checkout_id', 'integer', (c) => c.references('donation_checkouts.id').onDelete('set null'))
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('interval', 'text', (c) => c.notNull().check(oneOf('interval', 'month,year')))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', t.timestamp, (c) => c.notNull())
    .addColumn('canceled_at', t.timestamp)
    .addColumn('last_failed_at', t.timestamp)
    // Time of the newest Stripe event applied to this row: an older event arriving late changes nothing.
    .addColumn('stripe_updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('donation_subscriptions_donor')
    .on('donation_subscriptions')
    .column('donor_id')
    .execute();

  // One row per payment received. A one-time gift is keyed by its payment intent, a recurring one by its
  // invoice (the first payment can be confirmed by the thank-you page before its payment intent is known).
  await db.schema
    .createTable('donations')
    .addColumn('id', t.id, t.idColumn)
    .addColumn('donor_id', 'integer', (c) => c.notNull().references('donors.id'))
    .addColumn('checkout_id', 'integer', (c) => c.references('donation_checkouts.id').onDelete('set null'))
    .addColumn('subscription_id', 'integer', (c) =>
      c.references('donation_subscriptions.id').onDelete('set null'),
    )
    .addColumn('stripe_checkout_session_id', 'text')
    .addColumn('stripe_payment_intent_id', 'text', (c) => c.unique())
    .addColumn('stripe_invoice_id', 'text', (c) => c.unique())
    .addColumn('amount', 'integer', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('fee_cover_amount', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('interval', 'text', (c) => c.notNull().check(oneOf('interval', 'once,month,year')))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(oneOf('status', 'paid,partially_refunded,refunded')),
    )
    .addColumn('refunded_amount', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('campaign_id', 'integer', (c) => c.references('donation_campaigns.id').onDelete('set null'))
    .addColumn('article_id', 'integer', (c) => c.references('articles.id').onDelete('set null'))
    .addColumn('dedication', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('received_at', t.timestamp, (c) => c.notNull())
    .addColumn('receipt_sent_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('donations_received').on('donations').column('received_at').execute();
  await db.schema.createIndex('donations_donor').on('donations').column('donor_id').execute();
  await db.schema.createIndex('donations_campaign').on('donations').column('campaign_id').execute();
  await db.schema
    .createIndex('donations_checkout_session')
    .on('donations')
    .column('stripe_checkout_session_id')
    .execute();

  // Kept by Stripe's refund id and payment intent, so a refund announced before its donation is recorded
  // still counts once the donation arrives.
  await db.schema
    .createTable('donation_refunds')
    .addColumn('id', t.id, t.idColumn)
    .addColumn('stripe_refund_id', 'text', (c) => c.notNull().unique())
    .addColumn('stripe_payment_intent_id', 'text', (c) => c.notNull())
    .addColumn('stripe_charge_id', 'text', (c) => c.notNull())
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('refunded_at', t.timestamp, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('donation_refunds_payment_intent')
    .on('donation_refunds')
    .column('stripe_payment_intent_id')
    .execute();

  await db.schema
    .createTable('stripe_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('stripe_created_at', t.timestamp, (c) => c.notNull())
    .addColumn('received_at', t.timestamp, (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'stripe_events',
    'donation_refunds',
    'donations',
    'donation_subscriptions',
    'donation_checkouts',
    'donation_campaigns',
    'donors',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
