// schema.org JSON-LD for search engines: the NewsArticle of an article page, the WebSite of the home page,
// the CollectionPage of a listing and the ProfilePage of an author, all naming the same publisher.
import { creditLine, fallbackVariant, type MediaItem, mediaUrl, type Variant } from '../media/media.js';
import type { WorkType } from '../storage/schema.js';
import { absoluteUrl, type SiteContext } from '../views/site-context.js';
import { type Article, type ArticleSummary, type AuthorRef, articlePath, authorPath } from './articles.js';
import { type BodyDocument, documentText } from './render/document.js';
import { countWords } from './word-count.js';

export type JsonLd = { [property: string]: unknown };

/** A notice appended to an article after publication; a later capability supplies them. */
export interface CorrectionNotice {
  kind: 'correction' | 'clarification' | 'update';
  text: string;
  publishedAt: string;
}

/**
 * The Trust Project's NewsArticle subtypes, so a reader's tools can tell reporting from opinion. Each is
 * listed after plain NewsArticle: the subtypes are still "pending" at schema.org and Google documents only
 * NewsArticle, so the pair keeps the article eligible for its article features either way.
 */
export const NEWS_ARTICLE_TYPES: Record<WorkType, string> = {
  news: 'ReportageNewsArticle',
  analysis: 'AnalysisNewsArticle',
  opinion: 'OpinionNewsArticle',
  explainer: 'BackgroundNewsArticle',
};

/** Google's article guidelines capped headlines here for years, and some readers of the markup still cut there. */
export const MAX_HEADLINE = 110;
export const MAX_DESCRIPTION = 160;
/** How many sizes of the hero to offer: enough for the large Discover card and the small thumbnails. */
const HERO_SIZES = 3;

