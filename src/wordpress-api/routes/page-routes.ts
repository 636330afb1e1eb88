// GET /wp-json/wp/v2/pages and /pages/:id: the newsroom's published static pages in WordPress's page shape,
// filtered (include, exclude, slug, words of the title, parent), paged and trimmed as WordPress's pages
// endpoint does. Every page is tagged with its own tag, so an edit drops the answers that show it; publishing
// or unpublishing one drops every cached answer.
import type { FastifyInstance } from 'fastify';
import { mediaIdsOf } from '../../articles/render/document.js';
import { findMediaByIds, mediaTag } from '../../media/media.js';
import {
  findPublishedPageById,
  findPublishedPages,
  type PublishedPage,
  type PublishedPageFilter,
  pageTag,
} from '../../pages/page-refs.js';
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
import { answer, pagingHeaders } from '../respond.js';
import { pageJson } from '../shapes/page-json.js';
import type { ShapeContext } from '../shapes/shape-context.js';
import { invalidPostId, pageTooLarge } from '../wp-error.js';
import type { WpRouteDeps } from './route-deps.js';
import { pathId, shapeContext } from './route-deps.js';

// Every page has menu order 0, so ordering by it leaves the publication order, as WordPress does on a tie.
const PAGE_ORDERS = ['date', 'menu_order'] as const;

function pageFilter(query: RawQuery) {
  const p = new WpParams(query);
  const c = collectionParams(p, 'desc');
  const status = p.stringList('status');
  if (status?.some((s) => s !== 'publish')) p.refuse('status', 'Status is forbidden.');
  p.oneOf('orderby', PAGE_ORDERS, 'date');
  // Every page is at the top level (parent 0): asking for another parent finds none.
  const parents = p.integerList('parent');
  const filter: PublishedPageFilter = {
    ids: c.include && fromWpIds('page', c.include),
    excludeIds: c.exclude && fromWpIds('page', c.exclude),
    slugs: p.stringList('slug'),
    titlePatterns: searchPatterns(c.search),
    order: c.order,
    limit: c.perPage,
    offset: skipOf(c),
  };
  if (parents && !parents.includes(0)) filter.ids = [];
  p.check();
  return { filter, collection: c };
}

async function shaped(deps: WpRouteDeps, pages: PublishedPage[], query: RawQuery, ctx: ShapeContext) {
  const fields = requestedFields(query);
  const mediaIds = [...new Set(pages.flatMap((p) => mediaIdsOf(p.body)))];
  const media = await findMediaByIds(deps.db, mediaIds);
  return {
    items: pages.map((p) => keepFields(pageJson(p, media, ctx), fields)),
    tags: [...pages.map((p) => pageTag(p.id)), ...mediaIds.map(mediaTag)],
  };
}

export function pageRoutes(deps: WpRouteDeps) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/wp-json/wp/v2/pages', (request, reply) =>
      answer(deps.serve, request, reply, async () => {
        const query = request.query as RawQuery;
        const ctx = await shapeContext(deps.site);
        const { filter, collection } = pageFilter(query);
        const { pages, total } = await findPublishedPages(deps.db, filter);
        if (total > 0 && collection.page > Math.ceil(total / collection.perPage)) throw pageTooLarge('page');
        const { items, tags } = await shaped(deps, pages, query, ctx);
        return {
          body: items,
          tags,
          headers: pagingHeaders(request, ctx.base, {
            total,
            perPage: collection.perPage,
            page: collection.page,
          }),
        };
      }),
    );

    app.get<{ Params: { id: string } }>('/wp-json/wp/v2/pages/:id(^[1-9]\\d*$)', (request, reply) =>
      answer(deps.serve, request, reply, async () => {
        const query = request.query as RawQuery;
        checkItemParams(query);
        const id = fromWpId('page', pathId(request.params.id));
        const page = id === null ? null : await findPublishedPageById(deps.db, id);
        if (!page) throw invalidPostId();
        const { items, tags } = await shaped(deps, [page], query, await shapeContext(deps.site));
        return { body: items[0], tags };
      }),
    );
  };
}
