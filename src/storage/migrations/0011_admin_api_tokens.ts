// The admin API's tokens (each acting as one staff member, within its scopes), and what the history of an
// article needs to show writes that did not come from the editor: the channel of a revision (`via`) and
// the workflow steps taken on it (article_activity).
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { columnTypes } from './types.js';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('admin_api_tokens')
    .addColumn('id', t.id, t.idColumn)
    .addColumn('name', 'text', (c) => c.notNull())
    // A keyed hash of the token (see admin-api/token-secret.ts); the token itself is never stored.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('scopes', 'text', (c) => c.notNull()) // JSON array of scope names
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id').onDelete('cascade'))
    .addColumn('created_by', 'integer', (c) => c.references('staff.id').onDelete('set null'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_used_at', t.timestamp)
    .addColumn('expires_at', t.timestamp)
    .addColumn('revoked_at', t.timestamp)
    .addColumn('revoked_by', 'integer', (c) => c.references('staff.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('admin_api_tokens_staff').on('admin_api_tokens').column('staff_id').execute();

  // Null for a save from the editor; the API token's name for a save through the admin API.
  await db.schema.alterTable('article_revisions').addColumn('via', 'text').execute();

  await db.schema
    .createTable('article_activity')
    .addColumn('id', t.id, t.idColumn)
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('action', 'text', (c) =>
      c.notNull().check(sql`action in ('submitted', 'returned', 'published', 'scheduled', 'unpublished')`),
    )
    .addColumn('staff_id', 'integer', (c) => c.references('staff.id').onDelete('set null'))
    .addColumn('via', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('article_activity_article')
    .on('article_activity')
    .columns(['article_id', 'created_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('article_activity').execute();
  await db.schema.alterTable('article_revisions').dropColumn('via').execute();
  await db.schema.dropTable('admin_api_tokens').execute();
}
