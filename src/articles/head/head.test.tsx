// What crawlers, link previews and Safari read from our <head>: each tag once, absolute URLs, the right
// headline in the right place, and JSON-LD that survives a hostile headline.
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import {
  checkNewsArticleCompleteness,
  extractJsonLd,
  validateJsonLd,
} from '../../../test/support/schemaorg.js';
import { testSiteContext } from '../../../test/support/site-context.js';
import type { MediaItem } from '../../media/media.js';
import { type SiteSettings, siteSettingsSchema } from '../../site/settings.js';
import type { SiteContext } from '../../site/site-context.js';
import { collectionPageJsonLd, websiteJsonLd } from '../json-ld/listing-pages.js';
import type { Article } from '../model.js';
import { ArticleHead } from './article-head.js';
import { openGraphLocale } from './common-head.js';
import { ListingHead } from './listing-head.js';

const HOSTILE = '</title></script><script>alert(1)</script> & "Kharkiv"';

function context(settings: Record<string, unknown> = {}): SiteContext {
  return testSiteContext({
    settings: siteSettingsSchema.parse({ siteName: 'The Ledger', language: 'en-GB', ...settings }),
  });
}

const hero: MediaItem = {
  id: 3,
  originalKey: 'h/original.jpg',
  mimeType: 'image/jpeg',
  width: 2400,
  height: 1600,
  altText: 'A tram on a snowy street',
  caption: 'Kharkiv in winter.',
  creditPerson: 'Ann Photographer',
  creditOrganization: 'Agency',
  rights: 'agency',
  licenseUrl: null,
  licenseExpiresAt: null,
  copyrightNotice: null,
  variants: [
    { format: 'webp', width: 1600, height: 1067, key: 'h/1600.webp' },
    { format: 'jpeg', width: 800, height: 533, key: 'h/800.jpg' },
    { format: 'jpeg', width: 1600, height: 1067, key: 'h/1600.jpg' },
    { format: 'jpeg', width: 2400, height: 1600, key: 'h/2400.jpg' },
  ],
};

const LONG_BODY =
  'Trams still run in Kharkiv. Every morning the drivers check which lines were hit overnight, and ' +
  'the dispatchers redraw the routes on paper, because the screens go dark whenever the power does, ' +
  'which is often.';

function article(overrides: Partial<Article> = {}): Article {
  return {
    metaDescription: null,
    canonicalUrl: null,
    noindex: false,
    socialDescription: null,
    socialImage: null,
    id: 1,
    slug: 'trams',
    headline: HOSTILE,
    socialHeadline: 'The trams of Kharkiv keep running',
    seoHeadline: 'Kharkiv trams keep running under fire',
    dek: 'How a city keeps moving.',
    workType: 'explainer',
    section: { id: 2, slug: 'city', name: 'City', description: '' },
    hero,
    authors: [{ id: 4, slug: 'olena-k', name: 'Olena K', jobTitle: 'Reporter', bio: '', photoMediaId: null }],
    publishedAt: '2026-11-20T10:00:00.000Z',
    updatedAt: null,
    modifiedAt: '2026-11-19T08:00:00.000Z',
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: LONG_BODY }] }] },
    tags: [
      { id: 1, slug: 'transport', name: 'Transport' },
      { id: 2, slug: 'winter', name: 'Winter' },
    ],
    dateline: null,
    media: new Map(),
    version: 1,
    corrections: [],
    ...overrides,
  };
}

function decode(text: string): string {
  return text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

interface Head {
  html: string;
  title: string | null;
  /** meta name/property → every content given for it, in order. */
  meta: Map<string, string[]>;
  links: Array<Record<string, string>>;
}

function parseHead(html: string): Head {
  const meta = new Map<string, string[]>();
  for (const m of html.matchAll(/<meta (?:name|property)="([^"]+)" content="([^"]*)"\/>/g)) {
    meta.set(m[1]!, [...(meta.get(m[1]!) ?? []), decode(m[2]!)]);
  }
  const links = [...html.matchAll(/<link ([^>]*?)\/>/g)].map((m) =>
    Object.fromEntries([...m[1]!.matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1]!, decode(a[2]!)])),
  );
  const title = /<title>([\s\S]*?)<\/title>/.exec(html)?.[1];
  return { html, title: title === undefined ? null : decode(title), meta, links };
}

