// What other domains may read of pages: the published ones' addresses and titles (the site's menus), and
// the published pages whole, body parsed, for the APIs that serve them. Drafts are never read from here.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { readStoredBody } from '../articles/render/document.js';
import type { Database } from '../storage/schema.js';
import { pagePath } from './page-path.js';
import type { PublishedPage } from './page-query.js';

export { pageTag } from './cache-tags.js';
export { pagePath } from './page-path.js';
export { loadPublishedPage, type PublishedPage } from './page-query.js';

export async function publishedPageRefs(
  db: Kysely<Database>,
): Promise<Map<number, { slug: string; title: string; path: string }>> {
  const rows = await db
    .selectFrom('pages')
    .select(['id', 'slug', 'title'])
    .where('status', '=', 'published')
    .execute();
  return new Map(rows.map((r) => [r.id, { slug: r.slug, title: r.title, path: pagePath(r.slug) }]));
}

export interface PublishedPageFilter {
  ids?: readonly number[];
  excludeIds?: readonly number[];
  slugs?: readonly string[];
  /** LIKE patterns (wildcards escaped with `\`), each of which the lower-cased title must match. */
  titlePatterns?: readonly string[];
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** Published pages matching the filter, oldest or newest publication first, and how many match in all. */
export async function findPublishedPages(
  db: Kysely<Database>,
  filter: PublishedPageFilter,
): Promise<{ pages: PublishedPage[]; total: number }> {
  let q = db.selectFrom('pages').where('status', '=', 'published');
  if (filter.ids)
    q = filter.ids.length > 0 ? q.where('id', 'in', [...filter.ids]) : q.where(sql<boolean>`1 = 0`);
  if (filter.excludeIds && filter.excludeIds.length > 0) q = q.where('id', 'not in', [...filter.excludeIds]);
  if (filter.slugs)
    q = filter.slugs.length > 0 ? q.where('slug', 'in', [...filter.slugs]) : q.where(sql<boolean>`1 = 0`);
  for (const pattern of filter.titlePatterns ?? [])
    q = q.where(sql<boolean>`lower(pages.title) like ${pattern} escape '\\'`);
  const [counted, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
    q
      .select(['id', 'slug', 'title', 'description', 'body', 'published_at', 'updated_at'])
      .orderBy('published_at', filter.order)
      .orderBy('id', filter.order)
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
  ]);
  return {
    total: Number(counted.n),
    pages: rows.map((row) => ({
      id: row.id,
      slug: row.slug,
      title: row.title,
      description: row.description,
      body: readStoredBody(row.body),
      publishedAt: row.published_at ?? row.updated_at,
      updatedAt: row.updated_at,
    })),
  };
}

/** One published page by id, or null when none is (a draft counts as none). */
export async function findPublishedPageById(db: Kysely<Database>, id: number): Promise<PublishedPage | null> {
  const { pages } = await findPublishedPages(db, { ids: [id], order: 'asc', limit: 1, offset: 0 });
  return pages[0] ?? null;
}
