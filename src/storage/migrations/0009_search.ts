// The search index (src/search/): every article's headline, dek and body text, weighted in that order.
// SQLite: an FTS5 table (rowid = the article's id) folding accents as it tokenizes, with prefix indexes for
// word* queries, and a trigger that forgets a deleted article. PostgreSQL: a table with a weighted tsvector
// under a GIN index, ranked by its headline's and dek's words, its row deleted with the article. The rows are written by the application (the body is
// a structured document only it reads): at every save, and for articles it has not indexed yet when it starts.
import { type Kysely, sql } from 'kysely';
import { columnTypes } from './types.js';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function up(db: Kysely<any>): Promise<void> {
  // What a search filters its matches by, read from an index: on SQLite the article's row holds its body
  // before these columns, so reading them from the row would read the body (overflow pages) for every match.
  if (columnTypes(db).postgres) {
    await sql`create index articles_search_filter on articles (id) include (status, section_id, published_at)`.execute(
      db,
    );
  } else {
    await db.schema
      .createIndex('articles_search_filter')
      .on('articles')
      .columns(['id', 'status', 'section_id', 'published_at'])
      .execute();
  }
  if (columnTypes(db).postgres) {
    await db.schema
      .createTable('article_search')
      .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('headline', 'text', (c) => c.notNull())
      .addColumn('dek', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('document', sql`tsvector`, (c) => c.notNull())
      // The headline's and dek's words alone, small enough to rank thousands of matches by (the whole
      // document is stored out of line, and reading it back for every match is what makes ranking slow).
      .addColumn('heading', sql`tsvector`, (c) => c.notNull())
      .execute();
    await sql`create index article_search_document on article_search using gin (document)`.execute(db);
    return;
  }
  await sql`create virtual table article_search using fts5(
    headline, dek, body, version unindexed,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
  )`.execute(db);
  await sql`create trigger article_search_forget after delete on articles
    begin delete from article_search where rowid = old.id; end`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  if (!columnTypes(db).postgres) await sql`drop trigger article_search_forget`.execute(db);
  await sql`drop table article_search`.execute(db);
  await db.schema.dropIndex('articles_search_filter').execute();
}
