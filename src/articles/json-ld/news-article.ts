// The article page's NewsArticle: headline, dates, authors, section, images, word count, and its
// corrections as CorrectionComments.
import { absoluteUrl, type SiteContext } from '../../site/site-context.js';
import type { WorkType } from '../../storage/schema.js';
import {
  type Article,
  type ArticleSummary,
  type AuthorRef,
  articlePath,
  authorPath,
  type CorrectionNotice,
} from '../model.js';
import { imageObjectsJsonLd } from './image-objects.js';
import { type JsonLd, publisherId, publisherJsonLd, websiteRef } from './publisher.js';
import { articleDescription, bodyWordCount, MAX_HEADLINE, truncateText } from './text.js';

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
  corrections: Array<Pick<CorrectionNotice, 'publishedAt'>> = [],
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

export function personJsonLd(
  ctx: SiteContext,
  author: Pick<AuthorRef, 'slug' | 'name' | 'jobTitle'>,
): JsonLd {
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
  corrections: Array<Omit<CorrectionNotice, 'placement'>> = article.corrections,
): JsonLd {
  const { settings } = ctx;
  const own = absoluteUrl(ctx, articlePath(article.slug));
  // A syndicated story names the original as the page it is about, as the head's canonical link does.
  const url = article.canonicalUrl ?? own;
  const headline = fittingHeadline(article);
  const alternatives = [
    ...new Set(
      [article.headline, article.seoHeadline, article.socialHeadline].filter((h): h is string => !!h),
    ),
  ].filter((h) => h !== headline);
  const description = articleDescription(article);
  const publisher = publisherJsonLd(ctx);
  // Without a hero, the image chosen for social cards still stands for the story.
  const picture = article.hero ?? article.socialImage;
  const images = picture ? imageObjectsJsonLd(ctx, picture) : [];
  const corrected = corrections.filter((c) => c.kind !== 'update');
  return {
    '@context': 'https://schema.org',
    '@type': ['NewsArticle', NEWS_ARTICLE_TYPES[article.workType]],
    '@id': `${own}#article`,
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
