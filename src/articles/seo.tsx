// The <head> elements search engines, social networks and phones read: title, description, canonical,
// Open Graph, the Twitter card, JSON-LD, feed links and Safari's app banner, one component per page type.
import type { MediaItem } from '../media/media.js';
import { fallbackVariant, mediaUrl } from '../media/media.js';
import { smartAppBannerContent } from '../site/app-links.js';
import type { SiteSettings } from '../site/settings.js';
import { absoluteUrl, type SiteContext } from '../views/site-context.js';
import { type Article, articlePath, authorPath, sectionPath } from './articles.js';
import {
  articleDateModified,
  articleDescription,
  type CorrectionNotice,
  jsonLdScriptContent,
  newsArticleJsonLd,
} from './json-ld.js';

/**
 * Lets Google show the large image (Discover, Top stories) rather than a thumbnail. The snippet and video
 * limits stay at their defaults on purpose.
 */
const ROBOTS = 'max-image-preview:large';

/** `en-GB` → `en_GB`, the form Open Graph asks for; a bare language has no such form, so it is left out. */
export function openGraphLocale(language: string): string | null {
  const match = /^([a-z]{2,3})-([A-Za-z]{2})(?:-|$)/.exec(language);
  return match ? `${match[1]}_${match[2]!.toUpperCase()}` : null;
}

function pageTitle(title: string, settings: SiteSettings): string {
  return title === settings.siteName ? title : `${title} – ${settings.siteName}`;
}

function JsonLdScript(props: { value: object }) {
  return (
    <script
      type="application/ld+json"
      dangerouslySetInnerHTML={{ __html: jsonLdScriptContent(props.value) }}
    />
  );
}

/** The parts every page shares, so an article and a listing cannot disagree about them. */
function CommonHead(props: { ctx: SiteContext; description: string; url: string }) {
  const { ctx, description, url } = props;
  const locale = openGraphLocale(ctx.settings.language);
  const banner = smartAppBannerContent(ctx.settings, url);
  return (
    <>
      {description && <meta name="description" content={description} />}
      <link rel="canonical" href={url} />
      <meta name="robots" content={ROBOTS} />
      <meta property="og:site_name" content={ctx.settings.siteName} />
      {locale && <meta property="og:locale" content={locale} />}
      <meta property="og:url" content={url} />
      {banner && <meta name="apple-itunes-app" content={banner} />}
    </>
  );
}

/** The hero as a crawler-safe (JPEG/PNG) image with its absolute URL and size. */
function socialImage(ctx: SiteContext, hero: MediaItem | null) {
  const variant = hero ? fallbackVariant(hero) : undefined;
  if (!hero || !variant) return null;
  return {
    url: absoluteUrl(ctx, mediaUrl(variant.key)),
    type: variant.format === 'jpeg' ? 'image/jpeg' : `image/${variant.format}`,
    width: variant.width,
    height: variant.height,
    alt: hero.altText,
  };
}

export function ArticleHead(props: { article: Article; ctx: SiteContext; corrections?: CorrectionNotice[] }) {
  const { article, ctx } = props;
  const { settings } = ctx;
  const corrections = props.corrections ?? [];
  const url = absoluteUrl(ctx, articlePath(article.slug));
  const description = articleDescription(article);
  const socialTitle = article.socialHeadline ?? article.headline;
  const image = socialImage(ctx, article.hero);
  const section = article.section;
  return (
    <>
      <title>{pageTitle(article.seoHeadline ?? article.headline, settings)}</title>
      <CommonHead ctx={ctx} description={description} url={url} />
      <meta property="og:type" content="article" />
      <meta property="og:title" content={socialTitle} />
      {description && <meta property="og:description" content={description} />}
      {image && (
        <>
          <meta property="og:image" content={image.url} />
          <meta property="og:image:type" content={image.type} />
          <meta property="og:image:width" content={String(image.width)} />
          <meta property="og:image:height" content={String(image.height)} />
          {image.alt && <meta property="og:image:alt" content={image.alt} />}
        </>
      )}
      <meta property="article:published_time" content={new Date(article.publishedAt).toISOString()} />
      <meta property="article:modified_time" content={articleDateModified(article, corrections)} />
      {section && <meta property="article:section" content={section.name} />}
      {article.tags.map((t) => (
        <meta property="article:tag" content={t.name} />
      ))}
      {article.authors.map((a) => (
        <meta property="article:author" content={absoluteUrl(ctx, authorPath(a.slug))} />
      ))}
      <meta name="twitter:card" content={image ? 'summary_large_image' : 'summary'} />
      <meta name="twitter:title" content={socialTitle} />
      {description && <meta name="twitter:description" content={description} />}
      {image && <meta name="twitter:image" content={image.url} />}
      {image?.alt && <meta name="twitter:image:alt" content={image.alt} />}
      <link rel="alternate" type="application/rss+xml" title={settings.siteName} href="/feed.xml" />
      {section && (
        <link
          rel="alternate"
          type="application/rss+xml"
          title={`${settings.siteName}: ${section.name}`}
          href={`${sectionPath(section.slug)}/feed.xml`}
        />
      )}
      <JsonLdScript value={newsArticleJsonLd(article, ctx, corrections)} />
    </>
  );
}

export interface FeedPaths {
  rss: string;
  atom: string;
  json: string;
}

const FEED_TYPES: Array<[keyof FeedPaths, string, string]> = [
  ['rss', 'application/rss+xml', 'RSS'],
  ['atom', 'application/atom+xml', 'Atom'],
  ['json', 'application/feed+json', 'JSON Feed'],
];

/** The head of the home page and of section, tag and author archives. */
export function ListingHead(props: {
  ctx: SiteContext;
  title: string;
  description: string;
  /** The page's own path, with its page number. */
  path: string;
  feeds?: FeedPaths;
  /** What a feed reader calls the feeds; the page title by default, which on page 2 names the page. */
  feedTitle?: string;
  jsonLd: object;
  prev?: string;
  next?: string;
}) {
  const { ctx } = props;
  const { settings } = ctx;
  const url = absoluteUrl(ctx, props.path);
  const title = pageTitle(props.title, settings);
  const description = props.description.trim();
  const feedTitle = props.feedTitle ? pageTitle(props.feedTitle, settings) : title;
  return (
    <>
      <title>{title}</title>
      <CommonHead ctx={ctx} description={description} url={url} />
      <meta property="og:type" content="website" />
      <meta property="og:title" content={title} />
      {description && <meta property="og:description" content={description} />}
      <meta name="twitter:card" content="summary" />
      {props.prev && <link rel="prev" href={absoluteUrl(ctx, props.prev)} />}
      {props.next && <link rel="next" href={absoluteUrl(ctx, props.next)} />}
      {props.feeds &&
        FEED_TYPES.map(([key, type, label]) => (
          <link rel="alternate" type={type} title={`${feedTitle} (${label})`} href={props.feeds![key]} />
        ))}
      <JsonLdScript value={props.jsonLd} />
    </>
  );
}
