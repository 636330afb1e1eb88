// The newsroom's media library under /admin/media: the library and the picker, upload, and each image's page.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { ContentEvents } from '../../storage/content-events.js';
import type { Database } from '../../storage/schema.js';
import type { FileStore } from '../file-store.js';
import type { ImageQueue } from '../image-queue.js';
import { itemRoutes } from './item-routes.js';
import { libraryRoutes } from './library-routes.js';
import { uploadRoutes } from './upload-routes.js';

export interface MediaRouteOptions {
  db: Kysely<Database>;
  store: FileStore;
  events: ContentEvents;
  /** The process's image queue: uploads wait in it to be rendered. */
  images: ImageQueue;
  clock: () => Date;
}

export function newsroomMediaRoutes(options: MediaRouteOptions) {
  const { db, store, events, images, clock } = options;
  return async function register(app: FastifyInstance): Promise<void> {
    await app.register(libraryRoutes({ db, clock }));
    // Its own context: only the upload takes multipart bodies.
    await app.register(uploadRoutes({ db, store, images, clock }));
    await app.register(itemRoutes({ db, events, clock }));
  };
}
