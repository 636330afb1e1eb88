// Published articles as WordPress's posts collection filters them. The rows are made whole by the articles
// domain (its columns, relations and completeArticles), so a post carries exactly what the article page shows.
import { type Kysely, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Article } from '../../articles/model.js';
import { completeArticles, FULL_COLUMNS, relationsJson } from '../../articles/queries/article-query.js';
import { articleTextMatches } from '../../search/staff-search.js';
import type { SectionRef } from '../../site/sections.js';
import { dialectOf } from '../../storage/prepared.js';
import type { Database } from '../../storage/schema.js';

export const POST_ORDERS = [
  'date',
  'modified',
  'id',
  'include',
  'slug',
  'include_slugs',
  'title',
  'relevance',
] as const;
export type PostOrder = (typeof POST_ORDERS)[number];

export interface PostFilter {
  ids?: number[];
  excludeIds?: number[];
  slugs?: string[];
  sectionIds?: number[];
  sectionExcludeIds?: number[];
  tagIds?: number[];
  tagExcludeIds?: number[];
  authorIds?: number[];
  authorExcludeIds?: number[];
  after?: string;
  before?: string;
  modifiedAfter?: string;
  modifiedBefore?: string;
  /** Words every post found holds, read and matched by the search index as the site's search reads them. */
  search?: string;
  orderBy: PostOrder;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

type ArticlesQuery = SelectQueryBuilder<Database, 'articles', object>;

/** The search's conditions: matching anywhere (the filter), in the headline, in the dek (the relevance). */
interface SearchConditions {
  text: RawBuilder<boolean>;
  headline: RawBuilder<boolean>;
  dek: RawBuilder<boolean>;
}

async function searchConditions(db: Kysely<Database>, search: string): Promise<SearchConditions> {
  const [text, headline, dek] = await Promise.all([
    articleTextMatches(db, search),
    articleTextMatches(db, search, 'headline'),
    articleTextMatches(db, search, 'dek'),
  ]);
  // Nothing but punctuation holds no word to find, so it finds no post (a LIKE on it would find few).
  const nothing = sql<boolean>`1 = 0`;
  return { text: text ?? nothing, headline: headline ?? nothing, dek: dek ?? nothing };
}

function filtered(db: Kysely<Database>, f: PostFilter, search: SearchConditions | null): ArticlesQuery {
  let q = db
    .selectFrom('articles')
    .where('articles.status', '=', 'published')
    .where('articles.published_at', 'is not', null);
  if (f.ids) q = q.where('articles.id', 'in', f.ids.length ? f.ids : [0]);
  if (f.excludeIds?.length) q = q.where('articles.id', 'not in', f.excludeIds);
  if (f.slugs) q = q.where('articles.slug', 'in', f.slugs);
  if (f.sectionIds) q = q.where('articles.section_id', 'in', f.sectionIds.length ? f.sectionIds : [0]);
  if (f.sectionExcludeIds?.length)
    q = q.where((eb) =>
      eb.or([
        eb('articles.section_id', 'is', null),
        eb('articles.section_id', 'not in', f.sectionExcludeIds!),
      ]),
    );
  const linked = (table: 'article_tags' | 'article_authors', column: 'tag_id' | 'author_id', ids: number[]) =>
    sql<boolean>`exists (select 1 from ${sql.table(table)} where ${sql.ref(`${table}.article_id`)} = ${sql.ref('articles.id')} and ${sql.ref(`${table}.${column}`)} in (${sql.join(ids.length ? ids : [0])}))`;
  if (f.tagIds) q = q.where(linked('article_tags', 'tag_id', f.tagIds));
  if (f.tagExcludeIds?.length)
    q = q.where(sql<boolean>`not ${linked('article_tags', 'tag_id', f.tagExcludeIds)}`);
  if (f.authorIds) q = q.where(linked('article_authors', 'author_id', f.authorIds));
  if (f.authorExcludeIds?.length)
    q = q.where(sql<boolean>`not ${linked('article_authors', 'author_id', f.authorExcludeIds)}`);
  if (f.after) q = q.where('articles.published_at', '>', f.after);
  if (f.before) q = q.where('articles.published_at', '<', f.before);
  if (f.modifiedAfter) q = q.where('articles.modified_at', '>', f.modifiedAfter);
  if (f.modifiedBefore) q = q.where('articles.modified_at', '<', f.modifiedBefore);
  if (search) q = q.where(search.text);
  return q;
}

/** Positions in a list the client gave, as SQL literals: the values are checked integers or our own index. */
function positionIn<T extends string | number>(column: 'articles.id' | 'articles.slug', values: T[]) {
  const cases = values.map((v, i) => sql`when ${sql.ref(column)} = ${sql.lit(v)} then ${sql.lit(i)}`);
  return sql<number>`case ${sql.join(cases, sql` `)} else ${sql.lit(values.length)} end`;
}

function ordered(q: ArticlesQuery, f: PostFilter, search: SearchConditions | null): ArticlesQuery {
  const dir = f.order;
  switch (f.orderBy) {
    case 'modified':
      return q.orderBy('articles.modified_at', dir).orderBy('articles.id', dir);
    case 'id':
      return q.orderBy('articles.id', dir);
    case 'slug':
      return q.orderBy('articles.slug', dir).orderBy('articles.id', dir);
    case 'title':
      return q.orderBy('articles.headline', dir).orderBy('articles.id', dir);
    case 'include':
      return f.ids?.length ? q.orderBy(positionIn('articles.id', f.ids)) : q.orderBy('articles.id', dir);
    case 'include_slugs':
      return f.slugs?.length
        ? q.orderBy(positionIn('articles.slug', f.slugs))
        : q.orderBy('articles.id', dir);
    case 'relevance': {
      // Stories whose headline holds every word first, then those whose dek does, then by date, as WordPress
      // ranks title matches before excerpt matches before the rest.
      const rank = search
        ? sql<number>`case when ${search.headline} then 0 when ${search.dek} then 1 else 2 end`
        : sql<number>`0`;
      return q.orderBy(rank).orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc');
    }
    default:
      return q.orderBy('articles.published_at', dir).orderBy('articles.id', dir);
  }
}

export async function listPosts(
  db: Kysely<Database>,
  f: PostFilter,
  sections: Map<number, SectionRef>,
): Promise<{ posts: Article[]; total: number }> {
  const search = f.search === undefined ? null : await searchConditions(db, f.search);
  const base = filtered(db, f, search);
  const dialect = dialectOf(db);
  const [rows, count] = await Promise.all([
    ordered(base, f, search)
      .select(FULL_COLUMNS)
      .select((eb) => relationsJson(eb, dialect))
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { posts: await completeArticles(db, rows, sections), total: Number(count.n) };
}

/** One published article by id, or null. */
export async function findPost(
  db: Kysely<Database>,
  id: number,
  sections: Map<number, SectionRef>,
): Promise<Article | null> {
  const { posts } = await listPosts(
    db,
    { ids: [id], orderBy: 'id', order: 'desc', limit: 1, offset: 0 },
    sections,
  );
  return posts[0] ?? null;
}
