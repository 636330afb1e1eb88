// The body as HTML to be read away from the site (feeds, the content API): links and media addresses
// absolute, since <picture> writes site-relative media URLs.
import { renderToString } from 'preact-render-to-string';
import type { MediaItem } from '../../media/media.js';
import { BodyBlocks } from './body.js';
import type { BodyDocument } from './document.js';

// Only the img and source tags this renderer produced are touched, and their attribute values are already
// escaped.
function absoluteMedia(html: string, base: string): string {
  return html.replace(/<(?:img|source)\b[^>]*>/g, (tag) =>
    tag
      .replace(/\ssrc="(\/(?!\/)[^"]*)"/g, (_m, path: string) => ` src="${base}${path}"`)
      .replace(/\ssrcset="([^"]*)"/g, (_m, set: string) => {
        const absolute = set.replace(
          /(^|,\s*)(\/(?!\/))/g,
          (_s, sep: string, slash: string) => sep + base + slash,
        );
        return ` srcset="${absolute}"`;
      }),
  );
}

export function absoluteBodyHtml(body: BodyDocument, media: Map<number, MediaItem>, base: string): string {
  return absoluteMedia(
    renderToString(<BodyBlocks blocks={body.content} ctx={{ media, absoluteBase: base }} />),
    base,
  );
}
