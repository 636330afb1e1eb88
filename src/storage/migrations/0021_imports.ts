// What an import brought in, and the old site's addresses. import_items keys every item by its source site,
// kind and id, so a second run finds what the first wrote (skipped when its hash is the same, updated when a
// newer export changed it); each item is written in one transaction with its row here, so a killed run
// leaves nothing half-written. legacy_redirects holds the old addresses (a path, or `?p=ID`) and the kind and
// id of what now answers them, so a redirect follows a later change of slug.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { columnTypes } from './types.js';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('import_items')
    // The source site's address, without a trailing slash: one site's ids from another's.
    .addColumn('source_site', 'text', (c) => c.notNull())
    // person, category, tag, media, article, page, comment
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('local_kind', 'text', (c) => c.notNull())
    .addColumn('local_id', 'integer', (c) => c.notNull())
    // SHA-256 of the source record as read: unchanged means nothing to do.
    .addColumn('source_hash', 'text', (c) => c.notNull())
    // The local row's version when the import wrote it (articles): a newer one means an editor changed it.
    .addColumn('local_version', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('import_items_pk', ['source_site', 'source_kind', 'source_id'])
    .execute();
  await db.schema
    .createTable('legacy_redirects')
    // A path without its trailing slash (`/2019/03/05/slug`), or a query key (`?p=12`).
    .addColumn('old_path', 'text', (c) => c.primaryKey())
    .addColumn('target_kind', 'text', (c) =>
      c.notNull().check(sql`target_kind in ('article', 'page', 'media', 'section', 'tag', 'author')`),
    )
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('source_site', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('legacy_redirects').execute();
  await db.schema.dropTable('import_items').execute();
}
