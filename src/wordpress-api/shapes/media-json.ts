// A library image as WordPress's attachment. `source_url` and `full` are the largest JPEG/PNG/GIF variant (the
// uploaded original, with whatever its file carries, is never served to readers); `media_details.sizes` has
// WordPress's usual names picked from our variants by width, then every variant by format and width. The
// credit and copyright sit where WordPress's image metadata keeps them (`media_details.image_meta`).
import { articlePath } from '../../articles/model.js';
import { CONTENT_TYPES } from '../../media/image-formats.js';
import { absoluteMediaUrl, fallbackVariant, type Variant } from '../../media/media.js';
import { escapeXml } from '../../views/escape.js';
import { toWpId } from '../ids.js';
import { apiUrl, link } from '../links.js';
import type { MediaEntry } from '../queries/media-queries.js';
import { wpGmt, wpLocal } from '../wp-dates.js';
import type { ShapeContext, WpJson } from './shape-context.js';

// WordPress's registered sizes and the widest variant each may take (thumbnail 150, medium 300, medium_large
// 768, large 1024 in a default install; ours are 320, 640, 960 … wide, so the nearest at or below).
const WP_SIZES: ReadonlyArray<readonly [string, number]> = [
  ['thumbnail', 320],
  ['medium', 640],
  ['medium_large', 960],
  ['large', 1280],
];

function fileOf(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}

function sizeJson(v: Variant, ctx: ShapeContext) {
  return {
    file: fileOf(v.key),
    width: v.width,
    height: v.height,
    mime_type: CONTENT_TYPES[v.format],
    source_url: absoluteMediaUrl(ctx.base, v.key),
  };
}

function sizesOf(item: MediaEntry, full: Variant | undefined, ctx: ShapeContext) {
  const sizes: Record<string, ReturnType<typeof sizeJson>> = {};
  const legacy = item.variants.filter((v) => v !== full && ['jpeg', 'png', 'gif'].includes(v.format));
  for (const [name, maxWidth] of WP_SIZES) {
    const fitting = legacy.filter((v) => v.width <= maxWidth).sort((a, b) => b.width - a.width)[0];
    if (fitting) sizes[name] = sizeJson(fitting, ctx);
  }
  for (const v of item.variants) sizes[`${v.format}-${v.width}`] = sizeJson(v, ctx);
  if (full) sizes.full = sizeJson(full, ctx);
  return sizes;
}

export function mediaJson(item: MediaEntry, parentSlug: string | null, ctx: ShapeContext): WpJson {
  const id = toWpId('media', item.id);
  const full = fallbackVariant(item, Number.MAX_SAFE_INTEGER);
  const sourceUrl = full ? absoluteMediaUrl(ctx.base, full.key) : '';
  const caption = item.caption ? `<p>${escapeXml(item.caption)}</p>\n` : '';
  const credit = [item.creditPerson, item.creditOrganization].filter(Boolean).join(', ');
  return {
    id,
    date: wpLocal(item.createdAt, ctx.timeZone),
    date_gmt: wpGmt(item.createdAt),
    guid: { rendered: sourceUrl },
    modified: wpLocal(item.modifiedAt, ctx.timeZone),
    modified_gmt: wpGmt(item.modifiedAt),
    slug: `image-${id}`,
    status: 'inherit',
    type: 'attachment',
    link: parentSlug ? ctx.base + articlePath(parentSlug) : sourceUrl,
    title: { rendered: escapeXml(item.altText) },
    author: 0,
    comment_status: 'closed',
    ping_status: 'closed',
    template: '',
    meta: [],
    description: { rendered: caption },
    caption: { rendered: caption },
    alt_text: item.altText,
    media_type: 'image',
    mime_type: full ? CONTENT_TYPES[full.format] : item.mimeType,
    media_details: {
      width: full?.width ?? item.width,
      height: full?.height ?? item.height,
      file: full ? full.key : '',
      ...(item.bytes ? { filesize: item.bytes } : {}),
      sizes: sizesOf(item, full, ctx),
      image_meta: {
        credit,
        copyright: item.copyrightNotice ?? '',
        caption: item.caption,
        title: '',
      },
    },
    post: item.parentId === null ? null : toWpId('post', item.parentId),
    source_url: sourceUrl,
    _links: {
      self: link(apiUrl(ctx.base, `media/${id}`)),
      collection: link(apiUrl(ctx.base, 'media')),
    },
  };
}

const EMBED_FIELDS = [
  'id',
  'date',
  'slug',
  'type',
  'link',
  'title',
  'author',
  'caption',
  'alt_text',
  'media_type',
  'mime_type',
  'media_details',
  'source_url',
  '_links',
] as const;

/** The fields of an attachment another item embeds (WordPress's "embed" context). */
export function embeddedMedia(full: WpJson): WpJson {
  return Object.fromEntries(EMBED_FIELDS.map((f) => [f, full[f]]));
}
