// A cached public page's tags as the CDN's purge keys: `Surrogate-Key` (Fastly, space-separated) and
// `Cache-Tag` (Cloudflare, comma-separated), so that purging a tag at the CDN (src/cdn/) drops exactly the
// pages the tag drops from this instance's cache.
//
// The headers stay well inside the CDNs' limits (Cloudflare: 16 KB of Cache-Tag and 1,024 bytes a tag;
// Fastly: 16 KB of Surrogate-Key) and inside what a proxy in front reads as headers. A list of very many
// stories keeps its list-level keys (latest, section:…, sitemaps …) and only as many per-item keys (an
// article, its picture, its author's byline) as fit: every change to an article's page or place on a list
// also announces the lists it is on (articles/cache-tags.ts listingTagsOf), so the list keys still reach
// the page. A media caption or a byline edit announces only its item key; a page that could not carry all
// of them is reported incomplete and not kept long at the edge (public-page.ts).

/** The bytes each header may take: both together stay under 8 KB, with room for the page's other headers. */
export const SURROGATE_KEYS_MAX_BYTES = 3000;
/** Cloudflare ignores a longer tag. */
const MAX_KEY_BYTES = 1024;
// Keys that name one item shown on a page, as opposed to a list or a site-wide part of it.
const ITEM_KEY = /^(article|media|author-profile|comments):/;
// Both CDNs want visible ASCII; a space or comma would split a key in one of the two headers.
const KEY = /^[\x21-\x2b\x2d-\x7e]+$/;

export interface SurrogateKeys {
  headers: { 'surrogate-key': string; 'cache-tag': string } | Record<string, never>;
  /** False when some item keys were left off: a change to such an item alone would not purge the page. */
  complete: boolean;
}

export function surrogateKeys(tags: readonly string[], maxBytes = SURROGATE_KEYS_MAX_BYTES): SurrogateKeys {
  const unique = [...new Set(tags)];
  const usable = unique.filter((tag) => KEY.test(tag) && tag.length <= MAX_KEY_BYTES);
  let complete = usable.length === unique.length;
  // List-level keys first, then items in the order the page shows them.
  const ordered = [...usable.filter((t) => !ITEM_KEY.test(t)), ...usable.filter((t) => ITEM_KEY.test(t))];
  const kept: string[] = [];
  let bytes = 0;
  for (const key of ordered) {
    const cost = key.length + (kept.length > 0 ? 1 : 0);
    if (bytes + cost > maxBytes) {
      complete = false;
      continue;
    }
    kept.push(key);
    bytes += cost;
  }
  if (kept.length === 0) return { headers: {}, complete };
  return { headers: { 'surrogate-key': kept.join(' '), 'cache-tag': kept.join(',') }, complete };
}
