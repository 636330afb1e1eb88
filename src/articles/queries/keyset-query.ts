// Published articles a page at a time by position rather than by page number (keyset): the content API's
// lists, which apps walk with a cursor while stories are published above them. Filters combine freely; each
// combination is its own prepared query, compiled once on first use (at most 32 of them). The page's bylines
// and hero images come in two more prepared queries for all its rows at once (page-relations.ts): timed apart on
// 16 rows of 2,000 on SQLite, three queries took 0.65–0.89 ms where one query with them as JSON columns of every
// row took 1.2–1.5 ms, and preparing the two took another 0.2–0.5 ms off.
import type { Kysely } from 'kysely';
import type { SectionRef } from '../../site/sections.js';
import { preparedQuery } from '../../storage/prepared.js';
import type { Database } from '../../storage/schema.js';
import type { ArticleSummary } from '../model.js';
import { completeArticles, FULL_COLUMNS, type FullRow, relationsJson } from './article-query.js';
import { SUMMARY_COLUMNS, type SummaryRow } from './columns.js';
import { bylinesOf, imagesByIds } from './page-relations.js';

export interface KeysetFilter {
  sectionId?: number;
  tagId?: number;
  authorId?: number;
  /** Only articles whose row changed at or after this ISO time. */
  modifiedSince?: string;
}

/** Where the previous page ended: its last article's publication time and id (newest first, id breaks ties). */
export interface KeysetPosition {
  publishedAt: string;
  id: number;
}

type Param = 'section' | 'tag' | 'author' | 'since' | 'afterTime' | 'afterId' | 'limit';
type KeysetRow = Omit<SummaryRow, 'authors_json' | 'hero_json'> & { hero_media_id: number | null };

function keysetQuery(shape: string) {
  const has = (flag: string) => shape.includes(flag);
  return preparedQuery<Param, KeysetRow>((db, p) => {
    let q = db.selectFrom('articles').select(SUMMARY_COLUMNS).where('articles.status', '=', 'published');
    if (has('s')) q = q.where('articles.section_id', '=', p.section);
    if (has('t'))
      q = q.where('articles.id', 'in', (eb) =>
        eb
          .selectFrom('article_tags')
          .select('article_tags.article_id')
          .where('article_tags.tag_id', '=', p.tag),
      );
    if (has('a'))
      q = q.where('articles.id', 'in', (eb) =>
        eb
          .selectFrom('article_authors')
          .select('article_authors.article_id')
          .where('article_authors.author_id', '=', p.author),
      );
    if (has('m')) q = q.where('articles.modified_at', '>=', p.since);
    if (has('k'))
      q = q.where((eb) =>
        eb.or([
          eb('articles.published_at', '<', p.afterTime),
          eb.and([eb('articles.published_at', '=', p.afterTime), eb('articles.id', '<', p.afterId)]),
        ]),
      );
    return q.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').limit(p.limit);
  });
}

const queries = new Map<string, ReturnType<typeof keysetQuery>>();

/** Up to `limit` published articles after `after` (from the newest when null), newest first. */
export async function listPublishedAfter(
  db: Kysely<Database>,
  filter: KeysetFilter,
  after: KeysetPosition | null,
  limit: number,
  sections: Map<number, SectionRef>,
): Promise<ArticleSummary[]> {
  const shape = [
    filter.sectionId !== undefined ? 's' : '',
    filter.tagId !== undefined ? 't' : '',
    filter.authorId !== undefined ? 'a' : '',
    filter.modifiedSince !== undefined ? 'm' : '',
    after ? 'k' : '',
  ].join('');
  let query = queries.get(shape);
  if (!query) {
    query = keysetQuery(shape);
    queries.set(shape, query);
  }
  const rows = await query(db, {
    section: filter.sectionId,
    tag: filter.tagId,
    author: filter.authorId,
    since: filter.modifiedSince,
    afterTime: after?.publishedAt,
    afterId: after?.id,
    limit,
  });
  if (rows.length === 0) return [];
  const [bylines, heroes] = await Promise.all([
    bylinesOf(
      db,
      rows.map((r) => r.id),
    ),
    imagesByIds(
      db,
      rows.flatMap((r) => (r.hero_media_id === null ? [] : [r.hero_media_id])),
    ),
  ]);
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    headline: row.headline,
    socialHeadline: row.social_headline,
    dek: row.dek,
    workType: row.work_type,
    section: row.section_id === null ? null : (sections.get(row.section_id) ?? null),
    hero: row.hero_media_id === null ? null : (heroes.get(row.hero_media_id) ?? null),
    authors: bylines.get(row.id) ?? [],
    publishedAt: row.published_at ?? row.modified_at,
    updatedAt: row.updated_at,
    modifiedAt: row.modified_at,
  }));
}

const byId = preparedQuery<'id', FullRow>((db, p, dialect) =>
  db
    .selectFrom('articles')
    .select(FULL_COLUMNS)
    .select((eb) => relationsJson(eb, dialect))
    .where('articles.id', '=', p.id)
    .where('articles.status', '=', 'published'),
);

/** One published article whole, by its id; undefined when there is none (or it is not published). */
export async function findPublishedArticleById(
  db: Kysely<Database>,
  id: number,
  sections: Map<number, SectionRef>,
) {
  const [row] = await byId(db, { id });
  return row ? (await completeArticles(db, [row], sections))[0] : undefined;
}
