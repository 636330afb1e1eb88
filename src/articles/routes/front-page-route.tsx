// GET /: the stories editors chose (pinned, lead, featured), then the latest and the newest of each section,
// from one query; the support call-to-action (from revenue, when it is on) between them.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { renderToString } from 'preact-render-to-string';
import type { RenderedPage, ServePublicPage } from '../../http/public-page.js';
import type { SiteContext } from '../../site/site-context.js';
import type { SiteState } from '../../site/site-state.js';
import type { Database } from '../../storage/schema.js';
import { documentHtml } from '../../views/layout.js';
import { LATEST } from '../cache-tags.js';
import { type CuratedStories, type CurateFront, curatedIds, HOME_FRONT } from '../curation.js';
import { websiteJsonLd } from '../json-ld/listing-pages.js';
import { lastChanged } from '../model.js';
import { frontPageContent, HomeSections, HomeTop, homeHead } from '../pages/home-page.js';
import { summaryTags } from '../pages/summary-tags.js';
import { frontPageStories } from '../queries/list-queries.js';

const LATEST_ON_HOME = 6;
const PER_SECTION_ON_HOME = 3;

type Support = (ctx: SiteContext) => Promise<{ html: string; tags: readonly string[] } | null>;

export interface FrontPageOptions {
  db: Kysely<Database>;
  site: SiteState;
  serve: ServePublicPage;
  /** The support call-to-action as HTML, with the cache tags of what it shows; nothing when it is off. */
  support?: Support;
  /** The home front's live curation, when the fronts domain is on. */
  curate?: CurateFront;
}

/**
 * The front page with a given curation: the route's, with the live one; the newsroom's preview, with a draft.
 */
export async function renderFrontPage(
  db: Kysely<Database>,
  ctx: SiteContext,
  curated: CuratedStories | null,
  support: Awaited<ReturnType<Support>> = null,
): Promise<RenderedPage> {
  // Curated stories are left out of the lists by date, so each list reads enough to fill its place anyway.
  const extra = curatedIds(curated).size + 1;
  const stories = await frontPageStories(db, ctx.sections, {
    latest: LATEST_ON_HOME + extra,
    perSection: PER_SECTION_ON_HOME + LATEST_ON_HOME + extra,
  });
  const home = frontPageContent(
    ctx.sections,
    stories,
    { latest: LATEST_ON_HOME, perSection: PER_SECTION_ON_HOME },
    curated,
  );
  const top = [home.pinned, home.lead, ...home.featured, ...home.latest].filter((a) => a !== null);
  const shown = [...top, ...home.bySection.flatMap((s) => s.articles)];
  const main =
    renderToString(<HomeTop ctx={ctx} content={home} />) +
    (support?.html ?? '') +
    renderToString(<HomeSections ctx={ctx} content={home} />);
  return {
    body: documentHtml(ctx, renderToString(homeHead(ctx, websiteJsonLd(ctx))), main),
    lastModified: lastChanged(top),
    tags: [LATEST, ...(curated?.tags ?? []), ...summaryTags(shown), ...(support?.tags ?? [])],
  };
}

export function frontPageRoute(options: FrontPageOptions) {
  const { db, site, serve } = options;
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/', (request, reply) =>
      serve(request, reply, '/', async () => {
        const ctx = await site.context();
        const [curated, support] = await Promise.all([
          options.curate?.(ctx, HOME_FRONT) ?? null,
          options.support?.(ctx) ?? null,
        ]);
        return renderFrontPage(db, ctx, curated, support);
      }),
    );
  };
}
