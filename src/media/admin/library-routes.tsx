// The library and the picker the editor opens: the same searchable, filterable list of images, the picker's
// with "Use this image" on each card and the editor's address to go back to.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { renderAdmin } from '../../admin/auth/render.js';
import { newsroomPath } from '../../admin/safe-return.js';
import type { Database } from '../../storage/schema.js';
import { browseLibrary } from './browse.js';
import { parseLibraryQuery } from './library-query.js';
import { LibraryPage } from './pages/library.js';
import { forContributors, MEDIA_ASSETS } from './route-config.js';

export function libraryRoutes(options: { db: Kysely<Database>; clock: () => Date }) {
  const { db, clock } = options;
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/admin/media', forContributors, async (request, reply) => {
      const now = clock();
      const view = await browseLibrary(db, request.staff!, parseLibraryQuery(request.query), now);
      return renderAdmin(request, reply, {
        title: 'Media library',
        assets: MEDIA_ASSETS,
        body: <LibraryPage view={view} now={now} mode={{ kind: 'library' }} />,
      });
    });

    app.get<{ Querystring: { return?: string } }>(
      '/admin/media/picker',
      forContributors,
      async (request, reply) => {
        const now = clock();
        const view = await browseLibrary(db, request.staff!, parseLibraryQuery(request.query), now);
        // The editor that opened the picker, where "Use this image" leads: only ever a newsroom page.
        const returnTo = newsroomPath(request.query.return);
        return renderAdmin(request, reply, {
          title: 'Choose an image',
          assets: MEDIA_ASSETS,
          body: <LibraryPage view={view} now={now} mode={{ kind: 'picker', returnTo }} />,
        });
      },
    );
  };
}