/** Text cut at a word boundary to at most `max` characters (code points, never half an emoji). */
export function truncateText(text: string, max: number): string {
  // Only the opening matters; a code point is at most two UTF-16 units, whitespace runs collapse to one.
  const chars = Array.from(
    text
      .slice(0, max * 8)
      .replace(/\s+/g, ' ')
      .trim(),
  );
  if (chars.length <= max) return chars.join('');
  const cut = chars.slice(0, max - 1).join('');
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${(atWord.length > max / 2 ? atWord : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}

// What the head and the JSON-LD derive from a body, worked out once per loaded body rather than once per use.
const fromBody = new WeakMap<BodyDocument, { opening?: string; words?: Map<string, number> }>();

function bodyFacts(body: BodyDocument) {
  let facts = fromBody.get(body);
  if (!facts) {
    facts = {};
    fromBody.set(body, facts);
  }
  return facts;
}

/** The dek, or the opening of the body when the article has none. */
export function articleDescription(article: Pick<Article, 'dek' | 'body'>): string {
  const dek = article.dek.trim();
  if (dek) return truncateText(dek, MAX_DESCRIPTION);
  const facts = bodyFacts(article.body);
  facts.opening ??= truncateText(documentText(article.body), MAX_DESCRIPTION);
  return facts.opening;
}

function bodyWordCount(body: BodyDocument, language: string): number {
  const facts = bodyFacts(body);
  facts.words ??= new Map();
  let words = facts.words.get(language);
  if (words === undefined) {
    words = countWords(documentText(body), language);
    facts.words.set(language, words);
  }
  return words;
}

function iso(time: string): string {
  return new Date(time).toISOString();
}

/**
 * When the article last changed, for dateModified and article:modified_time. A story edited before its
 * scheduled publication has an older modification time; a reader never saw that version, so the
 * publication time stands in and the modification never appears to predate the publication.
 */
export function articleDateModified(
  article: Pick<ArticleSummary, 'publishedAt' | 'updatedAt' | 'modifiedAt'>,
  corrections: CorrectionNotice[] = [],
): string {
  const times = [
    article.publishedAt,
    article.updatedAt ?? article.modifiedAt,
    ...corrections.map((c) => c.publishedAt),
  ]
    .map((t) => Date.parse(t))
    .filter((t) => !Number.isNaN(t));
  return new Date(Math.max(...times)).toISOString();
}

function publisherId(ctx: SiteContext): string {
  return `${ctx.baseUrl}/#publisher`;
}
function websiteId(ctx: SiteContext): string {
  return `${ctx.baseUrl}/#website`;
}
/** The site a page belongs to, named in full so a page read on its own still says whose it is. */
function websiteRef(ctx: SiteContext): JsonLd {
  return {
    '@type': 'WebSite',
    '@id': websiteId(ctx),
    name: ctx.settings.siteName,
    url: absoluteUrl(ctx, '/'),
  };
}

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
      const url = absoluteUrl(ctx, mediaUrl(v.key));
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

const POLICY_PROPERTIES = [
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
    if (publisher.policies[property]) policies[property] = publisher.policies[property];
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
            url: absoluteUrl(ctx, mediaUrl(logoVariant.key)),
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

function personJsonLd(ctx: SiteContext, author: Pick<AuthorRef, 'slug' | 'name' | 'jobTitle'>): JsonLd {
  return {
    '@type': 'Person',
    name: author.name,
    url: absoluteUrl(ctx, authorPath(author.slug)),
    ...(author.jobTitle ? { jobTitle: author.jobTitle } : {}),
  };
}

/** The headline that fits, preferring the one readers see, then the SEO one, then a shortened one. */
function fittingHeadline(article: Pick<Article, 'headline' | 'seoHeadline'>): string {
  const fits = (h: string | null): h is string => Boolean(h) && Array.from(h ?? '').length <= MAX_HEADLINE;
  if (fits(article.headline)) return article.headline;
  if (fits(article.seoHeadline)) return article.seoHeadline;
  return truncateText(article.headline, MAX_HEADLINE);
}

/**
 * The article page's NewsArticle. Corrections and clarifications become CorrectionComments; an update adds
 * news rather than admitting an error, so it moves dateModified but is not published as a correction.
 */
export function newsArticleJsonLd(
  article: Article,
  ctx: SiteContext,
  corrections: CorrectionNotice[] = [],
): JsonLd {
  const { settings } = ctx;
  const url = absoluteUrl(ctx, articlePath(article.slug));
  const headline = fittingHeadline(article);
  const alternatives = [
    ...new Set(
      [article.headline, article.seoHeadline, article.socialHeadline].filter((h): h is string => !!h),
    ),
  ].filter((h) => h !== headline);
  const description = articleDescription(article);
  const publisher = publisherJsonLd(ctx);
  const images = article.hero ? imageObjectsJsonLd(ctx, article.hero) : [];
  const corrected = corrections.filter((c) => c.kind !== 'update');
  return {
    '@context': 'https://schema.org',
    '@type': ['NewsArticle', NEWS_ARTICLE_TYPES[article.workType]],
    '@id': `${url}#article`,
    headline,
    ...(alternatives.length === 1 ? { alternativeHeadline: alternatives[0] } : {}),
    ...(alternatives.length > 1 ? { alternativeHeadline: alternatives } : {}),
    ...(description ? { description } : {}),
    url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    datePublished: iso(article.publishedAt),
    dateModified: articleDateModified(article, corrections),
    // An article without a byline is the newsroom's own work, which its noBylinesPolicy explains.
    author:
      article.authors.length > 0
        ? article.authors.map((a) => personJsonLd(ctx, a))
        : [{ '@type': 'NewsMediaOrganization', '@id': publisherId(ctx), name: settings.siteName }],
    ...(article.section ? { articleSection: article.section.name } : {}),
    ...(article.tags.length > 0 ? { keywords: article.tags.map((t) => t.name) } : {}),
    ...(article.dateline
      ? { dateline: article.dateline, locationCreated: { '@type': 'Place', name: article.dateline } }
      : {}),
    ...(images.length > 0 ? { image: images } : {}),
    inLanguage: settings.language,
    isAccessibleForFree: true,
    isPartOf: websiteRef(ctx),
    publisher,
    wordCount: bodyWordCount(article.body, settings.language),
    ...(corrected.length > 0
      ? {
          correction: corrected.map((c) => ({
            '@type': 'CorrectionComment',
            text: c.text,
            datePublished: iso(c.publishedAt),
          })),
        }
      : {}),
  };
}

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

const SCRIPT_UNSAFE: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * JSON for the inside of a <script> element. The HTML parser ends the script at the first `</script`
 * whatever the JSON means, and `<!--` changes how it scans, so every `<`, `>` and `&` is written as a JSON
 * escape; U+2028/2029 are escaped for the older JavaScript parsers that treat them as line ends.
 */
export function jsonLdScriptContent(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => SCRIPT_UNSAFE[c]!);
}
