// GET /: the lead story, the latest, then the newest of each section, from one query; the support
// call-to-action (from revenue, when it is on) between them.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { renderToString } from 'preact-render-to-string';
import type { ServePublicPage } from '../../http/public-page.js';
import type { SiteContext } from '../../site/site-context.js';
import type { SiteState } from '../../site/site-state.js';
import type { Database } from '../../storage/schema.js';
import { documentHtml } from '../../views/layout.js';
import { LATEST } from '../cache-tags.js';
import { websiteJsonLd } from '../json-ld/listing-pages.js';
import { lastChanged } from '../model.js';
import { frontPageContent, type HomeContent, HomeSections, HomeTop, homeHead } from '../pages/home-page.js';
import { summaryTags } from '../pages/summary-tags.js';
import { frontPageStories } from '../queries/list-queries.js';

const LATEST_ON_HOME = 6;
const PER_SECTION_ON_HOME = 3;

export interface FrontPageOptions {
  db: Kysely<Database>;
  site: SiteState;
  serve: ServePublicPage;
  /** The support call-to-action as HTML, with the cache tags of what it shows; nothing when it is off. */
  support?: (ctx: SiteContext) => Promise<{ html: string; tags: readonly string[] } | null>;
}

export function frontPageRoute(options: FrontPageOptions) {
  const { db, site, serve } = options;

  async function content(ctx: SiteContext): Promise<HomeContent> {
    // Each section's list may repeat a story from the latest, so it reads enough to fill its place anyway.
    const stories = await frontPageStories(db, ctx.sections, {
      latest: LATEST_ON_HOME + 1,
      perSection: PER_SECTION_ON_HOME + LATEST_ON_HOME + 1,
    });
    return frontPageContent(ctx.sections, stories, PER_SECTION_ON_HOME);
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/', (request, reply) =>
      serve(request, reply, '/', async () => {
        const ctx = await site.context();
        const [home, support] = await Promise.all([content(ctx), options.support?.(ctx) ?? null]);
        const shown = [home.lead, ...home.latest, ...home.bySection.flatMap((s) => s.articles)].filter(
          (a) => a !== null,
        );
        const main =
          renderToString(<HomeTop ctx={ctx} content={home} />) +
          (support?.html ?? '') +
          renderToString(<HomeSections ctx={ctx} content={home} />);
        return {
          body: documentHtml(ctx, renderToString(homeHead(ctx, websiteJsonLd(ctx))), main),
          lastModified: lastChanged([home.lead, ...home.latest].filter((a) => a !== null)),
          tags: [LATEST, ...summaryTags(shown), ...(support?.tags ?? [])],
        };
      }),
    );
  };
}