function one(head: Head, key: string): string | undefined {
  const values = head.meta.get(key);
  if (values === undefined) return undefined;
  expect(values, key).toHaveLength(1);
  return values[0];
}

const articleHead = (a: Article, ctx = context()) =>
  parseHead(renderToString(<ArticleHead article={a} ctx={ctx} />));

describe('ArticleHead', () => {
  it('gives the SEO headline to the title and the social one to previews, escaped', () => {
    const head = articleHead(article());
    expect(head.title).toBe('Kharkiv trams keep running under fire – The Ledger');
    expect(one(head, 'og:title')).toBe('The trams of Kharkiv keep running');
    expect(one(head, 'twitter:title')).toBe('The trams of Kharkiv keep running');
    const plain = articleHead(article({ seoHeadline: null, socialHeadline: null }));
    expect(plain.title).toBe(`${HOSTILE} – The Ledger`);
    expect(one(plain, 'og:title')).toBe(HOSTILE);
    // The headline's markup stays text: one script element (the JSON-LD), one title.
    expect(plain.html.match(/<script/g)).toHaveLength(1);
    expect(plain.html.match(/<\/title>/g)).toHaveLength(1);
  });

  it('emits every tag once, except the ones Open Graph repeats', () => {
    const head = articleHead(article(), context({ app: { iosAppStoreId: '123456789' } }));
    const repeated = [...head.meta].filter(([, v]) => v.length > 1).map(([k]) => k);
    expect(repeated.sort()).toEqual(['article:tag']);
    const rels = head.links.map((l) => `${l.rel} ${l.href}`);
    expect(new Set(rels).size).toBe(rels.length);
    expect([...head.meta.keys()].sort()).toEqual(
      [
        'apple-itunes-app',
        'article:author',
        'article:modified_time',
        'article:published_time',
        'article:section',
        'article:tag',
        'description',
        'og:description',
        'og:image',
        'og:image:alt',
        'og:image:height',
        'og:image:type',
        'og:image:width',
        'og:locale',
        'og:site_name',
        'og:title',
        'og:type',
        'og:url',
        'robots',
        'twitter:card',
        'twitter:description',
        'twitter:image',
        'twitter:image:alt',
        'twitter:title',
      ].sort(),
    );
  });

  it('points crawlers at the absolute canonical URL and lets them show a large image', () => {
    const head = articleHead(article());
    const canonical = head.links.filter((l) => l.rel === 'canonical');
    expect(canonical).toEqual([{ rel: 'canonical', href: 'https://news.example.org/articles/trams' }]);
    expect(one(head, 'og:url')).toBe('https://news.example.org/articles/trams');
    expect(one(head, 'robots')).toBe('max-image-preview:large');
    expect(one(head, 'og:type')).toBe('article');
    expect(one(head, 'og:site_name')).toBe('The Ledger');
    expect(one(head, 'og:locale')).toBe('en_GB');
  });

  it('shares the largest JPEG up to 1600 pixels, with its size and alt text', () => {
    const head = articleHead(article());
    expect(one(head, 'og:image')).toBe('https://news.example.org/media/h/1600.jpg');
    expect(one(head, 'og:image:type')).toBe('image/jpeg');
    expect(one(head, 'og:image:width')).toBe('1600');
    expect(one(head, 'og:image:height')).toBe('1067');
    expect(one(head, 'og:image:alt')).toBe('A tram on a snowy street');
    expect(one(head, 'twitter:card')).toBe('summary_large_image');
    expect(one(head, 'twitter:image')).toBe('https://news.example.org/media/h/1600.jpg');
    expect(one(head, 'twitter:image:alt')).toBe('A tram on a snowy street');
  });

  it('falls back to a small card without an image', () => {
    const head = articleHead(article({ hero: null }));
    expect(one(head, 'twitter:card')).toBe('summary');
    expect(head.meta.has('og:image')).toBe(false);
    expect(head.meta.has('twitter:image')).toBe(false);
  });

  it('describes the article by its dek, or by the opening of its body', () => {
    expect(one(articleHead(article()), 'description')).toBe('How a city keeps moving.');
    const head = articleHead(article({ dek: '' }));
    const description = one(head, 'description')!;
    expect(Array.from(description).length).toBeLessThanOrEqual(160);
    expect(description).toMatch(/^Trams still run in Kharkiv\. Every morning .*\w…$/);
    expect(LONG_BODY.startsWith(description.slice(0, -1))).toBe(true);
    expect(one(head, 'og:description')).toBe(description);
    expect(one(head, 'twitter:description')).toBe(description);
  });

  it('dates, files and credits the article for Open Graph', () => {
    const head = articleHead(article());
    expect(one(head, 'article:published_time')).toBe('2026-11-20T10:00:00.000Z');
    // Edited the day before its scheduled publication: never modified before it was published.
    expect(one(head, 'article:modified_time')).toBe('2026-11-20T10:00:00.000Z');
    expect(one(head, 'article:section')).toBe('City');
    expect(head.meta.get('article:tag')).toEqual(['Transport', 'Winter']);
    expect(head.meta.get('article:author')).toEqual(['https://news.example.org/authors/olena-k']);
    const updated = articleHead(article({ updatedAt: '2026-11-21T12:00:00+02:00' }));
    expect(one(updated, 'article:modified_time')).toBe('2026-11-21T10:00:00.000Z');
  });

  it('carries a NewsArticle that parses back to the hostile headline and passes the checks', () => {
    const head = articleHead(article({ seoHeadline: null }));
    const ld = extractJsonLd(head.html);
    expect(ld).toHaveLength(1);
    const value = ld[0]!.value as Record<string, unknown>;
    expect(value.headline).toBe(HOSTILE);
    expect(value['@type']).toEqual(['NewsArticle', 'BackgroundNewsArticle']);
    expect(validateJsonLd(value)).toEqual([]);
    expect(checkNewsArticleCompleteness(value as never)).toEqual({ errors: [], warnings: [] });
  });

  it('uses a written description, a syndicated original as canonical, and noindex, in the head and the JSON-LD', () => {
    const original = 'https://wire.example.com/2026/11/trams?ref=share';
    const head = articleHead(
      article({
        metaDescription: '  Kharkiv’s trams run through the war: how the dispatchers do it.  ',
        canonicalUrl: original,
        noindex: true,
      }),
    );
    const description = 'Kharkiv’s trams run through the war: how the dispatchers do it.';
    expect(one(head, 'description')).toBe(description);
    expect(one(head, 'og:description')).toBe(description);
    expect(one(head, 'twitter:description')).toBe(description);
    expect(head.links.filter((l) => l.rel === 'canonical')).toEqual([{ rel: 'canonical', href: original }]);
    // Open Graph names the page shared, which is still this one.
    expect(one(head, 'og:url')).toBe('https://news.example.org/articles/trams');
    expect(one(head, 'robots')).toBe('noindex');
    const value = extractJsonLd(head.html)[0]!.value as Record<string, unknown>;
    expect(value.description).toBe(description);
    expect(value.url).toBe(original);
    expect(value.mainEntityOfPage).toEqual({ '@type': 'WebPage', '@id': original });
    expect(value['@id']).toBe('https://news.example.org/articles/trams#article');
    expect(validateJsonLd(value)).toEqual([]);
    expect(checkNewsArticleCompleteness(value as never).errors).toEqual([]);

    // Without them: the dek, its own address, and indexable.
    const plain = articleHead(article());
    expect(one(plain, 'robots')).toBe('max-image-preview:large');
    const plainLd = extractJsonLd(plain.html)[0]!.value as Record<string, unknown>;
    expect(plainLd.url).toBe('https://news.example.org/articles/trams');
    expect(plainLd.description).toBe('How a city keeps moving.');
    expect(validateJsonLd(plainLd)).toEqual([]);
  });

  it('cuts a long written description at a word, as search results do', () => {
    const long = `${'Word '.repeat(60)}end.`;
    const description = one(articleHead(article({ metaDescription: long })), 'description')!;
    expect(Array.from(description).length).toBeLessThanOrEqual(160);
    expect(description.endsWith('Word…')).toBe(true);
  });

  it('links the site feed and the section feed', () => {
    const feeds = articleHead(article()).links.filter((l) => l.rel === 'alternate');
    expect(feeds).toEqual([
      { rel: 'alternate', type: 'application/rss+xml', title: 'The Ledger', href: '/feed.xml' },
      {
        rel: 'alternate',
        type: 'application/rss+xml',
        title: 'The Ledger: City',
        href: '/sections/city/feed.xml',
      },
    ]);
  });

  it('shows Safari’s app banner for this article only when the iOS app is set up', () => {
    expect(articleHead(article()).meta.has('apple-itunes-app')).toBe(false);
    const head = articleHead(article(), context({ app: { iosAppStoreId: '123456789' } }));
    expect(one(head, 'apple-itunes-app')).toBe(
      'app-id=123456789, app-argument=https://news.example.org/articles/trams',
    );
  });
});

