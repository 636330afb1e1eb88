// One article as every feed format describes it: absolute addresses, the body as HTML with absolute image
// addresses, the hero as a crawler-safe image. The formats (rss.ts, atom.ts, json-feed.ts) only write it down.
import { absoluteMediaUrl, fallbackVariant, type MediaItem, type Variant } from '../../media/media.js';
import { sectionPath } from '../../site/sections.js';
import { articleDescription } from '../json-ld/text.js';
import { type Article, articlePath, authorPath, lastChanged, tagPath } from '../model.js';
import { absoluteBodyHtml } from '../render/absolute-html.js';

export interface FeedInput {
  title: string;
  description: string;
  /** BCP 47 tag, e.g. en or en-GB. */
  language: string;
  /** Absolute URL of the page this feed mirrors (the home page, a section, a tag). */
  homePageUrl: string;
  /** Absolute URLs the three feeds are served at; each feed names itself, as RSS and Atom readers expect. */
  selfUrls: { rss: string; atom: string; json: string };
  /** The site's origin, e.g. https://news.example; article, author and media paths are appended to it. */
  baseUrl: string;
  items: Article[];
  /** Stands in for the newest change when there are no items. */
  now: Date;
  generatorName?: string;
}

export const MIME_TYPES: Record<Variant['format'], string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
};

export interface FeedImage {
  url: string;
  type: string;
  width: number;
  height: number;
  item: MediaItem;
}

export interface FeedEntry {
  url: string;
  title: string;
  summary: string;
  html: string;
  published: Date;
  updated: Date;
  authors: Array<{ name: string; url: string }>;
  section: { name: string; slug: string; url: string } | null;
  tags: Array<{ name: string; slug: string; url: string }>;
  image: FeedImage | null;
}

export function origin(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

function heroImage(hero: MediaItem | null, base: string): FeedImage | null {
  // Feed readers are the clients least likely to understand AVIF or WebP, hence the legacy variant.
  const variant = hero ? fallbackVariant(hero) : undefined;
  if (!hero || !variant) return null;
  const { width, height } = variant;
  return {
    url: absoluteMediaUrl(base, variant.key),
    type: MIME_TYPES[variant.format],
    width,
    height,
    item: hero,
  };
}

export function entryOf(article: Article, base: string): FeedEntry {
  const published = new Date(article.publishedAt);
  return {
    url: base + articlePath(article.slug),
    title: article.headline,
    // The same words search results show: the dek, or the body's opening for a story that has none.
    summary: articleDescription(article),
    html: absoluteBodyHtml(article.body, article.media, base),
    published,
    // Only an editor's declared update counts: a typo fix must not push the story back up every reader.
    updated: article.updatedAt ? new Date(article.updatedAt) : published,
    authors: article.authors.map((a) => ({ name: a.name, url: base + authorPath(a.slug) })),
    section: article.section && { ...article.section, url: base + sectionPath(article.section.slug) },
    tags: article.tags.map((t) => ({ name: t.name, slug: t.slug, url: base + tagPath(t.slug) })),
    image: heroImage(article.hero, base),
  };
}

export function newest(input: FeedInput): Date {
  const changed = lastChanged(input.items);
  return changed ? new Date(changed) : input.now;
}
