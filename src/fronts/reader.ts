// Fronts for readers: the live curation the articles domain's home and section pages take, and the banner
// fragment at GET /banner, cached like a page and dropped only when the banner changes or expires.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { ServePublicPage } from '../http/public-page.js';
import type { Database } from '../storage/schema.js';
import { activeBanner } from './banner.js';
import { bannerFragment } from './banner-fragment.js';
import { BANNER_TAG } from './cache-tags.js';
import { curateFronts } from './curated-front.js';

export const BANNER_PATH = '/banner';

export function frontsForReaders(options: {
  db: Kysely<Database>;
  serve: ServePublicPage;
  clock: () => Date;
}) {
  const { db, serve, clock } = options;
  return {
    curate: curateFronts(db, clock),
    async routes(app: FastifyInstance): Promise<void> {
      app.get(BANNER_PATH, (request, reply) =>
        serve(request, reply, BANNER_PATH, async () => {
          const banner = await activeBanner(db, clock());
          return {
            body: bannerFragment(banner),
            lastModified: null,
            tags: [BANNER_TAG],
            // A fragment, never a page of its own for search engines.
            headers: { 'x-robots-tag': 'noindex' },
          };
        }),
      );
    },
  };
}
