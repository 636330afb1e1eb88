// GET /wp-json/wp/v2/comments and /comments/:id: approved comments on published stories. A list for given
// posts is kept in the cache under those stories' comment tags; the site-wide list has no tag that every new
// comment announces, so it is only validated (ETag), never kept.
import type { FastifyInstance } from 'fastify';
import { articleTag } from '../../articles/cache-tags.js';
import { ALL_COMMENTS, commentsTag } from '../../comments/cache-tags.js';
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
import { COMMENT_ORDERS, type CommentFilter, listComments } from '../queries/comment-queries.js';
import { answer, answerUncached, pagingHeaders } from '../respond.js';
import { commentJson } from '../shapes/comment-json.js';
import { invalidCommentId, pageTooLarge } from '../wp-error.js';
import { pathId, shapeContext, type WpRouteDeps } from './route-deps.js';

function commentFilter(query: RawQuery, timeZone: string) {
  const p = new WpParams(query);
  const c = collectionParams(p, 'desc');
  const status = p.stringList('status');
  const type = p.stringList('type');
  const posts = p.integerList('post');
  const parents = p.integerList('parent');
  const parentExclude = p.integerList('parent_exclude');
  const filter: CommentFilter = {
    ids: c.include && fromWpIds('comment', c.include),
    excludeIds: c.exclude && fromWpIds('comment', c.exclude),
    postIds: posts && fromWpIds('post', posts),
    // 0 is "no parent" (a top-level comment) and is kept as such.
    parentIds: parents?.map((id) => (id === 0 ? 0 : (fromWpId('comment', id) ?? -1))),
    parentExcludeIds: parentExclude?.map((id) => (id === 0 ? 0 : (fromWpId('comment', id) ?? -1))),
    search: searchPatterns(c.search),
    after: p.date('after', timeZone),
    before: p.date('before', timeZone),
    orderBy: p.oneOf('orderby', COMMENT_ORDERS, 'date_gmt'),
    order: c.order,
    limit: c.perPage,
    offset: skipOf(c),
  };
  p.check();
  // Only approved comments of the plain type are public; asking for others finds none.
  if (status?.some((s) => s !== 'approve' && s !== 'approved') || type?.some((t) => t !== 'comment'))
    filter.ids = [];
  return { filter, collection: c };
}

export function commentApiRoutes(deps: WpRouteDeps) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/wp-json/wp/v2/comments', async (request, reply) => {
      const query = request.query as RawQuery;
      const ctx = await shapeContext(deps.site);
      const { filter, collection } = commentFilter(query, ctx.timeZone);
      const render = async () => {
        const { comments, total } = await listComments(deps.db, filter);
        if (total > 0 && collection.page > Math.ceil(total / collection.perPage))
          throw pageTooLarge('comment');
        const fields = requestedFields(query);
        return {
          body: comments.map((c) => keepFields(commentJson(c, ctx), fields)),
          headers: pagingHeaders(request, ctx.base, {
            total,
            perPage: collection.perPage,
            page: collection.page,
          }),
        };
      };
      const postIds = filter.postIds;
      if (!postIds) return answerUncached(request, reply, render);
      return answer(deps.serve, request, reply, async () => ({
        ...(await render()),
        tags: [ALL_COMMENTS, ...postIds.flatMap((id) => [commentsTag(id), articleTag(id)])],
      }));
    });

    app.get<{ Params: { id: string } }>('/wp-json/wp/v2/comments/:id(^[1-9]\\d*$)', (request, reply) =>
      answer(deps.serve, request, reply, async () => {
        const query = request.query as RawQuery;
        checkItemParams(query);
        const id = fromWpId('comment', pathId(request.params.id)) ?? 0;
        const { comments } = await listComments(deps.db, {
          ids: [id],
          search: [],
          orderBy: 'id',
          order: 'asc',
          limit: 1,
          offset: 0,
        });
        const comment = comments[0];
        if (!comment) throw invalidCommentId();
        return {
          body: keepFields(commentJson(comment, await shapeContext(deps.site)), requestedFields(query)),
          tags: [ALL_COMMENTS, commentsTag(comment.postId), articleTag(comment.postId)],
        };
      }),
    );
  };
}
