// Keeps the search index in step with the articles' words. Every article is indexed whatever its status (the
// newsroom searches drafts too), with its status, section and publication date beside the words so readers'
// queries need not join `articles`; a trigger on articles (0022_search_speed) moves those three when
// publishing, unpublishing or the scheduler change them, in the same statement. A save calls
// indexArticle inside its own transaction; deleting an article removes its entry in the same statement (a
// foreign key on PostgreSQL, a trigger on SQLite); indexStaleArticles catches rows written any other way.
import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../storage/prepared.js';
import type { Database } from '../storage/schema.js';
import { readSettings, saveSettings } from '../storage/settings-store.js';
import { siteTextSearchConfig } from './search-language.js';
import { searchSettingsSection } from './search-settings.js';
import { foldedWords, searchableText } from './search-text.js';

type Db = Kysely<Database>;

/**
 * Articles read and indexed in one statement when many are: on PostgreSQL each costs a few milliseconds of
 * stemming, and one statement must end well within the statement timeout (5 s by default).
 */
const BATCH = 100;

/**
 * PostgreSQL refuses a tsvector over 1 MB; a body longer than this many characters (some 30,000 words, a
 * book) is indexed by its beginning only.
 */
const MAX_INDEXED_BODY = 250_000;

interface ArticleWords {
  id: number;
  version: number;
  headline: string;
  dek: string;
  body: string;
  status: string;
  section_id: number | null;
  published_at: string | null;
}

/** The articles the index holds: every one but those in the trash (no search finds a trashed article). */
function readArticles(db: Db) {
  return db
    .selectFrom('articles')
    .select(['id', 'version', 'headline', 'dek', 'body', 'status', 'section_id', 'published_at'])
    .where('trashed_at', 'is', null);
}

/**
 * What a reader's query filters by, as words of the FTS5 `facets` column, as 0022_search_speed's trigger
 * writes them: always two, so that every entry's length (which bm25 weighs) grows alike.
 */
function sqliteFacets(row: ArticleWords): string {
  const status = row.status === 'published' ? 'published' : 'withheld';
  return `${status} ${row.section_id === null ? 'nosection' : `section${row.section_id}`}`;
}

/** Indexes one article's current words (call it in the transaction that saved them); a trashed or deleted one leaves. */
export async function indexArticle(db: Db, articleId: number): Promise<void> {
  const row = await readArticles(db).where('id', '=', articleId).executeTakeFirst();
  if (!row) {
    await removeFromIndex(db, [articleId]);
    return;
  }
  await writeEntries(db, [row]);
}

async function removeFromIndex(db: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  if (dialectOf(db) === 'postgres') {
    await db.deleteFrom('article_search').where('article_id', 'in', ids).execute();
  } else {
    await sql`delete from article_search where rowid in (${sql.join(ids)})`.execute(db);
  }
}

async function writeEntries(db: Db, rows: ArticleWords[], config?: string): Promise<void> {
  if (rows.length === 0) return;
  const entries = rows.map((row) => ({ ...row, text: searchableText(row) }));
  if (dialectOf(db) === 'postgres') {
    const cfg = config ?? (await indexConfig(db));
    const vector = (text: string, weight: 'A' | 'B' | 'C') =>
      sql`setweight(to_tsvector(${cfg}::regconfig, ${foldedWords(text)}), ${sql.lit(weight)})`;
    await db
      .insertInto('article_search')
      .values(
        entries.map(({ id, version, text, status, section_id, published_at }) => {
          const body = text.body.slice(0, MAX_INDEXED_BODY);
          const heading = sql<string>`${vector(text.headline, 'A')} || ${vector(text.dek, 'B')}`;
          return {
            article_id: id,
            version,
            headline: text.headline,
            dek: text.dek,
            body,
            document: sql<string>`${heading} || ${vector(body, 'C')}`,
            heading,
            section_id,
            published_at: status === 'published' ? published_at : null,
          };
        }),
      )
      .onConflict((oc) =>
        oc
          .column('article_id')
          .doUpdateSet((eb) => ({
            version: eb.ref('excluded.version'),
            headline: eb.ref('excluded.headline'),
            dek: eb.ref('excluded.dek'),
            body: eb.ref('excluded.body'),
            document: eb.ref('excluded.document'),
            heading: eb.ref('excluded.heading'),
            section_id: eb.ref('excluded.section_id'),
            published_at: eb.ref('excluded.published_at'),
          }))
          // A catch-up that read an article before a save committed must not put back the older words.
          .where('article_search.version', '<=', (eb) => eb.ref('excluded.version')),
      )
      .execute();
    return;
  }
  // FTS5 has no upsert: the old entries go first.
  await removeFromIndex(
    db,
    entries.map((e) => e.id),
  );
  await sql`insert into article_search (rowid, headline, dek, body, facets, version) values ${sql.join(
    entries.map(
      (e) =>
        sql`(${e.id}, ${e.text.headline}, ${e.text.dek}, ${e.text.body}, ${sqliteFacets(e)}, ${e.version})`,
    ),
  )}`.execute(db);
}

