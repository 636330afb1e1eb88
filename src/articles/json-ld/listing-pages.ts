// The JSON-LD of pages that list stories: the home page's WebSite, a section's or tag's CollectionPage,
// an author's ProfilePage.
import type { MediaItem } from '../../media/media.js';
import { absoluteUrl, type SiteContext } from '../../site/site-context.js';
import { type ArticleSummary, type AuthorRef, articlePath, authorPath } from '../model.js';
import { imageObjectsJsonLd } from './image-objects.js';
import { personJsonLd } from './news-article.js';
import { type JsonLd, publisherJsonLd, websiteId, websiteRef } from './publisher.js';

/** The home page: the site itself, so search engines show its name rather than its domain. */
export function websiteJsonLd(ctx: SiteContext): JsonLd {
  const { settings } = ctx;
  const description = settings.description || settings.tagline;
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    '@id': websiteId(ctx),
    name: settings.siteName,
    url: absoluteUrl(ctx, '/'),
    ...(description ? { description } : {}),
    inLanguage: settings.language,
    publisher: publisherJsonLd(ctx),
  };
}

function itemListJsonLd(ctx: SiteContext, items: Array<Pick<ArticleSummary, 'slug'>>): JsonLd {
  return {
    '@type': 'ItemList',
    numberOfItems: items.length,
    itemListElement: items.map((a, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      url: absoluteUrl(ctx, articlePath(a.slug)),
    })),
  };
}

/** A section or tag archive: the page, and the list of stories it shows as its main entity. */
export function collectionPageJsonLd(
  ctx: SiteContext,
  listing: { name: string; path: string; description?: string; items: Array<Pick<ArticleSummary, 'slug'>> },
): JsonLd {
  const url = absoluteUrl(ctx, listing.path);
  return {
    '@context': 'https://schema.org',
    '@type': 'CollectionPage',
    '@id': url,
    name: listing.name,
    url,
    ...(listing.description ? { description: listing.description } : {}),
    inLanguage: ctx.settings.language,
    isPartOf: websiteRef(ctx),
    mainEntity: itemListJsonLd(ctx, listing.items),
  };
}

/**
 * An author's page: a ProfilePage whose main entity is the person. Their stories on this page are its
 * significant links; the archive itself is not the person, so it does not go into mainEntity.
 */
export function profilePageJsonLd(
  ctx: SiteContext,
  author: AuthorRef & { expertise?: string },
  items: Array<Pick<ArticleSummary, 'slug'>>,
  photo?: MediaItem | null,
): JsonLd {
  const url = absoluteUrl(ctx, authorPath(author.slug));
  const image = photo ? imageObjectsJsonLd(ctx, photo, 1)[0] : undefined;
  return {
    '@context': 'https://schema.org',
    '@type': 'ProfilePage',
    '@id': url,
    url,
    name: author.name,
    inLanguage: ctx.settings.language,
    isPartOf: websiteRef(ctx),
    mainEntity: {
      ...personJsonLd(ctx, author),
      ...(author.bio ? { description: author.bio } : {}),
      ...(author.expertise ? { knowsAbout: author.expertise } : {}),
      ...(image ? { image } : {}),
    },
    ...(items.length > 0 ? { significantLink: items.map((a) => absoluteUrl(ctx, articlePath(a.slug))) } : {}),
  };
}
