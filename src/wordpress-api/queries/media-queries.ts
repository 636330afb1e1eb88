// The media library items a reader can already see: those used (as hero or in the body) by a published story.
// Anything else in the library (uploads not yet used, drafts' pictures) stays private.
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

const PUBLISHED = sql`a.status = 'published' and a.published_at is not null`;
const usedBy = sql`(select x.article_id as article_id from article_media x where x.media_id = media.id union select h.id as article_id from articles h where h.hero_media_id = media.id)`;
const parentOf = sql<
  number | null
>`(select min(a.id) from articles a where a.id in ${usedBy} and ${PUBLISHED})`;

export async function listMedia(
  db: Kysely<Database>,
  f: MediaFilter,
): Promise<{ media: MediaEntry[]; total: number }> {
  let q = db.selectFrom('media').where(sql<boolean>`${parentOf} is not null`);
  if (f.ids) q = q.where('media.id', 'in', f.ids.length ? f.ids : [0]);
  if (f.excludeIds?.length) q = q.where('media.id', 'not in', f.excludeIds);
  if (f.parentIds)
    q = q.where(
      sql<boolean>`exists (select 1 from articles a where a.id in ${usedBy} and ${PUBLISHED} and a.id in (${sql.join(f.parentIds.length ? f.parentIds : [0])}))`,
    );
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
      .select(['media.created_at', 'media.updated_at', 'media.bytes', parentOf.as('parent_id')])
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
