// What other domains may read of pages: the published ones' addresses and titles, for the site's menus.
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { pagePath } from './page-path.js';

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
