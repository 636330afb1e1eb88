// A media item as the rest of the system sees it: the file's variants plus its words and rights.
import type { Kysely, Selectable } from 'kysely';
import type { Database, MediaTable } from '../storage/schema.js';

export type UsageRights = MediaTable['rights'];

export interface Variant {
  format: 'avif' | 'webp' | 'jpeg' | 'png' | 'gif';
  width: number;
  height: number;
  key: string;
}

export interface MediaItem {
  id: number;
  originalKey: string;
  mimeType: string;
  width: number;
  height: number;
  altText: string;
  caption: string;
  creditPerson: string;
  creditOrganization: string;
  rights: UsageRights;
  licenseUrl: string | null;
  licenseExpiresAt: string | null;
  copyrightNotice: string | null;
  variants: Variant[];
}

/** The columns a media item is made from, for queries that fetch an image with something else. */
export const MEDIA_COLUMNS = [
  'media.id',
  'media.storage_key',
  'media.mime_type',
  'media.width',
  'media.height',
  'media.alt_text',
  'media.caption',
  'media.credit_person',
  'media.credit_organization',
  'media.rights',
  'media.license_url',
  'media.license_expires_at',
  'media.copyright_notice',
  'media.variants',
] as const;

export type MediaRow = Pick<
  Selectable<MediaTable>,
  | 'id'
  | 'storage_key'
  | 'mime_type'
  | 'width'
  | 'height'
  | 'alt_text'
  | 'caption'
  | 'credit_person'
  | 'credit_organization'
  | 'rights'
  | 'license_url'
  | 'license_expires_at'
  | 'copyright_notice'
  | 'variants'
>;

export function mediaFromRow(row: MediaRow): MediaItem {
  return {
    id: row.id,
    originalKey: row.storage_key,
    mimeType: row.mime_type,
    width: row.width,
    height: row.height,
    altText: row.alt_text,
    caption: row.caption,
    creditPerson: row.credit_person,
    creditOrganization: row.credit_organization,
    rights: row.rights,
    licenseUrl: row.license_url,
    licenseExpiresAt: row.license_expires_at,
    copyrightNotice: row.copyright_notice,
    variants: JSON.parse(row.variants) as Variant[],
  };
}

/** "Person, Organisation", or whichever of the two is known. */
export function creditLine(item: Pick<MediaItem, 'creditPerson' | 'creditOrganization'>): string {
  return [item.creditPerson, item.creditOrganization].filter(Boolean).join(', ');
}

export async function findMediaByIds(db: Kysely<Database>, ids: number[]): Promise<Map<number, MediaItem>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('media').select(MEDIA_COLUMNS).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, mediaFromRow(r)]));
}

/** The cache tag of every page that shows the image, so a changed caption or credit reaches them. */
export function mediaTag(id: number): string {
  return `media:${id}`;
}

// Where readers fetch media: this app's /media/ route, or MEDIA_PUBLIC_URL (a public bucket, a CDN). It is
// one fact of the deployment, the same for every page a process renders, so the composition root sets it once
// (app.ts) rather than every view that shows a picture taking it as a parameter.
let mediaBase = '/media';

/** Makes media addresses start with `publicUrl` (no trailing slash), or with /media/ when it is null. */
export function serveMediaFrom(publicUrl: string | null): void {
  mediaBase = publicUrl ?? '/media';
}

/** The address of a stored file: a path on this site, or an absolute address when MEDIA_PUBLIC_URL is set. */
export function mediaUrl(key: string): string {
  return `${mediaBase}/${key}`;
}

/** The file's absolute address, for feeds, sitemaps and JSON-LD; `siteBase` is the site's public address. */
export function absoluteMediaUrl(siteBase: string, key: string): string {
  const url = mediaUrl(key);
  return url.startsWith('/') ? siteBase + url : url;
}

/** The largest JPEG/PNG variant, for feeds, Open Graph and JSON-LD where modern formats are not safe. */
export function fallbackVariant(item: Pick<MediaItem, 'variants'>, maxWidth = 1600): Variant | undefined {
  const legacy = item.variants.filter((v) => v.format === 'jpeg' || v.format === 'png' || v.format === 'gif');
  const fitting = legacy.filter((v) => v.width <= maxWidth).sort((a, b) => b.width - a.width);
  return fitting[0] ?? legacy.sort((a, b) => a.width - b.width)[0];
}
