// Newsletters: the lists readers choose, one row per address (its soft bounces counted), what each address
// agreed to and how (the consent record), the pending double opt-in links, the addresses never mailed again,
// the editions written in the newsroom, and the send queue with one row per recipient of an edition.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { columnTypes } from './types.js';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('newsletter_lists')
    .addColumn('id', t.id, t.idColumn)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    // Null: the site's MAIL_FROM.
    .addColumn('sender', 'text')
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('newsletter_subscribers')
    .addColumn('id', t.id, t.idColumn)
    // Lower-cased: one row per address, whatever case it was typed in.
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('soft_bounces', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('newsletter_subscriptions')
    .addColumn('id', t.id, t.idColumn)
    .addColumn('subscriber_id', 'integer', (c) =>
      c.notNull().references('newsletter_subscribers.id').onDelete('cascade'),
    )
    .addColumn('list_id', 'integer', (c) => c.notNull().references('newsletter_lists.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'active', 'unsubscribed')`),
    )
    // The consent record: when, from which form, and the very words the reader agreed to.
    .addColumn('consent_at', t.timestamp)
    .addColumn('consent_form', 'text')
    .addColumn('consent_wording', 'text')
    .addColumn('unsubscribed_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('newsletter_subscriptions_once', ['subscriber_id', 'list_id'])
    .execute();
  await db.schema
    .createIndex('newsletter_subscriptions_list')
    .on('newsletter_subscriptions')
    .columns(['list_id', 'status'])
    .execute();

  await db.schema
    .createTable('newsletter_confirmations')
    .addColumn('id', t.id, t.idColumn)
    // A hash of the emailed token: the database alone cannot confirm anyone.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('subscriber_id', 'integer', (c) =>
      c.notNull().references('newsletter_subscribers.id').onDelete('cascade'),
    )
    .addColumn('list_ids', 'text', (c) => c.notNull()) // JSON array
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('wording', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('used_at', t.timestamp)
    .execute();

  await db.schema
    .createTable('newsletter_suppressions')
    .addColumn('email', 'text', (c) => c.primaryKey())
    .addColumn('reason', 'text', (c) =>
      c.notNull().check(sql`reason in ('unsubscribed', 'bounced', 'complained', 'soft-bounces', 'imported')`),
    )
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('newsletter_editions')
    .addColumn('id', t.id, t.idColumn)
    .addColumn('list_id', 'integer', (c) => c.notNull().references('newsletter_lists.id').onDelete('cascade'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('intro', 'text', (c) => c.notNull())
    .addColumn('article_slugs', 'text', (c) => c.notNull()) // JSON array, in the order chosen
    .addColumn('section_ids', 'text', (c) => c.notNull()) // JSON array: "the latest from these sections"
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('draft', 'scheduled', 'sending', 'paused', 'sent')`),
    )
    // What the email and the archive show, fixed when sending starts: every recipient gets the same edition.
    .addColumn('html_body', 'text')
    .addColumn('text_body', 'text')
    .addColumn('web_html', 'text')
    .addColumn('scheduled_at', t.timestamp)
    .addColumn('started_at', t.timestamp)
    .addColumn('finished_at', t.timestamp)
    // Why sending waits (the SMTP server unreachable), for the newsroom to see; null when all is well.
    .addColumn('last_error', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('newsletter_editions_list')
    .on('newsletter_editions')
    .columns(['list_id', 'status'])
    .execute();

  await db.schema
    .createTable('newsletter_deliveries')
    .addColumn('id', t.id, t.idColumn)
    .addColumn('edition_id', 'integer', (c) =>
      c.notNull().references('newsletter_editions.id').onDelete('cascade'),
    )
    .addColumn('subscription_id', 'integer', (c) =>
      c.references('newsletter_subscriptions.id').onDelete('set null'),
    )
    .addColumn('email', 'text', (c) => c.notNull())
    // queued → claimed (an instance holds it under a lease) → sending (handed to SMTP) → sent | failed.
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('queued', 'claimed', 'sending', 'sent', 'failed')`),
    )
    .addColumn('claimed_by', 'text')
    .addColumn('lease_until', t.timestamp)
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('not_before', t.timestamp)
    .addColumn('error', 'text')
    .addColumn('sent_at', t.timestamp)
    .addUniqueConstraint('newsletter_deliveries_once', ['edition_id', 'email'])
    .execute();
  await db.schema
    .createIndex('newsletter_deliveries_work')
    .on('newsletter_deliveries')
    .columns(['edition_id', 'state', 'id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'newsletter_deliveries',
    'newsletter_editions',
    'newsletter_suppressions',
    'newsletter_confirmations',
    'newsletter_subscriptions',
    'newsletter_subscribers',
    'newsletter_lists',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
