// Images as schema.org ImageObjects: each size a crawler can read, with the caption, credit and rights
// Google shows as image metadata.
import {
  absoluteMediaUrl,
  creditLine,
  fallbackVariant,
  type MediaItem,
  type Variant,
} from '../../media/media.js';
import type { SiteContext } from '../../site/site-context.js';
import type { JsonLd } from './publisher.js';

/** How many sizes of the hero to offer: enough for the large Discover card and the small thumbnails. */
const HERO_SIZES = 3;

/** Variants a crawler can be sure to read, largest first, one per width. */
function legacyVariants(item: MediaItem): Variant[] {
  const largest = fallbackVariant(item, Number.POSITIVE_INFINITY);
  const legacy = item.variants.filter((v) => v.format === largest?.format).sort((a, b) => b.width - a.width);
  return legacy.filter((v, i) => legacy.findIndex((w) => w.width === v.width) === i);
}

/** The creator as credited: a person, affiliated with the organisation when both are known. */
function creditedCreator(item: MediaItem): JsonLd | undefined {
  const organization = item.creditOrganization
    ? { '@type': 'Organization', name: item.creditOrganization }
    : undefined;
  if (item.creditPerson) {
    return {
      '@type': 'Person',
      name: item.creditPerson,
      ...(organization ? { affiliation: organization } : {}),
    };
  }
  return organization;
}

/** The licence document: the one on file, or the Public Domain Mark for public-domain images. */
function licenseOf(item: MediaItem): string | undefined {
  if (item.licenseUrl) return item.licenseUrl;
  if (item.rights === 'public_domain') return 'https://creativecommons.org/publicdomain/mark/1.0/';
  return undefined;
}

/** One ImageObject per size, each carrying the caption, credit and rights Google shows as image metadata. */
export function imageObjectsJsonLd(ctx: SiteContext, item: MediaItem, sizes = HERO_SIZES): JsonLd[] {
  const creator = creditedCreator(item);
  const credit = creditLine(item);
  const license = licenseOf(item);
  return legacyVariants(item)
    .slice(0, sizes)
    .map((v) => {
      const url = absoluteMediaUrl(ctx.baseUrl, v.key);
      return {
        '@type': 'ImageObject',
        url,
        contentUrl: url,
        width: v.width,
        height: v.height,
        ...(item.caption ? { caption: item.caption } : {}),
        ...(credit ? { creditText: credit } : {}),
        ...(creator ? { creator } : {}),
        ...(item.copyrightNotice ? { copyrightNotice: item.copyrightNotice } : {}),
        ...(license ? { license } : {}),
      };
    });
}
