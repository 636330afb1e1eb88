// RSS 2.0, Atom 1.0 and JSON Feed 1.1 documents for a list of articles: pure functions of their input,
// so the same articles always make the same bytes and the clock comes in from the caller.
import { renderToString } from 'preact-render-to-string';
import { creditLine, fallbackVariant, type MediaItem, mediaUrl, type Variant } from '../media/media.js';
import { httpDate } from '../views/dates.js';
import { type Article, articlePath, authorPath, lastChanged, sectionPath, tagPath } from './articles.js';
import { articleDescription } from './json-ld.js';
import { BodyBlocks } from './render/body.js';

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

// XML 1.0 allows tab, LF, CR and everything from U+0020 except surrogates and U+FFFE/U+FFFF; one stray
// control character from a paste would otherwise make every reader reject the whole feed.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/gu;
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text safe for XML element content and for attribute values in either quote style. */
export function escapeXml(value: string): string {
  return withoutNonXmlChars(value).replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!);
}

/** The same text in every format: JSON could carry a U+0001, but no reader wants one. */
function withoutNonXmlChars(value: string): string {
  return value.replace(NOT_XML_CHAR, '');
}

const MIME_TYPES: Record<Variant['format'], string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
};

interface FeedImage {
  url: string;
  type: string;
  width: number;
  height: number;
  item: MediaItem;
}

interface FeedEntry {
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

function origin(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

function heroImage(hero: MediaItem | null, base: string): FeedImage | null {
  // Feed readers are the clients least likely to understand AVIF or WebP, hence the legacy variant.
  const variant = hero ? fallbackVariant(hero) : undefined;
  if (!hero || !variant) return null;
  const { width, height } = variant;
  return { url: base + mediaUrl(variant.key), type: MIME_TYPES[variant.format], width, height, item: hero };
}

// <picture> writes site-relative media URLs, and a feed is read away from the site; only the img and
// source tags this renderer produced are touched, and their attribute values are already escaped.
function absoluteMedia(html: string, base: string): string {
  return html.replace(/<(?:img|source)\b[^>]*>/g, (tag) =>
    tag
      .replace(/\ssrc="(\/(?!\/)[^"]*)"/g, (_m, path: string) => ` src="${base}${path}"`)
      .replace(/\ssrcset="([^"]*)"/g, (_m, set: string) => {
        const absolute = set.replace(
          /(^|,\s*)(\/(?!\/))/g,
          (_s, sep: string, slash: string) => sep + base + slash,
        );
        return ` srcset="${absolute}"`;
      }),
  );
}

function entryOf(article: Article, base: string): FeedEntry {
  const body = renderToString(
    <BodyBlocks blocks={article.body.content} ctx={{ media: article.media, absoluteBase: base }} />,
  );
  const published = new Date(article.publishedAt);
  return {
    url: base + articlePath(article.slug),
    title: article.headline,
    // The same words search results show: the dek, or the body's opening for a story that has none.
    summary: articleDescription(article),
    html: absoluteMedia(body, base),
    published,
    // Only an editor's declared update counts: a typo fix must not push the story back up every reader.
    updated: article.updatedAt ? new Date(article.updatedAt) : published,
    authors: article.authors.map((a) => ({ name: a.name, url: base + authorPath(a.slug) })),
    section: article.section && { ...article.section, url: base + sectionPath(article.section.slug) },
    tags: article.tags.map((t) => ({ name: t.name, slug: t.slug, url: base + tagPath(t.slug) })),
    image: heroImage(article.hero, base),
  };
}

function newest(input: FeedInput): Date {
  const changed = lastChanged(input.items);
  return changed ? new Date(changed) : input.now;
}

type Attrs = Record<string, string | number>;
const attrs = (list: Attrs) =>
  Object.entries(list)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');
const el = (name: string, text: string, list: Attrs = {}) =>
  `<${name}${attrs(list)}>${escapeXml(text)}</${name}>`;
const empty = (name: string, list: Attrs) => `<${name}${attrs(list)}/>`;
const block = (name: string, lines: string[]) =>
  `<${name}>\n${lines.map((l) => `  ${l}`).join('\n')}\n</${name}>`;

function mediaContent({ url, type, width, height, item }: FeedImage): string {
  const description = item.altText || item.caption;
  const details = [
    ...(description ? [el('media:description', description, { type: 'plain' })] : []),
    ...(creditLine(item) ? [el('media:credit', creditLine(item))] : []),
  ];
  const image = attrs({ url, medium: 'image', type, width, height });
  return `<media:content${image}>${details.join('')}</media:content>`;
}

