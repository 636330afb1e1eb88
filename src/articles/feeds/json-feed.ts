// JSON Feed 1.1, checked in the tests against its JSON schema.
import { withoutNonXmlChars } from '../../views/escape.js';
import { entryOf, type FeedInput, origin } from './feed-entry.js';

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
