// The lists readers browse: a page of a section's, tag's or author's stories (or all of them), with the
// total in the same query, and the front page's stories (the newest, and the newest of each section) in one.
import { type Kysely, sql } from 'kysely';
import { NotFound } from '../../http/errors.js';
import type { SectionRef } from '../../site/sections.js';
import { dialectOf, preparedQuery } from '../../storage/prepared.js';
import type { Database } from '../../storage/schema.js';
import type { ArticleSummary, Page } from '../model.js';
import { authorsJson, heroJson, SUMMARY_COLUMNS, type SummaryRow, summaryFrom } from './columns.js';

export type ArticleFilter =
  | { kind: 'all' }
  | { kind: 'section'; sectionId: number }
  | { kind: 'tag'; tagId: number }
  | { kind: 'author'; authorId: number };

export type Kind = ArticleFilter['kind'];

/** The published articles a filter takes, the filter's id a named parameter (`p.id`). */
export function published(db: Kysely<Database>, kind: Kind, id: never) {
  const q = db.selectFrom('articles').where('articles.status', '=', 'published');
  if (kind === 'section') return q.where('articles.section_id', '=', id);
  if (kind === 'tag')
    return q.where('articles.id', 'in', (eb) =>
      eb.selectFrom('article_tags').select('article_tags.article_id').where('article_tags.tag_id', '=', id),
    );
  if (kind === 'author')
    return q.where('articles.id', 'in', (eb) =>
      eb
        .selectFrom('article_authors')
        .select('article_authors.article_id')
        .where('article_authors.author_id', '=', id),
    );
  return q;
}

type CountedRow = SummaryRow & { total: number };

function pageQuery(kind: Kind) {
  return preparedQuery<'id' | 'limit' | 'offset', CountedRow>((db, p, dialect) =>
    published(db, kind, p.id)
      .select(SUMMARY_COLUMNS)
      .select((eb) => [
        authorsJson(eb, dialect),
        heroJson(eb, dialect),
        // The total in the same pass: the page needs it for its links, and a second query would count again.
        eb.fn.countAll<number>().over().as('total'),
      ])
      .orderBy('articles.published_at', 'desc')
      .orderBy('articles.id', 'desc')
      .limit(p.limit)
      .offset(p.offset),
  );
}

function countQuery(kind: Kind) {
  return preparedQuery<'id', { n: number }>((db, p) =>
    published(db, kind, p.id).select((eb) => eb.fn.countAll<number>().as('n')),
  );
}

const KINDS: Kind[] = ['all', 'section', 'tag', 'author'];
const pageQueries = Object.fromEntries(KINDS.map((k) => [k, pageQuery(k)])) as Record<
  Kind,
  ReturnType<typeof pageQuery>
>;
const countQueries = Object.fromEntries(KINDS.map((k) => [k, countQuery(k)])) as Record<
  Kind,
  ReturnType<typeof countQuery>
>;

export function filterId(filter: ArticleFilter): number {
  if (filter.kind === 'section') return filter.sectionId;
  if (filter.kind === 'tag') return filter.tagId;
  if (filter.kind === 'author') return filter.authorId;
  return 0;
}

