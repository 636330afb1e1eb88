// Every published article's address, last change and hero, newest first, read in batches (one prepared
// query each, continuing from the last row seen) so that a 50,000-address sitemap never holds 50,000 rows.
import type { Kysely } from 'kysely';
import { absoluteMediaUrl } from '../../media/media.js';
import { preparedQuery } from '../../storage/prepared.js';
import type { Database } from '../../storage/schema.js';
import { articlePath } from '../model.js';
import type { SitemapUrl } from './sitemap-xml.js';

interface Row {
  id: number;
  slug: string;
  published_at: string;
  modified_at: string;
  fallback_key: string | null;
  caption: string | null;
}

const BATCH = 2_000;

const columns = [
  'articles.id',
  'articles.slug',
  'articles.published_at',
  'articles.modified_at',
  'media.fallback_key',
  'media.caption',
] as const;

const firstBatch = preparedQuery<'limit' | 'offset', Row>((db, p) =>
  db
    .selectFrom('articles')
    .leftJoin('media', 'media.id', 'articles.hero_media_id')
    .select(columns)
    .where('articles.status', '=', 'published')
    .where('articles.noindex', '=', 0)
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(p.limit)
    .offset(p.offset),
);

// The next rows after the last one read, in the same order: no OFFSET to count through again.
const nextBatch = preparedQuery<'limit' | 'at' | 'id', Row>((db, p) =>
  db
    .selectFrom('articles')
    .leftJoin('media', 'media.id', 'articles.hero_media_id')
    .select(columns)
    .where('articles.status', '=', 'published')
    .where('articles.noindex', '=', 0)
    .where((eb) =>
      eb.or([
        eb('articles.published_at', '<', p.at),
        eb.and([eb('articles.published_at', '=', p.at), eb('articles.id', '<', p.id)]),
      ]),
    )
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(p.limit),
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
    .where('status', '=', 'published')
    .where('noindex', '=', 0),
);

export async function countPublishedArticles(db: Kysely<Database>): Promise<number> {
  return Number((await count(db, {}))[0]?.n ?? 0);
}

export async function newestChange(db: Kysely<Database>): Promise<string | null> {
  return (await newest(db, {}))[0]?.modified_at ?? null;
}

function entryOf(row: Row, baseUrl: string): SitemapUrl & { lastmod: string } {
  return {
    loc: baseUrl + articlePath(row.slug),
    lastmod: row.modified_at,
    images: row.fallback_key
      ? [{ loc: absoluteMediaUrl(baseUrl, row.fallback_key), caption: row.caption ?? '' }]
      : [],
  };
}

/** The entries of one sitemap file (`limit` from `offset`), a batch at a time. */
export async function* sitemapEntries(
  db: Kysely<Database>,
  baseUrl: string,
  file: { limit: number; offset: number },
): AsyncGenerator<Array<SitemapUrl & { lastmod: string }>> {
  let left = file.limit;
  let rows = await firstBatch(db, { limit: Math.min(BATCH, left), offset: file.offset });
  while (rows.length > 0) {
    yield rows.map((row) => entryOf(row, baseUrl));
    left -= rows.length;
    const last = rows[rows.length - 1]!;
    if (left <= 0 || rows.length < BATCH) return;
    rows = await nextBatch(db, { limit: Math.min(BATCH, left), at: last.published_at, id: last.id });
  }
}