describe('ListingHead', () => {
  const ctx = context({ description: 'News from Kharkiv.' });
  const feeds = {
    rss: '/sections/city/feed.xml',
    atom: '/sections/city/atom.xml',
    json: '/sections/city/feed.json',
  };

  it('titles the home page with the site name alone', () => {
    const head = parseHead(
      renderToString(
        <ListingHead
          ctx={ctx}
          title="The Ledger"
          description="News from Kharkiv."
          path="/"
          feeds={{ rss: '/feed.xml', atom: '/atom.xml', json: '/feed.json' }}
          jsonLd={websiteJsonLd(ctx)}
        />,
      ),
    );
    expect(head.title).toBe('The Ledger');
    expect(one(head, 'og:type')).toBe('website');
    expect(one(head, 'description')).toBe('News from Kharkiv.');
    expect(head.links.find((l) => l.rel === 'canonical')?.href).toBe('https://news.example.org/');
    expect(head.links.filter((l) => l.rel === 'alternate').map((l) => [l.title, l.href])).toEqual([
      ['The Ledger (RSS)', '/feed.xml'],
      ['The Ledger (Atom)', '/atom.xml'],
      ['The Ledger (JSON Feed)', '/feed.json'],
    ]);
    expect(validateJsonLd(extractJsonLd(head.html)[0]?.value)).toEqual([]);
  });

  it('links a section’s three feeds, its neighbours and itself, each once', () => {
    const jsonLd = collectionPageJsonLd(ctx, {
      name: 'City',
      path: '/sections/city',
      items: [{ slug: 'trams' }],
    });
    const head = parseHead(
      renderToString(
        <ListingHead
          ctx={ctx}
          title="City (page 2)"
          description=""
          path="/sections/city?page=2"
          feeds={feeds}
          feedTitle="City"
          jsonLd={jsonLd}
          prev="/sections/city"
          next="/sections/city?page=3"
        />,
      ),
    );
    expect(head.title).toBe('City (page 2) – The Ledger');
    expect(head.meta.has('description')).toBe(false);
    expect(head.meta.has('og:description')).toBe(false);
    expect(head.links).toEqual([
      { rel: 'canonical', href: 'https://news.example.org/sections/city?page=2' },
      { rel: 'prev', href: 'https://news.example.org/sections/city' },
      { rel: 'next', href: 'https://news.example.org/sections/city?page=3' },
      {
        rel: 'alternate',
        type: 'application/rss+xml',
        title: 'City – The Ledger (RSS)',
        href: '/sections/city/feed.xml',
      },
      {
        rel: 'alternate',
        type: 'application/atom+xml',
        title: 'City – The Ledger (Atom)',
        href: '/sections/city/atom.xml',
      },
      {
        rel: 'alternate',
        type: 'application/feed+json',
        title: 'City – The Ledger (JSON Feed)',
        href: '/sections/city/feed.json',
      },
    ]);
    const repeated = [...head.meta].filter(([, v]) => v.length > 1);
    expect(repeated).toEqual([]);
    expect(extractJsonLd(head.html)).toHaveLength(1);
  });
});

describe('openGraphLocale', () => {
  it.each<[SiteSettings['language'], string | null]>([
    ['en-GB', 'en_GB'],
    ['uk-ua', 'uk_UA'],
    ['pt-BR-x-lisbon', 'pt_BR'],
    ['en', null],
    ['zh-Hant', null],
  ])('turns %s into %s', (language, locale) => {
    expect(openGraphLocale(language)).toBe(locale);
  });
});
