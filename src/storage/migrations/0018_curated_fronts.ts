// Curated fronts (the home page's and each section's chosen stories, a draft and a live copy each) and the
// site-wide breaking-news banner.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { columnTypes } from './types.js';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('curated_fronts')
    // 'home', or 'section:<id>'
    .addColumn('front', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('draft', 'live')`))
    // JSON: { stories: number[] (the first leads), pinned: { id, until } | null }
    .addColumn('layout', 'text', (c) => c.notNull())
    // The live pin's expiry, a column so the expiry job finds it without reading every layout.
    .addColumn('pin_until', t.timestamp)
    .addColumn('pin_expiry_announced', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('staff.id').onDelete('set null'))
    .addPrimaryKeyConstraint('curated_fronts_pk', ['front', 'state'])
    .execute();

  await db.schema
    .createTable('breaking_banner')
    // One row at most (id 1); no row means no banner.
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    // Bumped on every change, so a reader's dismissal is of this wording only.
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('style', 'text', (c) => c.notNull().check(sql`style in ('breaking', 'developing', 'notice')`))
    .addColumn('expires_at', t.timestamp)
    .addColumn('expiry_announced', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('staff.id').onDelete('set null'))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('breaking_banner').execute();
  await db.schema.dropTable('curated_fronts').execute();
}
