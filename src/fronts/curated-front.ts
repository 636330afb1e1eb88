// What readers see of a front: its live layout made into stories (only published ones, each once, an expired
// pin left out), for the articles domain's home and section pages.
import type { Kysely } from 'kysely';
import type { CuratedStories, CurateFront } from '../articles/curation.js';
import { publishedSummaries } from '../articles/queries/list-queries.js';
import type { SiteContext } from '../site/site-context.js';
import type { Database } from '../storage/schema.js';
import { frontTag } from './cache-tags.js';
import { type FrontLayout, livePin } from './front-layout.js';
import { readLayout } from './front-store.js';

/** A layout's stories as of `now`: the live front's for readers, a draft's for the newsroom's preview. */
export async function curatedStories(
  db: Kysely<Database>,
  ctx: SiteContext,
  front: string,
  layout: FrontLayout,
  now: Date,
): Promise<CuratedStories> {
  const pin = livePin(layout, now);
  // A story chosen twice (pinned and in a slot) is shown once, in its first place.
  const ids = [...new Set([...(pin ? [pin.id] : []), ...layout.stories])];
  const stories = await publishedSummaries(db, ids, ctx.sectionsById);
  const pinned = pin ? (stories.find((a) => a.id === pin.id) ?? null) : null;
  const chosen = stories.filter((a) => a !== pinned);
  return { pinned, lead: chosen[0] ?? null, featured: chosen.slice(1), tags: [frontTag(front)] };
}

export function curateFronts(db: Kysely<Database>, clock: () => Date): CurateFront {
  return async (ctx, front) => curatedStories(db, ctx, front, await readLayout(db, front, 'live'), clock());
}
