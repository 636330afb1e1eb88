// The bylines and hero images of a page of articles, each in one prepared query for all the page's ids: the
// list is passed as one parameter (a JSON array read by json_each on SQLite, an int[] on PostgreSQL), so the
// statement is the same whatever the page's length and is compiled once, not built per request.
import { type Kysely, sql } from 'kysely';
import { MEDIA_COLUMNS, type MediaItem, type MediaRow, mediaFromRow } from '../../media/media.js';
import { type Dialect, dialectOf, preparedQuery } from '../../storage/prepared.js';
import type { Database } from '../../storage/schema.js';
import type { AuthorRef } from '../model.js';

function inList(dialect: Dialect, column: string, ids: never) {
  return dialect === 'postgres'
    ? sql<boolean>`${sql.ref(column)} = any(${ids}::int[])`
    : sql<boolean>`${sql.ref(column)} in (select value from json_each(${ids}))`;
}

function listParameter(db: Kysely<Database>, ids: readonly number[]): unknown {
  return dialectOf(db) === 'postgres' ? ids : JSON.stringify(ids);
}

const bylines = preparedQuery<
  'ids',
  {
    article_id: number;
    id: number;
    slug: string;
    name: string;
    job_title: string;
    bio: string;
    photo_media_id: number | null;
  }
>((db, p, dialect) =>
  db
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .select([
      'article_authors.article_id',
      'authors.id',
      'authors.slug',
      'authors.name',
      'authors.job_title',
      'authors.bio',
      'authors.photo_media_id',
    ])
    .where(inList(dialect, 'article_authors.article_id', p.ids))
    .orderBy('article_authors.article_id')
    .orderBy('article_authors.position'),
);

const media = preparedQuery<'ids', MediaRow>((db, p, dialect) =>
  db
    .selectFrom('media')
    .select(MEDIA_COLUMNS)
    .where(inList(dialect, 'media.id', p.ids)),
);

/** The author profiles credited on each article, in byline order. */
export async function bylinesOf(
  db: Kysely<Database>,
  articleIds: readonly number[],
): Promise<Map<number, AuthorRef[]>> {
  const byArticle = new Map<number, AuthorRef[]>();
  if (articleIds.length === 0) return byArticle;
  for (const r of await bylines(db, { ids: listParameter(db, articleIds) })) {
    const list = byArticle.get(r.article_id) ?? [];
    list.push({
      id: r.id,
      slug: r.slug,
      name: r.name,
      jobTitle: r.job_title,
      bio: r.bio,
      photoMediaId: r.photo_media_id,
    });
    byArticle.set(r.article_id, list);
  }
  return byArticle;
}

/** Images by id. */
export async function imagesByIds(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<Map<number, MediaItem>> {
  if (ids.length === 0) return new Map();
  const rows = await media(db, { ids: listParameter(db, [...new Set(ids)]) });
  return new Map(rows.map((r) => [r.id, mediaFromRow(r)]));
}
