// The editorial workflow: who created an article and who last saved it, every saved revision, the 301s
// from old slugs, and corrections (never deleted: a withdrawn one keeps who withdrew it and when).
import { type Kysely, sql } from 'kysely';
import { columnTypes } from './types.js';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .alterTable('articles')
    .addColumn('created_by', 'integer', (c) => c.references('staff.id').onDelete('set null'))
    .execute();
  // Who saved the current version and when, for the conflict message ("Ana saved this at 10:42").
  await db.schema
    .alterTable('articles')
    .addColumn('saved_by', 'integer', (c) => c.references('staff.id').onDelete('set null'))
    .execute();
  await db.schema.alterTable('articles').addColumn('saved_at', t.timestamp).execute();
  // The scheduler looks for due articles on every tick, from every instance.
  await db.schema
    .createIndex('articles_status_scheduled')
    .on('articles')
    .columns(['status', 'scheduled_at'])
    .execute();

  await db.schema
    .createTable('article_revisions')
    .addColumn('id', t.id, t.idColumn)
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull()) // JSON: every editable field, the body included
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('manual', 'autosave', 'restore')`))
    .addColumn('created_by', 'integer', (c) => c.references('staff.id').onDelete('set null'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('article_revisions_version', ['article_id', 'version'])
    .execute();

  await db.schema
    .createTable('slug_redirects')
    .addColumn('old_slug', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('slug_redirects_article').on('slug_redirects').column('article_id').execute();

  await db.schema
    .createTable('corrections')
    .addColumn('id', t.id, t.idColumn)
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('correction', 'clarification', 'update')`),
    )
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('placement', 'text', (c) => c.notNull().check(sql`placement in ('top', 'bottom')`))
    .addColumn('published_at', t.timestamp, (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('staff.id').onDelete('set null'))
    .addColumn('withdrawn_at', t.timestamp)
    .addColumn('withdrawn_by', 'integer', (c) => c.references('staff.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('corrections_article').on('corrections').column('article_id').execute();
  await db.schema.createIndex('corrections_published').on('corrections').column('published_at').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['corrections', 'slug_redirects', 'article_revisions']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('articles_status_scheduled').execute();
  for (const column of ['saved_at', 'saved_by', 'created_by']) {
    await db.schema.alterTable('articles').dropColumn(column).execute();
  }
}
