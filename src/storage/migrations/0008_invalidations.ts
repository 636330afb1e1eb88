// The record of content changes every instance reads (storage/durable-content-events.ts): Redis carries a
// change at once, this table makes sure no instance misses one while Redis or its own link to it was down.
import type { Kysely } from 'kysely';
import { columnTypes } from './types.js';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('invalidations')
    // Increasing: an instance reads the rows after the last one it saw.
    .addColumn('id', t.postgres ? 'bigserial' : 'integer', t.idColumn)
    .addColumn('tags', 'text', (c) => c.notNull()) // a JSON array of cache tags
    .addColumn('origin', 'text', (c) => c.notNull()) // the instance that announced it
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('invalidations_created_at').on('invalidations').column('created_at').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('invalidations').execute();
}
