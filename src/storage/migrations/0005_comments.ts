// Reader comments: the comments themselves (threaded, moderated, never exposing the email), per-article
// comment state (closed or open), bans, mail opt-outs, and the counters behind rate limits shared by
// every instance (http/rate-limit-store.ts) when there is no Redis.
import { type Kysely, sql } from 'kysely';
import { columnTypes } from './types.js';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('comments')
    .addColumn('id', t.id, t.idColumn)
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    // Replies keep their place when a parent is erased: the parent stays as an empty 'erased' row.
    .addColumn('parent_id', 'integer', (c) => c.references('comments.id').onDelete('set null'))
    // The top-level comment of the thread (null on top-level comments): a page of threads is one query.
    .addColumn('root_id', 'integer', (c) => c.references('comments.id').onDelete('set null'))
    .addColumn('depth', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'approved', 'spam', 'trash', 'erased')`),
    )
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    // Needed to send reply notifications; never rendered, exported only to its owner or an admin.
    .addColumn('author_email', 'text', (c) => c.notNull())
    // HMAC of the email with the app secret: finds a commenter's history without a lookup table of emails.
    .addColumn('email_key', 'text', (c) => c.notNull())
    .addColumn('author_url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('staff_id', 'integer', (c) => c.references('staff.id').onDelete('set null'))
    .addColumn('notify_replies', 'integer', (c) => c.notNull().defaultTo(0))
    // HMAC of the address, never the address; set to null after the retention period.
    .addColumn('ip_key', 'text')
    .addColumn('body_hash', 'text', (c) => c.notNull())
    .addColumn('moderation_reason', 'text')
    .addColumn('spam_score', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('approved_at', t.timestamp)
    .addColumn('edited_at', t.timestamp)
    .addColumn('status_changed_at', t.timestamp, (c) => c.notNull())
    // Moderators were told about this held comment (the digest), and the parent's author about this reply.
    .addColumn('digest_sent_at', t.timestamp)
    .addColumn('reply_notified_at', t.timestamp)
    .execute();
  await db.schema
    .createIndex('comments_article_status')
    .on('comments')
    .columns(['article_id', 'status', 'id'])
    .execute();
  await db.schema.createIndex('comments_status_id').on('comments').columns(['status', 'id']).execute();
  await db.schema
    .createIndex('comments_email_key')
    .on('comments')
    .columns(['email_key', 'created_at'])
    .execute();
  await db.schema.createIndex('comments_parent').on('comments').column('parent_id').execute();
  await db.schema.createIndex('comments_root').on('comments').columns(['root_id', 'id']).execute();
  await db.schema
    .createIndex('comments_body_hash')
    .on('comments')
    .columns(['body_hash', 'created_at'])
    .execute();
  await db.schema.createIndex('comments_ip_key').on('comments').columns(['ip_key', 'created_at']).execute();

  // Only articles whose comments an editor closed (or reopened) have a row; the rest follow the settings.
  await db.schema
    .createTable('comment_threads')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('closed', 'integer', (c) => c.notNull())
    .addColumn('changed_by', 'integer', (c) => c.references('staff.id').onDelete('set null'))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('comment_bans')
    .addColumn('id', t.id, t.idColumn)
    .addColumn('email_key', 'text', (c) => c.notNull().unique())
    .addColumn('ip_key', 'text')
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'integer', (c) => c.references('staff.id').onDelete('set null'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('comment_bans_ip').on('comment_bans').column('ip_key').execute();

  // Staff who asked not to receive the moderation digest (reply notifications are a flag on each comment).
  await db.schema
    .createTable('comment_digest_optouts')
    .addColumn('staff_id', 'integer', (c) => c.primaryKey().references('staff.id').onDelete('cascade'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('rate_limit_counters')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rate_limit_counters_expiry')
    .on('rate_limit_counters')
    .column('expires_at')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'rate_limit_counters',
    'comment_digest_optouts',
    'comment_bans',
    'comment_threads',
    'comments',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
