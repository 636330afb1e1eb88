// The media library items a reader can already see: those used (as hero or in the body) by a published story,
// as the library's usage table records every use. Anything else (uploads not yet used, drafts' pictures)
// stays private.
import { type Kysely, sql } from 'kysely';
import { MEDIA_COLUMNS, type MediaItem, mediaFromRow } from '../../media/media.js';
import type { Database } from '../../storage/schema.js';

export const MEDIA_ORDERS = ['date', 'id', 'include', 'modified', 'title'] as const;
export type MediaOrder = (typeof MEDIA_ORDERS)[number];

export interface MediaEntry extends MediaItem {
  createdAt: string;
  modifiedAt: string;
  bytes: number;
  /** The earliest published story that shows it: WordPress's `post` (the attachment's parent). */
  parentId: number | null;
}

export interface MediaFilter {
  ids?: number[];
  excludeIds?: number[];
  parentIds?: number[];
  search: string[];
  mimeType?: string;
  after?: string;
  before?: string;
  orderBy: MediaOrder;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/**
 * Each image a published story uses, with the first such story: the library's usage table (every use saved
 * since it exists) and the heroes (the demo's stories and imports never went through it). One pass over the
 * stories for the whole list, rather than a look for every image.
 */
function withParents(db: Kysely<Database>, ids: number[] | undefined) {
  const only = ids && (ids.length ? ids : [0]);
  return db
    .with('uses', (w) => {
      let body = w
        .selectFrom('article_media as x')
        .innerJoin('articles as a', 'a.id', 'x.article_id')
        .select(['x.media_id as media_id', 'x.article_id as article_id'])
        .where('a.status', '=', 'published')
        .where('a.published_at', 'is not', null);
      let heroes = w
        .selectFrom('articles as a')
        .select([sql<number>`a.hero_media_id`.as('media_id'), 'a.id as article_id'])
        .where('a.hero_media_id', 'is not', null)
        .where('a.status', '=', 'published')
        .where('a.published_at', 'is not', null);
      if (only) {
        body = body.where('x.media_id', 'in', only);
        heroes = heroes.where('a.hero_media_id', 'in', only);
      }
      return body.unionAll(heroes);
    })
    .with('parents', (w) =>
      w
        .selectFrom('uses')
        .select(['uses.media_id', (eb) => eb.fn.min<number>('uses.article_id').as('parent_id')])
        .groupBy('uses.media_id'),
    );
}

export async function listMedia(
  db: Kysely<Database>,
  f: MediaFilter,
): Promise<{ media: MediaEntry[]; total: number }> {
  let q = withParents(db, f.ids).selectFrom('media').innerJoin('parents', 'parents.media_id', 'media.id');
  if (f.excludeIds?.length) q = q.where('media.id', 'not in', f.excludeIds);
  if (f.parentIds) {
    const parents = f.parentIds.length ? f.parentIds : [0];
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('uses')
          .select('uses.article_id')
          .whereRef('uses.media_id', '=', 'media.id')
          .where('uses.article_id', 'in', parents),
      ),
    );
  }
  if (f.mimeType) q = q.where('media.mime_type', '=', f.mimeType);
  if (f.after) q = q.where('media.created_at', '>', f.after);
  if (f.before) q = q.where('media.created_at', '<', f.before);
  for (const pattern of f.search) {
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`lower(media.alt_text) like ${pattern} escape '\\'`,
        sql<boolean>`lower(media.caption) like ${pattern} escape '\\'`,
      ]),
    );
  }
  let ordered = q;
  if (f.orderBy === 'include' && f.ids?.length) {
    const cases = f.ids.map((v, i) => sql`when media.id = ${sql.lit(v)} then ${sql.lit(i)}`);
    ordered = q.orderBy(sql`case ${sql.join(cases, sql` `)} else ${sql.lit(f.ids.length)} end`);
  } else if (f.orderBy === 'id') ordered = q.orderBy('media.id', f.order);
  else if (f.orderBy === 'title') ordered = q.orderBy('media.alt_text', f.order);
  else if (f.orderBy === 'modified')
    ordered = q.orderBy(sql`coalesce(media.updated_at, media.created_at)`, f.order);
  else ordered = q.orderBy('media.created_at', f.order);
  const [rows, count] = await Promise.all([
    ordered
      .orderBy('media.id', f.order)
      .select(MEDIA_COLUMNS)
      .select(['media.created_at', 'media.updated_at', 'media.bytes', 'parents.parent_id'])
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    media: rows.map((r) => ({
      ...mediaFromRow(r),
      createdAt: new Date(r.created_at).toISOString(),
      modifiedAt: new Date(r.updated_at ?? r.created_at).toISOString(),
      bytes: r.bytes,
      parentId: r.parent_id === null ? null : Number(r.parent_id),
    })),
    total: Number(count.n),
  };
}
