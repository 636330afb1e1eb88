// The WordPress-shaped read-only REST API under /wp-json/, so that apps, plugins and integrations written for
// WordPress read this site unchanged. One encapsulated plugin: its error handler answers in WordPress's shape
// for its routes only. Every write is refused as WordPress refuses a visitor's (401), and a path it does not
// know is rest_no_route.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { ServePublicPage } from '../http/public-page.js';
import type { SiteState } from '../site/site-state.js';
import type { Database } from '../storage/schema.js';
import { apiIndex, namespaceIndex } from './discovery.js';
import { answer } from './respond.js';
import { commentApiRoutes } from './routes/comment-routes.js';
import { mediaApiRoutes } from './routes/media-routes.js';
import { pageRoutes } from './routes/page-routes.js';
import { postRoutes } from './routes/post-routes.js';
import type { WpRouteDeps } from './routes/route-deps.js';
import { termRoutes } from './routes/term-routes.js';
import { userRoutes } from './routes/user-routes.js';
import { noRoute, WpError, wpErrorHandling } from './wp-error.js';

export interface WordPressApiOptions {
  db: Kysely<Database>;
  site: SiteState;
  serve: ServePublicPage;
  clock: () => Date;
}

// What WordPress answers a visitor who tries to change each resource.
const REFUSALS: Record<string, { create: [string, string]; edit: string; remove: string }> = {
  posts: {
    create: ['rest_cannot_create', 'Sorry, you are not allowed to create posts as this user.'],
    edit: 'Sorry, you are not allowed to edit this post.',
    remove: 'Sorry, you are not allowed to delete this post.',
  },
  pages: {
    create: ['rest_cannot_create', 'Sorry, you are not allowed to create posts as this user.'],
    edit: 'Sorry, you are not allowed to edit this post.',
    remove: 'Sorry, you are not allowed to delete this post.',
  },
  categories: {
    create: ['rest_cannot_create', 'Sorry, you are not allowed to create terms in this taxonomy.'],
    edit: 'Sorry, you are not allowed to edit this term.',
    remove: 'Sorry, you are not allowed to delete this term.',
  },
  tags: {
    create: ['rest_cannot_create', 'Sorry, you are not allowed to create terms in this taxonomy.'],
    edit: 'Sorry, you are not allowed to edit this term.',
    remove: 'Sorry, you are not allowed to delete this term.',
  },
  users: {
    create: ['rest_cannot_create_user', 'Sorry, you are not allowed to create new users.'],
    edit: 'Sorry, you are not allowed to edit this user.',
    remove: 'Sorry, you are not allowed to delete this user.',
  },
  media: {
    create: ['rest_cannot_create', 'Sorry, you are not allowed to upload media on this site.'],
    edit: 'Sorry, you are not allowed to edit this post.',
    remove: 'Sorry, you are not allowed to delete this post.',
  },
  comments: {
    create: ['rest_comment_login_required', 'Sorry, you must be logged in to comment.'],
    edit: 'Sorry, you are not allowed to edit this comment.',
    remove: 'Sorry, you are not allowed to delete this comment.',
  },
};

const WRITES = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

function refusals(app: FastifyInstance): void {
  for (const [route, refusal] of Object.entries(REFUSALS)) {
    // Nothing is changed, so nothing to forge: the CSRF check would only hide WordPress's own answer.
    const config = { csrf: false };
    app.route({
      method: [...WRITES],
      url: `/wp-json/wp/v2/${route}`,
      config,
      handler: async (request) => {
        if (request.method !== 'POST') throw noRoute();
        throw new WpError(refusal.create[0], 401, refusal.create[1]);
      },
    });
    app.route({
      method: [...WRITES],
      url: `/wp-json/wp/v2/${route}/:id(^[1-9]\\d*$)`,
      config,
      handler: async (request) => {
        if (request.method === 'DELETE') throw new WpError('rest_cannot_delete', 401, refusal.remove);
        throw new WpError('rest_cannot_edit', 401, refusal.edit);
      },
    });
  }
}

export function wordpressApi(options: WordPressApiOptions) {
  const deps: WpRouteDeps = { db: options.db, site: options.site, serve: options.serve };
  return async function register(app: FastifyInstance): Promise<void> {
    wpErrorHandling(app);
    // The app ignores a trailing slash: this is /wp-json too.
    app.get('/wp-json/', (request, reply) =>
      answer(deps.serve, request, reply, async () => ({
        body: apiIndex(await options.site.context(), options.clock()),
        tags: [],
      })),
    );
    app.get('/wp-json/wp/v2', (request, reply) =>
      answer(deps.serve, request, reply, async () => ({
        body: namespaceIndex(await options.site.context()),
        tags: [],
      })),
    );
    await app.register(postRoutes(deps));
    await app.register(pageRoutes(deps));
    await app.register(termRoutes(deps, 'category'));
    await app.register(termRoutes(deps, 'post_tag'));
    await app.register(userRoutes(deps));
    await app.register(mediaApiRoutes(deps));
    await app.register(commentApiRoutes(deps));
    refusals(app);
    app.route({
      method: ['GET', 'HEAD', 'OPTIONS', ...WRITES],
      url: '/wp-json/*',
      config: { csrf: false },
      handler: async () => {
        throw noRoute();
      },
    });
  };
}
