// GET /wp-json/wp/v2/posts and /posts/:id: published articles, filtered, paged, embedded and trimmed as
// WordPress's posts endpoint does. Static pages are page-routes.ts's.
import type { FastifyInstance } from 'fastify';
import { articleTag, authorProfileTag, LATEST } from '../../articles/cache-tags.js';
import type { Article } from '../../articles/model.js';
import { mediaTag } from '../../media/media.js';
import { embedInPosts } from '../embed.js';
import { keepFields, requestedEmbeds, requestedFields } from '../fields.js';
import { fromWpId, fromWpIds, type WpKind } from '../ids.js';
import { checkItemParams, collectionParams, type RawQuery, skipOf, WpParams } from '../params.js';
import { findPost, listPosts, POST_ORDERS, type PostFilter } from '../queries/post-queries.js';
import { answer, pagingHeaders } from '../respond.js';
import { postJson } from '../shapes/post-json.js';
import type { ShapeContext } from '../shapes/shape-context.js';
import { invalidPostId, pageTooLarge, WpError } from '../wp-error.js';
import { pathId, shapeContext, type WpRouteDeps } from './route-deps.js';

/** A list of ids of `kind` the client named, as ours. */
function wpIds(p: WpParams, name: string, kind: WpKind): number[] | undefined {
  const ids = p.integerList(name);
  return ids && fromWpIds(kind, ids);
}

function postFilter(query: RawQuery, timeZone: string) {
  const p = new WpParams(query);
  const c = collectionParams(p, 'desc');
  const status = p.stringList('status');
  if (status?.some((s) => s !== 'publish')) p.refuse('status', 'Status is forbidden.');
  const orderBy = p.oneOf('orderby', POST_ORDERS, 'date');
  const filter: PostFilter = {
    ids: c.include && fromWpIds('post', c.include),
    excludeIds: c.exclude && fromWpIds('post', c.exclude),
    slugs: p.stringList('slug'),
    sectionIds: wpIds(p, 'categories', 'category'),
    sectionExcludeIds: wpIds(p, 'categories_exclude', 'category'),
    tagIds: wpIds(p, 'tags', 'tag'),
    tagExcludeIds: wpIds(p, 'tags_exclude', 'tag'),
    authorIds: wpIds(p, 'author', 'user'),
    authorExcludeIds: wpIds(p, 'author_exclude', 'user'),
    after: p.date('after', timeZone),
    before: p.date('before', timeZone),
    modifiedAfter: p.date('modified_after', timeZone),
    modifiedBefore: p.date('modified_before', timeZone),
    search: c.search,
    orderBy,
    order: c.order,
    limit: c.perPage,
    offset: skipOf(c),
  };
  // No story is sticky: asking for sticky ones finds none.
  if (p.boolean('sticky') === true) filter.ids = [];
  p.check();
  if (orderBy === 'relevance' && !c.search)
    throw new WpError(
      'rest_no_search_term_defined',
      400,
      'You need to define a search term to order by relevance.',
    );
  if (orderBy === 'include' && !c.include)
    throw new WpError(
      'rest_orderby_include_missing_include',
      400,
      'You need to define an include parameter to order by include.',
    );
  return { filter, collection: c };
}

/** The tags of what a post shows besides itself: its picture and its authors' names. */
function postTags(posts: Article[]): string[] {
  return posts.flatMap((p) => [
    articleTag(p.id),
    ...(p.hero ? [mediaTag(p.hero.id)] : []),
    ...p.authors.map((a) => authorProfileTag(a.id)),
  ]);
}

async function shaped(deps: WpRouteDeps, posts: Article[], query: RawQuery, ctx: ShapeContext) {
  const fields = requestedFields(query);
  const embeds = requestedEmbeds(query, fields);
  const items = posts.map((p) => postJson(p, ctx));
  const tags = embeds ? await embedInPosts(deps.db, posts, items, embeds, ctx) : [];
  return { items: items.map((item) => keepFields(item, fields)), tags: [...postTags(posts), ...tags] };
}

export function postRoutes(deps: WpRouteDeps) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/wp-json/wp/v2/posts', (request, reply) =>
      answer(deps.serve, request, reply, async () => {
        const query = request.query as RawQuery;
        const siteCtx = await deps.site.context();
        const ctx = await shapeContext(deps.site);
        const { filter, collection } = postFilter(query, ctx.timeZone);
        const { posts, total } = await listPosts(deps.db, filter, siteCtx.sectionsById);
        if (total > 0 && collection.page > Math.ceil(total / collection.perPage)) throw pageTooLarge('post');
        const { items, tags } = await shaped(deps, posts, query, ctx);
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

    app.get<{ Params: { id: string } }>('/wp-json/wp/v2/posts/:id(^[1-9]\\d*$)', (request, reply) =>
      answer(deps.serve, request, reply, async () => {
        const query = request.query as RawQuery;
        checkItemParams(query);
        const id = fromWpId('post', pathId(request.params.id));
        const siteCtx = await deps.site.context();
        const post = id === null ? null : await findPost(deps.db, id, siteCtx.sectionsById);
        if (!post) throw invalidPostId();
        const { items, tags } = await shaped(deps, [post], query, await shapeContext(deps.site));
        return { body: items[0], tags };
      }),
    );
  };
}
