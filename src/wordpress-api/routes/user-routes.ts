// GET /wp-json/wp/v2/users and /users/:id: the authors credited on published stories, public profile only.
import type { FastifyInstance } from 'fastify';
import { authorProfileTag, LATEST } from '../../articles/cache-tags.js';
import { findMediaByIds, mediaTag } from '../../media/media.js';
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
import { listUsers, USER_ORDERS, type UserFilter, type UserRow } from '../queries/user-queries.js';
import { answer, pagingHeaders } from '../respond.js';
import type { ShapeContext } from '../shapes/shape-context.js';
import { userJson } from '../shapes/user-json.js';
import { invalidUserId, pageTooLarge, WpError } from '../wp-error.js';
import { pathId, shapeContext, type WpRouteDeps } from './route-deps.js';

function userFilter(query: RawQuery) {
  const p = new WpParams(query);
  const c = collectionParams(p, 'asc');
  const orderBy = p.oneOf('orderby', USER_ORDERS, 'name');
  // Roles and capabilities are the newsroom's business; WordPress refuses them to visitors too.
  if (p.has('roles') || p.has('capabilities'))
    throw new WpError('rest_user_cannot_view', 401, 'Sorry, you are not allowed to filter users by role.');
  const filter: UserFilter = {
    ids: c.include && fromWpIds('user', c.include),
    excludeIds: c.exclude && fromWpIds('user', c.exclude),
    slugs: p.stringList('slug'),
    search: searchPatterns(c.search),
    orderBy,
    order: c.order,
    limit: c.perPage,
    offset: skipOf(c),
  };
  p.check();
  return { filter, collection: c };
}

async function shapedUsers(deps: WpRouteDeps, users: UserRow[], ctx: ShapeContext, query: RawQuery) {
  const photos = await findMediaByIds(
    deps.db,
    users.flatMap((u) => (u.photoMediaId === null ? [] : [u.photoMediaId])),
  );
  const fields = requestedFields(query);
  return {
    items: users.map((u) => keepFields(userJson(u, photos.get(u.photoMediaId ?? 0), ctx), fields)),
    tags: users.flatMap((u) => [
      authorProfileTag(u.id),
      ...(u.photoMediaId ? [mediaTag(u.photoMediaId)] : []),
    ]),
  };
}

export function userRoutes(deps: WpRouteDeps) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/wp-json/wp/v2/users', (request, reply) =>
      answer(deps.serve, request, reply, async () => {
        const query = request.query as RawQuery;
        const ctx = await shapeContext(deps.site);
        const { filter, collection } = userFilter(query);
        const { users, total } = await listUsers(deps.db, filter);
        if (total > 0 && collection.page > Math.ceil(total / collection.perPage)) throw pageTooLarge('user');
        const { items, tags } = await shapedUsers(deps, users, ctx, query);
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

    app.get('/wp-json/wp/v2/users/me', async () => {
      throw new WpError('rest_not_logged_in', 401, 'You are not currently logged in.');
    });

    app.get<{ Params: { id: string } }>('/wp-json/wp/v2/users/:id(^[1-9]\\d*$)', (request, reply) =>
      answer(deps.serve, request, reply, async () => {
        const query = request.query as RawQuery;
        checkItemParams(query);
        const id = fromWpId('user', pathId(request.params.id)) ?? 0;
        const { users } = await listUsers(deps.db, {
          ids: [id],
          search: [],
          orderBy: 'id',
          order: 'asc',
          limit: 1,
          offset: 0,
        });
        if (users.length === 0) throw invalidUserId();
        const { items, tags } = await shapedUsers(deps, users, await shapeContext(deps.site), query);
        return { body: items[0], tags: [LATEST, ...tags] };
      }),
    );
  };
}
