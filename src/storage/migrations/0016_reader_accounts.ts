// Reader accounts: one per email address, signed in by an emailed link (single use, expiring; only its hash
// is kept), and the sessions those links open (only their hashes kept too).
import type { Kysely } from 'kysely';
import { columnTypes } from './types.js';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('reader_accounts')
    .addColumn('id', t.id, t.idColumn)
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_sign_in_at', t.timestamp)
    .execute();
  await db.schema
    .createTable('reader_sign_in_links')
    .addColumn('id', t.id, t.idColumn)
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('used_at', t.timestamp)
    .execute();
  await db.schema
    .createTable('reader_sessions')
    .addColumn('id', t.id, t.idColumn)
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('account_id', 'integer', (c) =>
      c.notNull().references('reader_accounts.id').onDelete('cascade'),
    )
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reader_sessions').execute();
  await db.schema.dropTable('reader_sign_in_links').execute();
  await db.schema.dropTable('reader_accounts').execute();
}
