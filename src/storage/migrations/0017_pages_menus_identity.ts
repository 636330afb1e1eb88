// The newsroom's static pages (About, Ethics policy, Contact …) and their revisions. Pages are their own table,
// not articles of another kind: they have no sections, tags, bylines, comments, feeds nor news sitemaps, and
// every article query would otherwise have to leave them out. Menus and the identity settings are sections of
// the settings store and need no table.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { columnTypes } from './types.js';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('pages')
    .addColumn('id', t.id, t.idColumn)
    // The page's address at the site's root (/about); checked against every route the app registers.
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull()) // the body document as JSON (articles/render/document.ts)
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'published')`))
    // Raised by every save: a save from an older version is refused rather than overwriting a newer one.
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('published_at', t.timestamp)
    .addColumn('created_by', 'integer', (c) => c.references('staff.id').onDelete('set null'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('page_revisions')
    .addColumn('id', t.id, t.idColumn)
    .addColumn('page_id', 'integer', (c) => c.notNull().references('pages.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull()) // JSON of title, slug, description and body
    .addColumn('created_by', 'integer', (c) => c.references('staff.id').onDelete('set null'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('page_revisions_page')
    .on('page_revisions')
    .columns(['page_id', 'version'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('page_revisions').execute();
  await db.schema.dropTable('pages').execute();
}
