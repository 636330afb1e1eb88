// GET /wp-json/wp/v2/media and /media/:id: the images published stories use, as WordPress's attachments.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { articlesByIds } from '../../articles/article-refs.js';
import { articleTag, LATEST } from '../../articles/cache-tags.js';
import { mediaTag } from '../../media/media.js';
import type { Database } from '../../storage/schema.js';
import { keepFields, requestedFields } from '../fields.js';
import { fromWpId, fromWpIds } from '../ids.js';
import {
  checkItemParams,
  collectionParams,
  type RawQuery,
  searchPatterns,
  skipOf,
  WpParams,
} from '../params.js';
import { listMedia, MEDIA_ORDERS, type MediaEntry, type MediaFilter } from '../queries/media-queries.js';
import { answer, pagingHeaders } from '../respond.js';
import { mediaJson } from '../shapes/media-json.js';
import type { ShapeContext } from '../shapes/shape-context.js';
import { invalidPostId, pageTooLarge } from '../wp-error.js';
import { pathId, shapeContext, type WpRouteDeps } from './route-deps.js';

function mediaFilter(query: RawQuery, timeZone: string) {
  const p = new WpParams(query);
  const c = collectionParams(p, 'desc');
  const mediaType = p.oneOf(
    'media_type',
    ['image', 'video', 'text', 'application', 'audio'] as const,
    'image',
  );
  const filter: MediaFilter = {
    ids: c.include && fromWpIds('media', c.include),
    excludeIds: c.exclude && fromWpIds('media', c.exclude),
    parentIds: (() => {
      const parents = p.integerList('parent');
      return parents && fromWpIds('post', parents);
    })(),
    mimeType: p.text('mime_type'),
    search: searchPatterns(c.search),
    after: p.date('after', timeZone),
    before: p.date('before', timeZone),
    orderBy: p.oneOf('orderby', MEDIA_ORDERS, 'date'),
    order: c.order,
    limit: c.perPage,
    offset: skipOf(c),
  };
  // The library holds images only.
  if (mediaType !== 'image') filter.ids = [];
  p.check();
  return { filter, collection: c };
}

async function shapedMedia(db: Kysely<Database>, media: MediaEntry[], ctx: ShapeContext, query: RawQuery) {
  const parents = await articlesByIds(
    db,
    media.flatMap((m) => (m.parentId === null ? [] : [m.parentId])),
  );
  const fields = requestedFields(query);
  return {
    items: media.map((m) =>
      keepFields(
        mediaJson(m, m.parentId === null ? null : (parents.get(m.parentId)?.slug ?? null), ctx),
        fields,
      ),
    ),
    tags: media.flatMap((m) => [mediaTag(m.id), ...(m.parentId === null ? [] : [articleTag(m.parentId)])]),
  };
}

export function mediaApiRoutes(deps: WpRouteDeps) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/wp-json/wp/v2/media', (request, reply) =>
      answer(deps.serve, request, reply, async () => {
        const query = request.query as RawQuery;
        const ctx = await shapeContext(deps.site);
        const { filter, collection } = mediaFilter(query, ctx.timeZone);
        const { media, total } = await listMedia(deps.db, filter);
        if (total > 0 && collection.page > Math.ceil(total / collection.perPage)) throw pageTooLarge('post');
        const { items, tags } = await shapedMedia(deps.db, media, ctx, query);
        return {
          body: items,
          tags: [LATEST, ...tags],
          headers: pagingHeaders(request, ctx.base, {
            total,
            perPage: collection.perPage,
            page: collection.page,
          }),
        };
      }),
    );

    app.get<{ Params: { id: string } }>('/wp-json/wp/v2/media/:id(^[1-9]\\d*$)', (request, reply) =>
      answer(deps.serve, request, reply, async () => {
        const query = request.query as RawQuery;
        checkItemParams(query);
        const id = fromWpId('media', pathId(request.params.id)) ?? 0;
        const { media } = await listMedia(deps.db, {
          ids: [id],
          search: [],
          orderBy: 'id',
          order: 'asc',
          limit: 1,
          offset: 0,
        });
        if (media.length === 0) throw invalidPostId();
        const { items, tags } = await shapedMedia(deps.db, media, await shapeContext(deps.site), query);
        return { body: items[0], tags };
      }),
    );
  };
}
