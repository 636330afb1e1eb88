// RSS 2.0 with the content, Dublin Core and Media RSS extensions readers expect of a news site.
import { creditLine } from '../../media/media.js';
import { httpDate } from '../../views/dates.js';
import { entryOf, type FeedEntry, type FeedImage, type FeedInput, newest, origin } from './feed-entry.js';
import { type Attrs, attrs, block, el, empty, XML_DECLARATION } from './xml.js';

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
