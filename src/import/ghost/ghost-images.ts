// The images a Ghost site kept in its content/images folder, found by their addresses in posts, users and
// meta fields. Ghost 4+ writes its own address as `__GHOST_URL__`, older versions a full or a root-relative
// address; resized copies (`size/w600/`, `format/webp/`) name the same original, which is the one imported.
import { extname } from 'node:path';
import type { SourceMedia } from '../source-model.js';

export const GHOST_URL_PLACEHOLDER = '__GHOST_URL__';

const MIME_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
};

// Up to the first character that cannot be in an address inside HTML, Markdown or a JSON string.
const IMAGE_ADDRESS = /(https?:\/\/[^\s"'()<>\\]+?)?\/content\/images\/([^\s"'()<>?#\\]+)/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `size/w600/format/webp/2020/01/a.jpg` → `2020/01/a.jpg`: the original Ghost resized. */
export function originalImagePath(path: string): string {
  return decodeURI(path.replace(/^(?:size\/w\d+(?:h\d+)?\/)?(?:format\/[a-z0-9]+\/)?/i, ''));
}

/** Puts the site's address where Ghost wrote its placeholder. */
export function withSiteUrl(text: string, siteUrl: string): string {
  return text.includes(GHOST_URL_PLACEHOLDER) ? text.split(GHOST_URL_PLACEHOLDER).join(siteUrl) : text;
}

/** The first site address an absolute content/images address names: the site's own, when nothing else says. */
export function siteUrlFromImages(texts: Iterable<string>): string | undefined {
  for (const text of texts) {
    for (const match of text.matchAll(IMAGE_ADDRESS)) {
      if (match[1]) return match[1].replace(/\/+$/, '');
    }
  }
  return undefined;
}

/** The content/images files a text names (after withSiteUrl), as paths under that folder. */
export function imagePathsIn(text: string, siteUrl: string): string[] {
  if (!text.includes('/content/images/')) return [];
  const own = siteUrl ? new RegExp(`^${escapeRegExp(siteUrl)}$`, 'i') : null;
  const paths: string[] = [];
  for (const match of text.matchAll(IMAGE_ADDRESS)) {
    const origin = match[1];
    // Another site's images stay where they are (the body keeps their address).
    if (origin && own && !own.test(origin)) continue;
    try {
      paths.push(originalImagePath(match[2]!));
    } catch {
      // A malformed %-escape: not an address Ghost wrote, left as it is.
    }
  }
  return paths;
}

/** The address of an image of the site's folder, the key by which posts name it. */
export function imageUrl(siteUrl: string, path: string): string {
  return `${siteUrl}/content/images/${path}`;
}

export function imageMedia(siteUrl: string, path: string): SourceMedia {
  const name = path.split('/').pop() ?? path;
  return {
    kind: 'media',
    sourceId: `image:${path}`,
    url: imageUrl(siteUrl, path),
    relativePath: path,
    title: name.replace(/\.[a-z0-9]+$/i, ''),
    alt: '',
    caption: '',
    credit: '',
    mimeType: MIME_TYPES[extname(name).toLowerCase()],
  };
}
