// Searching published articles: the one entry point the reader page (and the content API) call. The query
// is cleaned into plain terms first (search-query.ts), so no input is ever read as the engine's syntax; a
// query with no words left finds nothing. Ranked by relevance, the headline weighing most, then the dek.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { Invalid } from '../http/errors.js';
import { dialectOf } from '../storage/prepared.js';
import type { Database } from '../storage/schema.js';
import { readSettings } from '../storage/settings-store.js';
import {
  fts5Query,
  fts5Term,
  parseSearchQuery,
  type SearchTerm,
  tsAnyWordText,
  tsQueryText,
} from './search-query.js';
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

/** Candidates read past the page, so that articles ranked equal at its edge are still ordered newest first. */
const TIE_ROOM = 50;

// Withheld (unpublished) entries and the section are words of the index's `facets` column (0022_search_speed),
// so matching and counting read the index alone: "NOT withheld" costs only the few unpublished entries'
// list, where "AND published" would read every article's. Ranked in two bounded tiers: articles whose
// headline or dek holds a word of the query, by bm25 (headline 10, dek 4, body 1), ties newest first; then
// the matches in the body alone, newest written first (FTS5 walks its list backwards by id and stops at the
// page's end). Ranking every match by bm25 is what cost a common word 140 ms and more.
async function sqliteSearch(db: Kysely<Database>, terms: SearchTerm[], q: Checked) {
  const text = fts5Query(terms);
  const section = q.sectionId === undefined ? '' : ` AND facets : ("section${q.sectionId}")`;
  const inHeading = `{headline dek} : (${terms.map(fts5Term).join(' OR ')})`;
  // One term found in the headline or dek is found in the text: the text's list need not be read again.
  const headed = terms.length === 1 ? inHeading : `${text} AND ${inHeading}`;
  const withheld = 'facets : ("withheld")';
  const dates = [
    ...(q.from === undefined ? [] : [sql`published_at >= ${q.from}`]),
    ...(q.to === undefined ? [] : [sql`published_at < ${q.to}`]),
  ];
  const within =
    dates.length === 0
      ? sql``
      : sql`and rowid in (select id from articles indexed by articles_search_filter
          where ${sql.join(dates, sql` and `)})`;
  const end = q.offset + q.limit;
  const [count, headingTier] = await Promise.all([
    sql<{ n: number }>`select count(*) as n from article_search
      where article_search match ${`(${text}${section}) NOT ${withheld}`} ${within}`.execute(db),
    sql<{ id: number }>`select t.id from (select rowid as id, ${BM25} as score from article_search
        where article_search match ${`(${headed}${section}) NOT ${withheld}`} ${within}
        order by score limit ${end + TIE_ROOM}) t
      join articles a indexed by articles_search_filter on a.id = t.id
      order by t.score, a.published_at desc, a.id desc`.execute(db),
  ]);
  const ranked = headingTier.rows.map((r) => Number(r.id));
  // Fewer than asked for: that was the whole first tier, and the page goes on into the body-only matches.
  if (ranked.length < end) {
    const bodyOnly = await sql<{ id: number }>`select rowid as id from article_search
      where article_search match ${`(${text}${section}) NOT (${withheld} OR ${inHeading})`} ${within}
      order by rowid desc limit ${end - ranked.length}`.execute(db);
    ranked.push(...bodyOnly.rows.map((r) => Number(r.id)));
  }
  const ids = ranked.slice(q.offset, end);
  const bodies = sql<{ id: number; body: string }>`select rowid as id, body from article_search
    where rowid in (${sql.join(ids.length > 0 ? ids : [0])})`;
  return { total: Number(count.rows[0]?.n ?? 0), page: await pageOf(db, ids, bodies) };
}

// bm25 weights per FTS5 column (headline, dek, body, facets): a headline hit outranks many body hits.
const BM25 = sql`bm25(article_search, 10.0, 4.0, 1.0, 0.0)`;

// Published entries carry their section and date (0022_search_speed), so nothing is joined. Ranked in two
// bounded tiers, as the ranking has always been: articles whose headline or dek holds a word of the query,
// by ts_rank over those words alone (headline A 1.0, dek B 0.4); then the matches in the body alone, newest
// first. Each tier reads at most the rows up to the page's end, so a word in half the articles costs no
// more to rank than a rare one.
async function postgresSearch(db: Kysely<Database>, terms: SearchTerm[], q: Checked) {
  const { postgresConfig } = await readSettings(db, searchSettingsSection);
  const config = sql`${postgresConfig || 'simple'}::regconfig`;
  const tsquery = sql`to_tsquery(${config}, ${tsQueryText(terms)})`;
  const anyWord = sql`to_tsquery(${config}, ${tsAnyWordText(terms)})`;
  const parts = [sql`s.document @@ ${tsquery}`, sql`s.published_at is not null`];
  if (q.sectionId !== undefined) parts.push(sql`s.section_id = ${q.sectionId}`);
  if (q.from !== undefined) parts.push(sql`s.published_at >= ${q.from}`);
  if (q.to !== undefined) parts.push(sql`s.published_at < ${q.to}`);
  const matches = sql.join(parts, sql` and `);
  const end = q.offset + q.limit;
  const [count, ranked] = await Promise.all([
    sql<{ n: number }>`select count(*) as n from article_search s where ${matches}`.execute(db),
    sql<{ id: number }>`select id from (
        (select s.article_id as id, 0 as tier, ts_rank(s.heading, ${tsquery}) as score, s.published_at
          from article_search s where ${matches} and s.heading @@ ${anyWord}
          order by score desc, s.published_at desc, s.article_id desc limit ${end})
        union all
        (select s.article_id, 1, 0, s.published_at
          from article_search s where ${matches} and not (s.heading @@ ${anyWord})
          order by s.published_at desc, s.article_id desc limit ${end})
      ) found order by tier, score desc, published_at desc, id desc
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
