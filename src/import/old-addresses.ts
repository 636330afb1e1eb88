// The old site's addresses as keys: a permalink's path (what legacy_redirects and the link map are keyed
// by), an image's address without its size suffix, and the new address a link into the old site now has.
import { articlePath } from '../articles/model.js';
import { pagePath } from '../pages/page-refs.js';
import type { ImportContext } from './import-context.js';

function parse(url: string, base: string): URL | null {
  try {
    return new URL(url, `${base}/`);
  } catch {
    return null;
  }
}

const bareHost = (host: string) => host.toLowerCase().replace(/^www\./, '');

/** The host of the source site, without `www.`: links to either are links into the old site. */
export function siteHostOf(baseUrl: string): string {
  const url = parse(baseUrl, 'http://invalid');
  return url ? bareHost(url.host) : '';
}

/**
 * A path as legacy_redirects keys it: percent-encoded as the URL parser leaves it, lower-case (WordPress
 * matches slugs whatever their case, and writes their escapes in lower case), without a trailing slash.
 */
export function pathKey(pathname: string): string {
  const trimmed = pathname.replace(/\/+$/, '').toLowerCase();
  return trimmed === '' ? '/' : trimmed;
}

/** The key of an address on the old site, or null when it is on another site (or is no address at all). */
export function oldPathKey(url: string, site: string, siteHost: string): string | null {
  const parsed = parse(url, site);
  if (!parsed || !/^https?:$/.test(parsed.protocol) || bareHost(parsed.host) !== siteHost) return null;
  return pathKey(parsed.pathname);
}

/** An image's address as a key: host and path, without query nor WordPress's `-300x200` size suffix. */
export function mediaUrlKey(url: string, site: string): string | null {
  const parsed = parse(url, site);
  if (!parsed || !/^https?:$/.test(parsed.protocol)) return null;
  const path = parsed.pathname.replace(/-\d+x\d+(\.[a-z0-9]+)$/i, '$1').toLowerCase();
  return `${bareHost(parsed.host)}${path}`;
}

/**
 * The BodyContext's `link`: a link to one of the old site's posts, pages or images gets its new address;
 * any other link is kept as it is (undefined). Posts later in the file are found too: their permalinks were
 * read in the first pass, and their slugs here decided before the second began.
 */
export function newAddressFor(ctx: ImportContext, url: string): string | undefined {
  const key = oldPathKey(url, ctx.site, ctx.siteHost);
  if (key !== null) {
    const post = ctx.postsByPath.get(key);
    if (post) {
      const parsed = parse(url, ctx.site);
      const fragment = parsed?.hash ?? '';
      return (post.type === 'article' ? articlePath(post.slug) : pagePath(post.slug)) + fragment;
    }
  }
  const mediaKey = mediaUrlKey(url, ctx.site);
  return mediaKey === null ? undefined : ctx.mediaByUrl.get(mediaKey)?.url;
}

/** The BodyContext's `image`: the local media id for an attachment named by its id or old address. */
export function mediaIdFor(ctx: ImportContext, ref: { sourceId?: string; url?: string }): number | undefined {
  if (ref.sourceId !== undefined) {
    const id = ctx.mediaById.get(ref.sourceId);
    if (id !== undefined) return id;
  }
  if (ref.url === undefined) return undefined;
  const key = mediaUrlKey(ref.url, ctx.site);
  return key === null ? undefined : ctx.mediaByUrl.get(key)?.id;
}
