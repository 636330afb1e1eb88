// Searching published articles: the one entry point the reader page (and the content API) call. The query
// is cleaned into plain terms first (search-query.ts), so no input is ever read as the engine's syntax; a
// query with no words left finds nothing. Ranked by relevance, the headline weighing most, then the dek.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { Invalid } from '../http/errors.js';
import { dialectOf } from '../storage/prepared.js';
import type { Database } from '../storage/schema.js';
import { readSettings } from '../storage/settings-store.js';
import { fts5Query, parseSearchQuery, type SearchTerm, tsQueryText } from './search-query.js';
import { searchSettingsSection } from './search-settings.js';
import { snippetHtml } from './snippet.js';

export interface SearchQuery {
  q: string;
  sectionId?: number;
  /** Published at or after this instant (ISO 8601; a date alone is its midnight UTC). */
  from?: string;
  /** Published before this instant (ISO 8601; a date alone is its midnight UTC). */
  to?: string;
  limit: number;
  offset: number;
}

export interface SearchHit {
  articleId: number;
  slug: string;
  headline: string;
  dek: string | null;
  /** Escaped text with <mark> around the words found, and no other markup. */
  snippetHtml: string;
  publishedAt: string;
  sectionId: number | null;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
}

/** Results per request at most. */
export const MAX_LIMIT = 100;
/** Results skipped at most: nobody reads page 500 of a search, and ranking deeper costs every request. */
export const MAX_OFFSET = 10_000;

// bm25 weights per FTS5 column (headline, dek, body, version): a headline hit outranks many body hits.
const SQLITE_RANK = sql`bm25(article_search, 10.0, 4.0, 1.0, 0.0)`;

interface ArticleRow {
  id: number;
  slug: string;
  headline: string;
  dek: string;
  published_at: string;
  section_id: number | null;
}

function instant(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms))
    throw new Invalid(`${name} must be a date such as 2026-05-01.`, { [name]: 'not a date' });
  return new Date(ms).toISOString();
}

function checkedQuery(query: SearchQuery) {
  const { limit, offset, sectionId } = query;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw new Invalid(`limit must be a whole number from 1 to ${MAX_LIMIT}.`, { limit: 'out of range' });
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET)
    throw new Invalid(`offset must be a whole number from 0 to ${MAX_OFFSET}.`, { offset: 'out of range' });
  if (sectionId !== undefined && !(Number.isSafeInteger(sectionId) && sectionId > 0))
    throw new Invalid('sectionId must be a positive whole number.', { sectionId: 'not an id' });
  return { limit, offset, sectionId, from: instant(query.from, 'from'), to: instant(query.to, 'to') };
}

type Checked = ReturnType<typeof checkedQuery>;

function filters(q: Checked): RawBuilder<unknown> {
  const parts = [sql`a.status = 'published'`];
  if (q.sectionId !== undefined) parts.push(sql`a.section_id = ${q.sectionId}`);
  if (q.from !== undefined) parts.push(sql`a.published_at >= ${q.from}`);
  if (q.to !== undefined) parts.push(sql`a.published_at < ${q.to}`);
  return sql.join(parts, sql` and `);
}

/** The page's articles, in the order of `ids`, with the text their passages are cut from. */
async function pageOf(db: Kysely<Database>, ids: number[], bodies: RawBuilder<{ id: number; body: string }>) {
  if (ids.length === 0) return [];
  const [rows, texts] = await Promise.all([
    db
      .selectFrom('articles')
      .select(['id', 'slug', 'headline', 'dek', 'published_at', 'section_id'])
      .where('id', 'in', ids)
      .execute(),
    bodies.execute(db),
  ]);
  const byId = new Map<number, ArticleRow>(rows.map((r) => [Number(r.id), r as ArticleRow]));
  const bodyOf = new Map(texts.rows.map((t) => [Number(t.id), t.body]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [{ row, body: bodyOf.get(id) ?? '' }] : [];
  });
}

// Matches are ranked and filtered on ids and the columns of articles_search_filter alone (0009_search); the
// ten articles of the page are read afterwards.
async function sqliteSearch(db: Kysely<Database>, terms: SearchTerm[], q: Checked) {
  const match = fts5Query(terms);
  const from = sql`article_search s join articles a indexed by articles_search_filter on a.id = s.rowid
    where article_search match ${match} and ${filters(q)}`;
  const [count, ranked] = await Promise.all([
    sql<{ n: number }>`select count(*) as n from ${from}`.execute(db),
    sql<{ id: number }>`select a.id from ${from}
      order by ${SQLITE_RANK}, a.published_at desc, a.id desc limit ${q.limit} offset ${q.offset}`.execute(
      db,
    ),
  ]);
  const ids = ranked.rows.map((r) => Number(r.id));
  const bodies = sql<{ id: number; body: string }>`select rowid as id, body from article_search
    where rowid in (${sql.join(ids.length > 0 ? ids : [0])})`;
  return { total: Number(count.rows[0]?.n ?? 0), page: await pageOf(db, ids, bodies) };
}

async function postgresSearch(db: Kysely<Database>, terms: SearchTerm[], q: Checked) {
  const { postgresConfig } = await readSettings(db, searchSettingsSection);
  const tsquery = sql`to_tsquery(${postgresConfig || 'simple'}::regconfig, ${tsQueryText(terms)})`;
  const from = sql`article_search s join articles a on a.id = s.article_id where s.document @@ ${tsquery} and ${filters(q)}`;
  const [count, ranked] = await Promise.all([
    sql<{ n: number }>`select count(*) as n from ${from}`.execute(db),
    // Ranked by the headline's (A, weight 1.0) and dek's (B, 0.4) words; matches in the body alone come
    // after them, newest first. Ranking by the whole document would read every match's body back.
    sql<{ id: number }>`select a.id from ${from}
      order by ts_rank(s.heading, ${tsquery}) desc, a.published_at desc, a.id desc
      limit ${q.limit} offset ${q.offset}`.execute(db),
  ]);
  const ids = ranked.rows.map((r) => Number(r.id));
  const bodies = sql<{ id: number; body: string }>`select article_id as id, body from article_search
    where article_id in (${sql.join(ids.length > 0 ? ids : [0])})`;
  return { total: Number(count.rows[0]?.n ?? 0), page: await pageOf(db, ids, bodies) };
}

/**
 * Published articles matching `query.q`, best first. Whatever `q` holds, it is searched as words, "phrases"
 * and word* prefixes; with no words in it the result is empty. Bad limits, offsets or dates are Invalid.
 */
export async function searchArticles(db: Kysely<Database>, query: SearchQuery): Promise<SearchResult> {
  const checked = checkedQuery(query);
  const terms = parseSearchQuery(query.q);
  if (terms.length === 0) return { total: 0, hits: [] };
  const found =
    dialectOf(db) === 'postgres'
      ? await postgresSearch(db, terms, checked)
      : await sqliteSearch(db, terms, checked);
  return {
    total: found.total,
    hits: found.page.map(({ row, body }) => ({
      articleId: Number(row.id),
      slug: row.slug,
      headline: row.headline,
      dek: row.dek === '' ? null : row.dek,
      snippetHtml: snippetHtml(body, terms),
      publishedAt: new Date(row.published_at).toISOString(),
      sectionId: row.section_id === null ? null : Number(row.section_id),
    })),
  };
}
