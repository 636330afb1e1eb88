// Images the editor offers for the hero and the body: a small picture, the alt text, caption and credit,
// so writers choose by what they see and know at once which images lack alt text or a running licence.
import type { Kysely } from 'kysely';
import { describeLicence, licenceState } from '../media/admin/rights.js';
import { creditLine, findMediaByIds, type MediaItem, mediaFromRow, mediaUrl } from '../media/media.js';
import type { Database } from '../storage/schema.js';
import { selectRecentMedia } from './queries/media-choices.js';

export interface MediaChoice {
  id: number;
  thumbUrl: string | null;
  altText: string;
  caption: string;
  credit: string;
  /** The library's licence warning ('' while the licence runs for more than the warning window). */
  licence: string;
}

export function mediaChoice(item: MediaItem, now: Date): MediaChoice {
  const state = licenceState(item.licenseExpiresAt, now);
  // The smallest widely readable variant: a thumbnail, not the full picture.
  const thumb = item.variants
    .filter((v) => v.format === 'jpeg' || v.format === 'png' || v.format === 'webp' || v.format === 'gif')
    .sort((a, b) => a.width - b.width)[0];
  return {
    id: item.id,
    thumbUrl: thumb ? mediaUrl(thumb.key) : null,
    altText: item.altText,
    caption: item.caption,
    credit: creditLine(item),
    licence: state === 'expired' || state === 'expiring' ? describeLicence(item.licenseExpiresAt, now) : '',
  };
}

export async function searchMediaChoices(
  db: Kysely<Database>,
  search: string,
  now: Date,
  limit = 60,
): Promise<MediaChoice[]> {
  return (await selectRecentMedia(db, search.trim().slice(0, 100), limit)).map((row) =>
    mediaChoice(mediaFromRow(row), now),
  );
}

/** The recent images plus those already used, which may be older than the recent ones. */
export async function mediaChoicesFor(
  db: Kysely<Database>,
  usedIds: number[],
  now: Date,
): Promise<MediaChoice[]> {
  const [recent, used] = await Promise.all([
    searchMediaChoices(db, '', now, 200),
    findMediaByIds(db, usedIds),
  ]);
  const byId = new Map(recent.map((c) => [c.id, c]));
  for (const item of used.values()) if (!byId.has(item.id)) byId.set(item.id, mediaChoice(item, now));
  return [...byId.values()];
}