/** The configuration the index is built with; the first article indexed sets it from the site's language. */
async function indexConfig(db: Db): Promise<string> {
  const built = (await readSettings(db, searchSettingsSection)).postgresConfig;
  if (built) return built;
  const config = await siteTextSearchConfig(db);
  await saveSettings(db, searchSettingsSection, { postgresConfig: config }, new Date());
  return config;
}

/** Indexes every article again, in one transaction (after the site's language changed, or on demand). */
export async function reindexAllArticles(db: Db): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let config: string | undefined;
    if (dialectOf(trx) === 'postgres') {
      config = await siteTextSearchConfig(trx);
      await saveSettings(trx, searchSettingsSection, { postgresConfig: config }, new Date());
      await trx.deleteFrom('article_search').execute();
      // One GIN build after the rows is many times faster than growing it row by row.
      await sql`drop index article_search_document`.execute(trx);
      await sql`drop index article_search_published`.execute(trx);
    } else {
      await sql`delete from article_search`.execute(trx);
    }
    let count = 0;
    let after = 0;
    for (;;) {
      const rows = await readArticles(trx).where('id', '>', after).orderBy('id').limit(BATCH).execute();
      if (rows.length === 0) break;
      await writeEntries(trx, rows, config);
      count += rows.length;
      after = rows[rows.length - 1]!.id;
    }
    if (config !== undefined) {
      await sql`create index article_search_document on article_search using gin (document)`.execute(trx);
      await sql`create index article_search_published on article_search using gin (document)
        where published_at is not null`.execute(trx);
    }
    return count;
  });
}

/** Ids of articles missing from the index or indexed at an older version than they have now. */
function staleIds(db: Db): Promise<Array<{ id: number }>> {
  if (dialectOf(db) === 'postgres') {
    return db
      .selectFrom('articles')
      .leftJoin('article_search', 'article_search.article_id', 'articles.id')
      .select('articles.id')
      .where('articles.trashed_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb('article_search.article_id', 'is', null),
          eb('article_search.version', '<>', eb.ref('articles.version')),
        ]),
      )
      .orderBy('articles.id')
      .execute();
  }
  return sql<{ id: number }>`select a.id from articles a left join article_search s on s.rowid = a.id
    where a.trashed_at is null and (s.rowid is null or s.version is not a.version) order by a.id`
    .execute(db)
    .then((r) => r.rows);
}

/**
 * Brings the index up to date with whatever wrote articles without indexing them (an import, a restore, a
 * seed, the first start after the index was added): missing or older entries are written, and on PostgreSQL
 * a change of the site's language rebuilds it all. Returns how many articles were indexed.
 */
export async function indexStaleArticles(db: Db): Promise<number> {
  if (dialectOf(db) === 'postgres') {
    const [wanted, built] = await Promise.all([
      siteTextSearchConfig(db),
      readSettings(db, searchSettingsSection),
    ]);
    if (built.postgresConfig && wanted !== built.postgresConfig) return reindexAllArticles(db);
    // The first fill (search added to an existing newsroom) builds the GIN index once, after the rows.
    const indexed = await db.selectFrom('article_search').select('article_id').limit(1).executeTakeFirst();
    if (!indexed) return reindexAllArticles(db);
  }
  const ids = (await staleIds(db)).map((r) => r.id);
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    await db.transaction().execute(async (trx) => {
      await writeEntries(trx, await readArticles(trx).where('id', 'in', batch).execute());
    });
  }
  return ids.length;
}
