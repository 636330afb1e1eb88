// An item's `<wp:postmeta>` pairs, and what Broadsheet takes from the plugins that keep their data there:
// the credit plugins (for attachments) and Yoast SEO and Rank Math (for posts and pages).
import { isSerialized, unserialize } from 'php-serialize';
import type { SourceSeo } from '../source-model.js';
import { children, text, type WxrNode } from './wxr-tree.js';

export type PostMeta = Map<string, string>;

export function readPostMeta(item: WxrNode): PostMeta {
  const meta: PostMeta = new Map();
  for (const pair of children(item, 'wp:postmeta')) {
    const key = text(pair, 'wp:meta_key');
    // The first of repeated keys wins, as WordPress's get_post_meta($id, $key, true) does.
    if (key !== '' && !meta.has(key)) meta.set(key, text(pair, 'wp:meta_value'));
  }
  return meta;
}

/** A PHP-serialized value as JavaScript, or undefined when the text is not one (or is damaged). */
export function phpValue(value: string): unknown {
  if (!isSerialized(value)) return undefined;
  try {
    return unserialize(value, {}, { strict: false });
  } catch {
    return undefined;
  }
}

// In the order they are trusted: Media Credit (also Largo's and Newspack's), Navis Media Credit, Better Image
// Credits, then the names themes and field plugins commonly use.
const CREDIT_KEYS = [
  '_media_credit',
  '_navis_media_credit',
  '_wp_attachment_source_name',
  '_image_credit',
  'image_credit',
  '_photo_credit',
  'photo_credit',
];

/** The attachment's credit line, with its organisation when the plugin keeps one apart, or the IPTC credit. */
export function readCredit(meta: PostMeta): string {
  let credit = CREDIT_KEYS.map((key) => meta.get(key)?.trim() ?? '').find((value) => value !== '') ?? '';
  const organisation = meta.get('_navis_media_credit_org')?.trim() ?? '';
  if (organisation !== '') credit = credit === '' ? organisation : `${credit} / ${organisation}`;
  if (credit !== '') return credit;
  // WordPress copies the photo's own IPTC credit into the attachment's metadata on upload.
  const metadata = phpValue(meta.get('_wp_attachment_metadata') ?? '') as
    | { image_meta?: { credit?: unknown } }
    | undefined;
  const iptc = metadata?.image_meta?.credit;
  return typeof iptc === 'string' ? iptc.trim() : '';
}

export interface SeoContext {
  title: string;
  excerpt: string;
  /** The name of the post's primary (else first) category, for `%%category%%`. */
  categoryName: string;
}

const SEPARATORS = /^[\s\-–—|·•:»«>~/]+|[\s\-–—|·•:»«>~/]+$/g;

/**
 * Resolves a Yoast (`%%var%%`) or Rank Math (`%var%`) template against the post. The post's own fields are
 * filled in; the site name, separator, page numbers and anything else are dropped, because Broadsheet
 * appends its own site name to every title. A title that comes out as just the headline is the plugin's
 * default, not an override, and is dropped too (undefined).
 */
export function resolveSeoTemplate(template: string, context: SeoContext): string | undefined {
  const fill = (name: string): string => {
    switch (name) {
      case 'title':
        return context.title;
      case 'excerpt':
      case 'excerpt_only':
        return context.excerpt;
      case 'category':
      case 'primary_category':
        return context.categoryName;
      default:
        return '';
    }
  };
  const resolved = template
    .replace(/%%([a-z0-9_]+)%%/gi, (_all, name: string) => fill(name.toLowerCase()))
    .replace(/%([a-z_]+)(?:\([^)%]*\))?%/gi, (_all, name: string) => fill(name.toLowerCase()))
    .replace(/\s+/g, ' ')
    .replace(SEPARATORS, '')
    .trim();
  return resolved === '' ? undefined : resolved;
}

function robotsSaysNoindex(value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = phpValue(value);
  const list =
    parsed && typeof parsed === 'object' ? Object.values(parsed).map(String) : value.split(/[\s,]+/);
  if (list.includes('noindex')) return true;
  if (list.includes('index')) return false;
  return undefined;
}

function yoastNoindex(value: string | undefined): boolean | undefined {
  // '1' is noindex, '2' an explicit index; '0' or nothing follows the site's default.
  if (value === '1') return true;
  if (value === '2') return false;
  return undefined;
}

export function readSeo(meta: PostMeta, context: SeoContext): SourceSeo {
  const field = (...keys: string[]) =>
    keys.map((key) => meta.get(key)?.trim() ?? '').find((value) => value !== '');
  const template = (...keys: string[]) => {
    const value = field(...keys);
    return value === undefined ? undefined : resolveSeoTemplate(value, context);
  };
  const seo: SourceSeo = {};
  const title = template('_yoast_wpseo_title', 'rank_math_title');
  if (title !== undefined && title !== context.title) seo.title = title;
  const description = template('_yoast_wpseo_metadesc', 'rank_math_description');
  if (description !== undefined) seo.description = description;
  const canonical = field('_yoast_wpseo_canonical', 'rank_math_canonical_url');
  if (canonical !== undefined) seo.canonical = canonical;
  const yoast = yoastNoindex(meta.get('_yoast_wpseo_meta-robots-noindex'));
  const rankMath = robotsSaysNoindex(meta.get('rank_math_robots'));
  if (yoast === true || rankMath === true) seo.noindex = true;
  else if (yoast === false || rankMath === false) seo.noindex = false;
  const socialTitle = template('_yoast_wpseo_opengraph-title', 'rank_math_facebook_title');
  if (socialTitle !== undefined) seo.socialTitle = socialTitle;
  const socialDescription = template('_yoast_wpseo_opengraph-description', 'rank_math_facebook_description');
  if (socialDescription !== undefined) seo.socialDescription = socialDescription;
  const socialImage = field('_yoast_wpseo_opengraph-image', 'rank_math_facebook_image');
  if (socialImage !== undefined) seo.socialImageUrl = socialImage;
  return seo;
}

/** The term id Yoast or Rank Math holds as the post's primary category. */
export function primaryCategoryId(meta: PostMeta): string | undefined {
  const id =
    meta.get('_yoast_wpseo_primary_category')?.trim() || meta.get('rank_math_primary_category')?.trim();
  return id && /^\d+$/.test(id) && id !== '0' ? id : undefined;
}
