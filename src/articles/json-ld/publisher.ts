// The newsroom in schema.org terms: the NewsMediaOrganization (with its Trust Project policies and logo)
// and the WebSite every page belongs to, named the same way on every page.
import { absoluteMediaUrl, fallbackVariant } from '../../media/media.js';
import { absoluteUrl, type SiteContext } from '../../site/site-context.js';

export type JsonLd = { [property: string]: unknown };

export function publisherId(ctx: SiteContext): string {
  return `${ctx.baseUrl}/#publisher`;
}

export function websiteId(ctx: SiteContext): string {
  return `${ctx.baseUrl}/#website`;
}

/** The site a page belongs to, named in full so a page read on its own still says whose it is. */
export function websiteRef(ctx: SiteContext): JsonLd {
  return {
    '@type': 'WebSite',
    '@id': websiteId(ctx),
    name: ctx.settings.siteName,
    url: absoluteUrl(ctx, '/'),
  };
}

const POLICY_PROPERTIES = [
  'publishingPrinciples',
  'masthead',
  'missionCoveragePrioritiesPolicy',
  'ethicsPolicy',
  'diversityPolicy',
  'correctionsPolicy',
  'verificationFactCheckingPolicy',
  'unnamedSourcesPolicy',
  'actionableFeedbackPolicy',
  'ownershipFundingInfo',
  'noBylinesPolicy',
] as const;

/**
 * The newsroom as a NewsMediaOrganization with its Trust Project policy pages. The logo is the image the
 * settings name (resolved into the site context); without one the property is left out rather than guessed.
 */
export function publisherJsonLd(ctx: SiteContext): JsonLd {
  const { settings } = ctx;
  const { publisher } = settings;
  const logoVariant = ctx.logo ? fallbackVariant(ctx.logo, 600) : undefined;
  const policies: JsonLd = {};
  for (const property of POLICY_PROPERTIES) {
    const address = publisher.policies[property];
    // A page of the site is named by its path in the settings; JSON-LD names it in full.
    if (address) policies[property] = address.startsWith('/') ? absoluteUrl(ctx, address) : address;
  }
  return {
    '@type': 'NewsMediaOrganization',
    '@id': publisherId(ctx),
    name: settings.siteName,
    url: absoluteUrl(ctx, '/'),
    ...(logoVariant
      ? {
          logo: {
            '@type': 'ImageObject',
            url: absoluteMediaUrl(ctx.baseUrl, logoVariant.key),
            width: logoVariant.width,
            height: logoVariant.height,
          },
        }
      : {}),
    ...(publisher.legalName ? { legalName: publisher.legalName } : {}),
    ...(publisher.foundingDate ? { foundingDate: publisher.foundingDate } : {}),
    ...(publisher.sameAs.length > 0 ? { sameAs: [...publisher.sameAs] } : {}),
    ...policies,
  };
}
