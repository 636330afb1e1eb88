// Atom 1.0 (RFC 4287), checked in the tests against the RELAX NG schema.
import { entryOf, type FeedEntry, type FeedInput, newest, origin } from './feed-entry.js';
import { attrs, block, el, empty, XML_DECLARATION } from './xml.js';

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
