// GET /corrections: the public record of every note appended to a published story.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { ServePublicPage } from '../../http/public-page.js';
import { pageNumber } from '../../http/request-params.js';
import type { SiteState } from '../../site/site-state.js';
import type { Database } from '../../storage/schema.js';
import { renderDocument } from '../../views/layout.js';
import { CORRECTIONS } from '../cache-tags.js';
import { CORRECTIONS_PATH, CorrectionsPage } from '../corrections/corrections-page.js';
import { listPublicCorrections } from '../corrections/corrections-query.js';
import { pagePath } from '../pages/listing-page.js';

export function correctionsRoute(options: { db: Kysely<Database>; site: SiteState; serve: ServePublicPage }) {
  const { db, site, serve } = options;
  return async function register(app: FastifyInstance): Promise<void> {
    app.get(CORRECTIONS_PATH, (request, reply) => {
      const page = pageNumber(request.query);
      return serve(request, reply, pagePath(CORRECTIONS_PATH, page), async () => {
        const [ctx, list] = await Promise.all([site.context(), listPublicCorrections(db, page, 50)]);
        const times = list.items.flatMap((c) => [c.publishedAt, ...(c.withdrawnAt ? [c.withdrawnAt] : [])]);
        return {
          body: renderDocument(<CorrectionsPage ctx={ctx} page={list} />),
          lastModified: times.sort().at(-1) ?? null,
          tags: [CORRECTIONS],
        };
      });
    });
  };
}
