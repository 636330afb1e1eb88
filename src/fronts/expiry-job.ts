// Pins and banners expire by themselves: readers' pages are cached until told, so at each expiry this pass
// announces the fronts (or the banner) whose content changed. The background jobs run it once per machine
// (server/background-jobs.ts); the announcement reaches every instance, and the row is marked so it is
// announced once.
import type { Kysely } from 'kysely';
import type { ContentEvents } from '../storage/content-events.js';
import type { Database } from '../storage/schema.js';
import { bannerExpiryPending, markBannerExpiryAnnounced } from './banner.js';
import { BANNER_TAG, frontTag } from './cache-tags.js';
import { frontsWithExpiredPins, markPinExpiryAnnounced } from './front-store.js';

export async function announceExpiries(
  db: Kysely<Database>,
  events: ContentEvents,
  now: Date,
): Promise<string[]> {
  const fronts = await frontsWithExpiredPins(db, now);
  const tags = fronts.map(frontTag);
  const banner = await bannerExpiryPending(db, now);
  if (banner !== null) tags.push(BANNER_TAG);
  if (tags.length === 0) return tags;
  await events.changed(tags);
  // Marked after the announcement: a crash between the two announces again, which costs one render.
  await markPinExpiryAnnounced(db, fronts, now);
  if (banner !== null) await markBannerExpiryAnnounced(db, banner);
  return tags;
}