export async function listPublished(
  db: Kysely<Database>,
  filter: ArticleFilter,
  page: number,
  perPage: number,
  sections: Map<number, SectionRef>,
): Promise<Page<ArticleSummary>> {
  const id = filterId(filter);
  const rows = await pageQueries[filter.kind](db, { id, limit: perPage, offset: (page - 1) * perPage });
  // A page past the end has no rows to carry the total; only then is it counted on its own.
  const total = rows[0]
    ? Number(rows[0].total)
    : Number((await countQueries[filter.kind](db, { id }))[0]?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (page > pages) throw new NotFound('There is no such page in this list.');
  return { items: rows.map((r) => summaryFrom(r, sections)), page, pages, total };
}

export async function listLatest(
  db: Kysely<Database>,
  filter: ArticleFilter,
  limit: number,
  sections: Map<number, SectionRef>,
): Promise<ArticleSummary[]> {
  const rows = await pageQueries[filter.kind](db, { id: filterId(filter), limit, offset: 0 });
  return rows.map((r) => summaryFrom(r, sections));
}

// The front page's query has one part per section, so it is compiled once per number of sections.
const frontQueries = new Map<number, ReturnType<typeof frontQuery>>();

type FrontRow = SummaryRow & { part: number };

function frontQuery(sectionCount: number) {
  return preparedQuery<string, FrontRow>((db, p, dialect) => {
    // Part -1 is the newest across the site; part i the newest of section i (parameter s<i>).
    const part = (n: number, sectionId: never | null, limit: never) => {
      let q = db.selectFrom('articles').where('articles.status', '=', 'published');
      if (sectionId !== null) q = q.where('articles.section_id', '=', sectionId);
      return db
        .selectFrom(
          q
            .select(SUMMARY_COLUMNS)
            .select((eb) => [
              authorsJson(eb, dialect),
              heroJson(eb, dialect),
              sql<number>`${sql.lit(n)}`.as('part'),
            ])
            .orderBy('articles.published_at', 'desc')
            .orderBy('articles.id', 'desc')
            .limit(limit)
            .as(`part${n + 1}`),
        )
        .selectAll();
    };
    let query = part(-1, null, p.latest!);
    for (let i = 0; i < sectionCount; i++) query = query.unionAll(part(i, p[`s${i}`]!, p.perSection!));
    return query;
  });
}

export interface FrontPageStories {
  latest: ArticleSummary[];
  /** Per section, in the sections' order: its newest stories. */
  bySection: ArticleSummary[][];
}

/** The newest `latest` stories and, per section, its newest `perSection`, in one query. */
export async function frontPageStories(
  db: Kysely<Database>,
  sections: SectionRef[],
  counts: { latest: number; perSection: number },
): Promise<FrontPageStories> {
  let query = frontQueries.get(sections.length);
  if (!query) {
    query = frontQuery(sections.length);
    frontQueries.set(sections.length, query);
  }
  const params: Record<string, unknown> = { latest: counts.latest, perSection: counts.perSection };
  sections.forEach((s, i) => {
    params[`s${i}`] = s.id;
  });
  const rows = await query(db, params as never);
  const byId = new Map(sections.map((s) => [s.id, s]));
  const latest: ArticleSummary[] = [];
  const bySection: ArticleSummary[][] = sections.map(() => []);
  for (const row of rows) {
    const summary = summaryFrom(row, byId);
    if (Number(row.part) < 0) latest.push(summary);
    else bySection[Number(row.part)]!.push(summary);
  }
  return { latest, bySection };
}

const since = preparedQuery<'since', SummaryRow>((db, p, dialect) =>
  db
    .selectFrom('articles')
    .select(SUMMARY_COLUMNS)
    .select((eb) => [authorsJson(eb, dialect), heroJson(eb, dialect)])
    .where('articles.status', '=', 'published')
    .where('articles.noindex', '=', 0)
    .where('articles.published_at', '>=', p.since)
    .orderBy('articles.published_at', 'desc')
    .limit(1000),
);

/** Published since a moment, newest first (at most 1,000), noindex ones left out: the Google News sitemap's window. */
export async function listPublishedSince(
  db: Kysely<Database>,
  moment: Date,
  sections: Map<number, SectionRef>,
): Promise<ArticleSummary[]> {
  return (await since(db, { since: moment.toISOString() })).map((r) => summaryFrom(r, sections));
}

/**
 * The published stories among `ids`, in the order of `ids` (a story unpublished since it was chosen is
 * simply not there): a curated front's stories.
 */
export async function publishedSummaries(
  db: Kysely<Database>,
  ids: readonly number[],
  sections: Map<number, SectionRef>,
): Promise<ArticleSummary[]> {
  if (ids.length === 0) return [];
  const dialect = dialectOf(db);
  const rows = await db
    .selectFrom('articles')
    .select(SUMMARY_COLUMNS)
    .select((eb) => [authorsJson(eb, dialect), heroJson(eb, dialect)])
    .where('articles.status', '=', 'published')
    .where('articles.id', 'in', [...ids])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, summaryFrom(r as SummaryRow, sections)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