function rssItem(e: FeedEntry): string {
  return block('item', [
    el('title', e.title),
    el('link', e.url),
    el('guid', e.url, { isPermaLink: 'true' }),
    el('pubDate', httpDate(e.published.toISOString())),
    el('dcterms:modified', e.updated.toISOString()),
    // RSS's own <author> must be an e-mail address; Dublin Core's creator is the name readers show.
    ...e.authors.map((a) => el('dc:creator', a.name)),
    ...(e.section ? [el('category', e.section.name, { domain: e.section.url })] : []),
    ...e.tags.map((t) => el('category', t.name, { domain: t.url })),
    el('description', e.summary),
    el('content:encoded', e.html),
    // media:content rather than <enclosure>, which demands a byte length we do not know.
    ...(e.image ? [mediaContent(e.image)] : []),
  ]);
}

const RSS_NAMESPACES: Attrs = {
  'xmlns:atom': 'http://www.w3.org/2005/Atom',
  'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
  'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
  'xmlns:dcterms': 'http://purl.org/dc/terms/',
  'xmlns:media': 'http://search.yahoo.com/mrss/',
};

export function rssFeed(input: FeedInput): string {
  const base = origin(input.baseUrl);
  const channel = block('channel', [
    el('title', input.title),
    el('link', input.homePageUrl),
    // The element is required and readers show it; an empty one reads as a broken feed.
    el('description', input.description || input.title),
    el('language', input.language),
    el('lastBuildDate', httpDate(newest(input).toISOString())),
    ...(input.generatorName ? [el('generator', input.generatorName)] : []),
    el('docs', 'https://www.rssboard.org/rss-specification'),
    empty('atom:link', { href: input.selfUrls.rss, rel: 'self', type: 'application/rss+xml' }),
    ...input.items.map((a) => rssItem(entryOf(a, base))),
  ]);
  return `${XML_DECLARATION}\n<rss${attrs({ version: '2.0', ...RSS_NAMESPACES })}>\n${channel}\n</rss>\n`;
}

function atomEntry(e: FeedEntry): string {
  const category = (c: { slug: string; name: string; url: string }) =>
    empty('category', { term: c.slug, label: c.name, scheme: c.url });
  return block('entry', [
    el('title', e.title, { type: 'text' }),
    empty('link', { rel: 'alternate', type: 'text/html', href: e.url }),
    el('id', e.url),
    el('published', e.published.toISOString()),
    el('updated', e.updated.toISOString()),
    ...e.authors.map((a) => `<author>${el('name', a.name)}${el('uri', a.url)}</author>`),
    ...(e.section ? [category(e.section)] : []),
    ...e.tags.map(category),
    el('summary', e.summary, { type: 'text' }),
    el('content', e.html, { type: 'html' }),
    ...(e.image ? [empty('link', { rel: 'enclosure', type: e.image.type, href: e.image.url })] : []),
  ]);
}

export function atomFeed(input: FeedInput): string {
  const base = origin(input.baseUrl);
  const feed = [
    // The feed's own address is its identity: a section feed and the front page feed share a home page.
    el('id', input.selfUrls.atom),
    el('title', input.title, { type: 'text' }),
    ...(input.description ? [el('subtitle', input.description, { type: 'text' })] : []),
    el('updated', newest(input).toISOString()),
    empty('link', { rel: 'self', type: 'application/atom+xml', href: input.selfUrls.atom }),
    empty('link', { rel: 'alternate', type: 'text/html', href: input.homePageUrl }),
    // Atom requires an author for every entry; the publication stands in for stories without a byline.
    `<author>${el('name', input.title)}${el('uri', input.homePageUrl)}</author>`,
    ...(input.generatorName ? [el('generator', input.generatorName)] : []),
    ...input.items.map((a) => atomEntry(entryOf(a, base))),
  ];
  const root = attrs({ xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': input.language });
  return `${XML_DECLARATION}\n<feed${root}>\n${feed.join('\n')}\n</feed>\n`;
}

export function jsonFeed(input: FeedInput): string {
  const base = origin(input.baseUrl);
  const items = input.items.map((a) => {
    const e = entryOf(a, base);
    return {
      id: e.url,
      url: e.url,
      title: e.title,
      summary: e.summary,
      content_html: e.html,
      ...(e.image ? { image: e.image.url } : {}),
      date_published: e.published.toISOString(),
      date_modified: e.updated.toISOString(),
      authors: e.authors,
      tags: [...(e.section ? [e.section.name] : []), ...e.tags.map((t) => t.name)],
      language: input.language,
    };
  });
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: input.title,
    home_page_url: input.homePageUrl,
    feed_url: input.selfUrls.json,
    ...(input.description ? { description: input.description } : {}),
    language: input.language,
    authors: [{ name: input.title, url: input.homePageUrl }],
    items,
  };
  const clean = (_key: string, value: unknown) =>
    typeof value === 'string' ? withoutNonXmlChars(value) : value;
  return `${JSON.stringify(feed, clean, 2)}\n`;
}
