// Search without joining `articles` (src/search/): the index itself now says which entries are published, in
// which section and when, so a reader's query counts and ranks its matches from the index alone. The
// articles table keeps these facts current through a trigger on its own updates, so every writer of status,
// section or publication date (publish, unpublish, the scheduler, an import) moves the index in the same
// statement. SQLite: the FTS5 table is made anew with a `facets` column of words ("published" or "withheld",
// "section12" or "nosection") matched like any other; the application refills it at start
// (indexStaleArticles). PostgreSQL: section_id and published_at (null unless published) beside the words,
// with a GIN index over published entries only.
import { type Kysely, sql } from 'kysely';
import { columnTypes } from './types.js';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function up(db: Kysely<any>): Promise<void> {
  if (columnTypes(db).postgres) {
    await sql`alter table article_search add column section_id integer, add column published_at timestamptz`.execute(
      db,
    );
    await sql`update article_search s set section_id = a.section_id,
      published_at = case when a.status = 'published' then a.published_at end
      from articles a where a.id = s.article_id`.execute(db);
    await sql`create index article_search_published on article_search using gin (document)
      where published_at is not null`.execute(db);
    // Ranking's first tier: published entries whose headline or dek holds a word of the query.
    await sql`create index article_search_heading on article_search using gin (heading)
      where published_at is not null`.execute(db);
    await sql`create function article_search_follow() returns trigger language plpgsql as $$
      begin
        update article_search set section_id = new.section_id,
          published_at = case when new.status = 'published' then new.published_at end
          where article_id = new.id;
        return null;
      end $$`.execute(db);
    await sql`create trigger article_search_follow after update of status, section_id, published_at on articles
      for each row execute function article_search_follow()`.execute(db);
    return;
  }
  await sql`drop table article_search`.execute(db);
  await sql`create virtual table article_search using fts5(
    headline, dek, body, facets, version unindexed,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
  )`.execute(db);
  await sql`create trigger article_search_follow after update of status, section_id on articles
    when old.status is not new.status or old.section_id is not new.section_id
    begin
      update article_search set facets = ${sql.raw(SQLITE_FACETS)} where rowid = new.id;
    end`.execute(db);
}

/**
 * The facets' words of the article `new`, as the trigger writes them (search-index.ts writes the same): two
 * for every article, since FTS5's bm25 counts every column's words in an entry's length.
 */
const SQLITE_FACETS = `case when new.status = 'published' then 'published' else 'withheld' end
  || ' ' || coalesce('section' || new.section_id, 'nosection')`;

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  if (columnTypes(db).postgres) {
    await sql`drop trigger article_search_follow on articles`.execute(db);
    await sql`drop function article_search_follow()`.execute(db);
    await sql`drop index article_search_heading`.execute(db);
    await sql`drop index article_search_published`.execute(db);
    await sql`alter table article_search drop column section_id, drop column published_at`.execute(db);
    return;
  }
  await sql`drop trigger article_search_follow`.execute(db);
  await sql`drop table article_search`.execute(db);
  await sql`create virtual table article_search using fts5(
    headline, dek, body, version unindexed,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
  )`.execute(db);
}
