// Every published article's address, last change and hero, newest first, read as a stream so that a
// 50,000-address sitemap never holds 50,000 rows at once.
import type { Kysely } from 'kysely';
import { fallbackVariant, mediaUrl, type Variant } from '../../media/media.js';
import { preparedQuery } from '../../storage/prepared.js';
import type { Database } from '../../storage/schema.js';
import { articlePath } from '../model.js';
import type { SitemapUrl } from './sitemap-xml.js';

interface Row {
  slug: string;
  modified_at: string;
  variants: string | null;
  caption: string | null;
}

const entries = preparedQuery<'limit' | 'offset', Row>((db, p) =>
  db
    .selectFrom('articles')
    .leftJoin('media', 'media.id', 'articles.hero_media_id')
    .select(['articles.slug', 'articles.modified_at', 'media.variants', 'media.caption'])
    .where('articles.status', '=', 'published')
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(p.limit)
    .offset(p.offset),
);

const newest = preparedQuery<never, { modified_at: string }>((db) =>
  db
    .selectFrom('articles')
    .select('modified_at')
    .where('status', '=', 'published')
    .orderBy('modified_at', 'desc')
    .limit(1),
);

const count = preparedQuery<never, { n: number }>((db) =>
  db
    .selectFrom('articles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'published'),
);

export async function countPublishedArticles(db: Kysely<Database>): Promise<number> {
  return Number((await count(db, {}))[0]?.n ?? 0);
}

export async function newestChange(db: Kysely<Database>): Promise<string | null> {
  return (await newest(db, {}))[0]?.modified_at ?? null;
}

/** The sitemap entries of one file, as they are read. */
export async function* sitemapEntries(
  db: Kysely<Database>,
  baseUrl: string,
  file: { limit: number; offset: number },
): AsyncGenerator<SitemapUrl & { lastmod: string }> {
  for await (const row of entries.stream(db, file)) {
    const image = row.variants
      ? fallbackVariant({ variants: JSON.parse(row.variants) as Variant[] })
      : undefined;
    yield {
      loc: baseUrl + articlePath(row.slug),
      lastmod: row.modified_at,
      images: image ? [{ loc: baseUrl + mediaUrl(image.key), caption: row.caption ?? '' }] : [],
    };
  }
}
