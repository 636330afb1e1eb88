// Sitemaps (sitemaps.org 0.9 with Google's image and news extensions) and robots.txt, as pure functions:
// the caller picks the URLs and the time window, these only write them down correctly.
import { escapeXml } from '../../views/escape.js';
import { type ArticleSummary, articlePath } from '../model.js';

export interface SitemapRef {
  loc: string;
  lastmod?: string;
}

export interface SitemapImage {
  loc: string;
  caption?: string;
}

export interface SitemapUrl {
  loc: string;
  lastmod?: string;
  images?: SitemapImage[];
}

export interface NewsSitemapOptions {
  baseUrl: string;
  /** Must match the name Google News shows for the publication. */
  publicationName: string;
  /** The site's BCP 47 tag; reduced to what the news schema accepts. */
  language: string;
}

// The protocol's limits: a longer file is ignored by crawlers, so the caller must split, not us truncate.
export const MAX_URLS_PER_SITEMAP = 50_000;
const MAX_IMAGES_PER_URL = 1_000;

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const IMAGE_NS = 'http://www.google.com/schemas/sitemap-image/1.1';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** W3C Datetime as the schemas want it: a bare date stays a date, anything else becomes UTC with a zone. */
// Storage's own form (ISO-8601 in UTC with milliseconds) is already a W3C datetime: no need to parse it.
const STORED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function w3cDate(value: string): string {
  if (STORED_TIME.test(value) || /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return new Date(value).toISOString();
}

function checkCount(count: number): void {
  if (count > MAX_URLS_PER_SITEMAP) {
    throw new RangeError(
      `A sitemap holds at most ${MAX_URLS_PER_SITEMAP} URLs; split these ${count} across files.`,
    );
  }
}

const tag = (name: string, text: string) => `<${name}>${escapeXml(text)}</${name}>`;

export function sitemapIndex(sitemaps: SitemapRef[]): string {
  checkCount(sitemaps.length);
  const entries = sitemaps.map(
    (s) => `<sitemap>${tag('loc', s.loc)}${s.lastmod ? tag('lastmod', w3cDate(s.lastmod)) : ''}</sitemap>`,
  );
  return [XML_DECLARATION, `<sitemapindex xmlns="${SITEMAP_NS}">`, ...entries, '</sitemapindex>', ''].join(
    '\n',
  );
}

function imageEntry(image: SitemapImage): string {
  const caption = image.caption ? tag('image:caption', image.caption) : '';
  return `<image:image>${tag('image:loc', image.loc)}${caption}</image:image>`;
}

/** One <url> of a urlset, for writing a long sitemap entry by entry. */
export function urlEntry(e: SitemapUrl): string {
  const lastmod = e.lastmod ? tag('lastmod', w3cDate(e.lastmod)) : '';
  const images = (e.images ?? []).slice(0, MAX_IMAGES_PER_URL).map(imageEntry).join('');
  return `<url>${tag('loc', e.loc)}${lastmod}${images}</url>`;
}

export const URLSET_START = `${XML_DECLARATION}\n<urlset xmlns="${SITEMAP_NS}" xmlns:image="${IMAGE_NS}">\n`;
export const URLSET_END = '</urlset>\n';

export function urlSet(entries: SitemapUrl[]): string {
  checkCount(entries.length);
  return URLSET_START + entries.map((e) => `${urlEntry(e)}\n`).join('') + URLSET_END;
}

/**
 * The news schema takes an ISO 639 code, or zh-cn / zh-tw for Chinese, where the site setting is a full
 * BCP 47 tag such as en-GB or zh-Hant-TW.
 */
export function newsLanguage(bcp47: string): string {
  const [primary = '', ...rest] = bcp47.toLowerCase().split('-');
  if (primary === 'zh') {
    if (rest.includes('hant') || rest.includes('tw') || rest.includes('hk') || rest.includes('mo'))
      return 'zh-tw';
    return 'zh-cn';
  }
  return primary;
}

/**
 * A Google News sitemap; the caller passes only the articles of the last two days, as Google asks. With none,
 * the urlset is empty: sitemap.xsd wants at least one <url>, but crawlers read it as "nothing new".
 */
export function newsSitemap(items: ArticleSummary[], options: NewsSitemapOptions): string {
  checkCount(items.length);
  const base = options.baseUrl.replace(/\/+$/, '');
  const publication =
    `<news:publication>${tag('news:name', options.publicationName)}` +
    `${tag('news:language', newsLanguage(options.language))}</news:publication>`;
  // The XSD is a sequence: publication, publication_date, title, in that order, or the file is invalid.
  const urls = items.map((a) => {
    const date = tag('news:publication_date', w3cDate(a.publishedAt));
    const news = `<news:news>${publication}${date}${tag('news:title', a.headline)}</news:news>`;
    return `<url>${tag('loc', base + articlePath(a.slug))}${news}</url>`;
  });
  return [
    XML_DECLARATION,
    `<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}">`,
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}

/** Everything a reader can see is open to crawlers; the newsroom and the machine endpoints are not. */
export function robotsTxt(baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  return [
    'User-agent: *',
    'Disallow: /admin',
    'Disallow: /api/',
    'Allow: /',
    '',
    `Sitemap: ${base}/sitemap.xml`,
    `Sitemap: ${base}/sitemap-news.xml`,
    '',
  ].join('\n');
}
