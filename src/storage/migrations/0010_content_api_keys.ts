// The keys of the read-only content API (content-api/): one per app or site that reads the newsroom's
// stories. Only a keyed hash of a key is kept; the key itself is shown once, when it is made.
import type { Kysely } from 'kysely';
import { columnTypes } from './types.js';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('content_api_keys')
    .addColumn('id', t.id, t.idColumn)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    // The key's first characters, so that staff can tell which key an app holds without the key itself.
    .addColumn('key_prefix', 'text', (c) => c.notNull())
    .addColumn('allowed_origins', 'text', (c) => c.notNull()) // a JSON array of origins
    .addColumn('rate_limit_per_minute', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('staff.id').onDelete('set null'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('revoked_by', 'integer', (c) => c.references('staff.id').onDelete('set null'))
    .addColumn('revoked_at', t.timestamp)
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('content_api_keys').execute();
}
