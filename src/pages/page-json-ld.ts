// A static page in schema.org terms: a WebPage (an About page an AboutPage, a contact page a ContactPage) of
// the site, published by the newsroom, so the policy pages the publisher's JSON-LD points at say whose they are.
import { type JsonLd, publisherJsonLd, websiteRef } from '../articles/json-ld/publisher.js';
import { absoluteUrl, type SiteContext } from '../site/site-context.js';
import { pagePath } from './page-path.js';
import type { PublishedPage } from './page-query.js';

function pageType(slug: string): string {
  if (/^about(-us)?$/.test(slug)) return 'AboutPage';
  if (/^contact(-us)?$/.test(slug)) return 'ContactPage';
  return 'WebPage';
}

export function pageJsonLd(ctx: SiteContext, page: PublishedPage): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': pageType(page.slug),
    '@id': absoluteUrl(ctx, pagePath(page.slug)),
    url: absoluteUrl(ctx, pagePath(page.slug)),
    name: page.title,
    ...(page.description ? { description: page.description } : {}),
    inLanguage: ctx.settings.language,
    datePublished: page.publishedAt,
    dateModified: page.updatedAt,
    isPartOf: websiteRef(ctx),
    publisher: publisherJsonLd(ctx),
  };
}
