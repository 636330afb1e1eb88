// The foundation: site settings, sections, tags, authors, media and articles.
import { type Kysely, sql } from 'kysely';
import { columnTypes } from './types.js';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('site_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sections')
    .addColumn('id', t.id, t.idColumn)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('tags')
    .addColumn('id', t.id, t.idColumn)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('media')
    .addColumn('id', t.id, t.idColumn)
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('alt_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('credit_person', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('credit_organization', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('rights', 'text', (c) =>
      c.notNull().check(sql`rights in ('own', 'licensed', 'agency', 'public_domain')`),
    )
    .addColumn('license_url', 'text')
    .addColumn('license_expires_at', t.timestamp)
    .addColumn('copyright_notice', 'text')
    .addColumn('variants', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('authors')
    .addColumn('id', t.id, t.idColumn)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('job_title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('expertise', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('photo_media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('articles')
    .addColumn('id', t.id, t.idColumn)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('headline', 'text', (c) => c.notNull())
    .addColumn('seo_headline', 'text')
    .addColumn('social_headline', 'text')
    .addColumn('dek', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('work_type', 'text', (c) => c.notNull().defaultTo('news'))
    .addColumn('section_id', 'integer', (c) => c.references('sections.id').onDelete('set null'))
    .addColumn('hero_media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
    .addColumn('dateline', 'text')
    .addColumn('published_at', t.timestamp)
    .addColumn('updated_at', t.timestamp)
    .addColumn('scheduled_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('modified_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // The reader site lists published articles newest first, overall and per section.
  await db.schema
    .createIndex('articles_status_published')
    .on('articles')
    .columns(['status', 'published_at'])
    .execute();
  await db.schema
    .createIndex('articles_section_published')
    .on('articles')
    .columns(['section_id', 'status', 'published_at'])
    .execute();

  await db.schema
    .createTable('article_authors')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('authors.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('article_authors_pk', ['article_id', 'author_id'])
    .execute();
  await db.schema.createIndex('article_authors_author').on('article_authors').column('author_id').execute();

  await db.schema
    .createTable('article_tags')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('article_tags_pk', ['article_id', 'tag_id'])
    .execute();
  await db.schema.createIndex('article_tags_tag').on('article_tags').column('tag_id').execute();

  // Mail written while no SMTP server is configured, readable by admins in the newsroom.
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', t.id, t.idColumn)
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text')
    .addColumn('headers', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'mail_outbox',
    'article_tags',
    'article_authors',
    'articles',
    'authors',
    'media',
    'tags',
    'sections',
    'site_settings',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
