// GET /:slug: a published static page at the site's root, through the page cache, tagged with the page and
// the images it shows. Every fixed route (/articles, /search …) is matched before this one by the router.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { mediaIdsOf } from '../articles/render/document.js';
import type { ServePublicPage } from '../http/public-page.js';
import { requireSlug } from '../http/request-params.js';
import { findMediaByIds, mediaTag } from '../media/media.js';
import type { SiteState } from '../site/site-state.js';
import type { Database } from '../storage/schema.js';
import { renderDocument } from '../views/layout.js';
import { pageTag } from './cache-tags.js';
import { pagePath } from './page-path.js';
import { loadPublishedPage } from './page-query.js';
import { StaticPage } from './page-view.js';

export function pageReaderRoutes(options: { db: Kysely<Database>; site: SiteState; serve: ServePublicPage }) {
  const { db, site, serve } = options;
  return async function register(app: FastifyInstance): Promise<void> {
    app.get<{ Params: { slug: string } }>('/:slug', (request, reply) => {
      const slug = requireSlug(request.params.slug);
      return serve(request, reply, pagePath(slug), async () => {
        const [ctx, page] = await Promise.all([site.context(), loadPublishedPage(db, slug)]);
        const mediaIds = mediaIdsOf(page.body);
        const media = await findMediaByIds(db, mediaIds);
        return {
          body: renderDocument(StaticPage({ ctx, page, media })),
          lastModified: page.updatedAt,
          tags: [pageTag(page.id), ...mediaIds.map(mediaTag)],
        };
      });
    });
  };
}
