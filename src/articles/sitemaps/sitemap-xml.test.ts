// Sitemaps checked against the published XSDs (sitemaps.org's, Google's image and news extensions) and
// robots.txt against the RFC 9309 line grammar, with hostile headlines and URLs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateSitemapIndex, validateUrlSet, xpathValues } from '../../../test/support/xml-validate.js';
import type { ArticleSummary } from '../model.js';
import {
  MAX_URLS_PER_SITEMAP,
  newsLanguage,
  newsSitemap,
  robotsTxt,
  sitemapIndex,
  urlSet,
} from './sitemap-xml.js';

const sample = (path: string) =>
  readFileSync(new URL(`../../../test/fixtures/samples/${path}`, import.meta.url), 'utf8');

const SCRIPT = '<script>alert(1)</script>';
const HOSTILE = `${SCRIPT} Fish & "chips" it's 📰 \u0001 שלום עולם`;

const SM = "namespace-uri()='http://www.sitemaps.org/schemas/sitemap/0.9'";
const NEWS = "namespace-uri()='http://www.google.com/schemas/sitemap-news/0.9'";
const IMAGE = "namespace-uri()='http://www.google.com/schemas/sitemap-image/1.1'";
const sm = (name: string) => `*[local-name()='${name}' and ${SM}]`;
const news = (name: string) => `*[local-name()='${name}' and ${NEWS}]`;
const image = (name: string) => `*[local-name()='${name}' and ${IMAGE}]`;

function summary(overrides: Partial<ArticleSummary>): ArticleSummary {
  return {
    id: 1,
    slug: 'harbour-deal',
    headline: 'Harbour deal signed',
    socialHeadline: null,
    dek: '',
    workType: 'news',
    section: null,
    hero: null,
    authors: [],
    publishedAt: '2025-03-01T09:30:00.000Z',
    updatedAt: null,
    modifiedAt: '2025-03-01T09:30:00.000Z',
    ...overrides,
  };
}

describe('the sitemap validators catch what they should', () => {
  it('accepts a real news sitemap, rejects news elements out of order and a wrong namespace', async () => {
    expect(await validateUrlSet(sample('sitemaps/crawler-commons-shinpaideshou-news-sitemap.xml'))).toEqual({
      valid: true,
      errors: [],
    });
    const outOfOrder = await validateUrlSet(sample('sitemaps/crawler-commons-extension-sitemap-news.xml'));
    expect(outOfOrder.valid).toBe(false);
    expect(outOfOrder.errors.join('\n')).toMatch(/access': This element is not expected/);
    const badNamespace = await validateUrlSet(sample('sitemaps/crawler-commons-sitemap.badns.xml'));
    expect(badNamespace.valid).toBe(false);
    expect(badNamespace.errors.join('\n')).toMatch(/No matching global declaration/);
  });

  it('rejects a sitemap index whose entries have no <loc>', async () => {
    const result = await validateSitemapIndex(sample('sitemaps/crawler-commons-sitemap.index.xml'));
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/Expected is .*loc/);
  });

  it('checks extension elements strictly, so an unknown image child fails', async () => {
    const xml = urlSet([{ loc: 'https://news.example/a', images: [{ loc: 'https://news.example/i.jpg' }] }]);
    expect((await validateUrlSet(xml)).valid).toBe(true);
    const broken = xml.replace('</image:image>', '<image:colour>red</image:colour></image:image>');
    expect((await validateUrlSet(broken)).valid).toBe(false);
  });

  it('rejects a document that is not well-formed', async () => {
    expect((await validateUrlSet('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')).valid).toBe(
      false,
    );
  });
});

describe('sitemapIndex', () => {
  it('is valid against siteindex.xsd and keeps each loc and lastmod', async () => {
    const xml = sitemapIndex([
      {
        loc: 'https://news.example/sitemap-articles.xml?page=1&size=500',
        lastmod: '2025-03-02T11:05:00.000Z',
      },
      { loc: 'https://news.example/sitemap-pages.xml', lastmod: '2025-03-01' },
      { loc: 'https://news.example/sitemap-sections.xml' },
    ]);
    expect(await validateSitemapIndex(xml)).toEqual({ valid: true, errors: [] });
    const s = `/${sm('sitemapindex')}/${sm('sitemap')}`;
    expect(
      await xpathValues(xml, [
        `${s}[1]/${sm('loc')}`,
        `${s}[1]/${sm('lastmod')}`,
        `${s}[2]/${sm('lastmod')}`,
        `count(${s}[3]/*)`,
      ]),
    ).toEqual([
      'https://news.example/sitemap-articles.xml?page=1&size=500',
      '2025-03-02T11:05:00.000Z',
      '2025-03-01',
      '1',
    ]);
  });

  it('refuses more sitemaps than the protocol allows', () => {
    const many = Array.from({ length: MAX_URLS_PER_SITEMAP + 1 }, (_, i) => ({
      loc: `https://news.example/s${i}.xml`,
    }));
    expect(() => sitemapIndex(many)).toThrow(RangeError);
  });
});

describe('urlSet', () => {
  const entries = [
    {
      loc: 'https://news.example/articles/harbour-deal?ref=a&b="c"',
      lastmod: '2025-03-02T11:05:00.000Z',
      images: [{ loc: 'https://news.example/media/m/7/1280.jpg?w=1&h=2', caption: HOSTILE }],
    },
    { loc: 'https://news.example/sections/news' },
  ];

  it('is valid against sitemap.xsd and the image extension XSD', async () => {
    expect(await validateUrlSet(urlSet(entries))).toEqual({ valid: true, errors: [] });
  });

  it('writes locations, dates and image captions so that they read back unchanged', async () => {
    const url = `/${sm('urlset')}/${sm('url')}`;
    const img = `${url}[1]/${image('image')}`;
    const v = await xpathValues(urlSet(entries), [
      `${url}[1]/${sm('loc')}`,
      `${url}[1]/${sm('lastmod')}`,
      `${img}/${image('loc')}`,
      `${img}/${image('caption')}`,
      `count(${url}[2]/*)`,
      "count(//*[local-name()='script'])",
    ]);
    expect(v).toEqual([
      'https://news.example/articles/harbour-deal?ref=a&b="c"',
      '2025-03-02T11:05:00.000Z',
      'https://news.example/media/m/7/1280.jpg?w=1&h=2',
      HOSTILE.replace('\u0001', ''),
      '1',
      '0',
    ]);
  });

  it('leaves no raw markup or control character in the file', () => {
    const xml = urlSet(entries);
    expect(xml).not.toContain('<script');
    expect(xml).not.toContain('\u0001');
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Fish &amp; &quot;chips&quot; it&apos;s 📰');
  });
});

describe('newsSitemap', () => {
  const items = [
    summary({ headline: HOSTILE }),
    summary({
      id: 2,
      slug: 'council-meets',
      headline: 'Council meets',
      publishedAt: '2025-02-28T18:00:00.000Z',
    }),
  ];
  const options = {
    baseUrl: 'https://news.example/',
    publicationName: 'The Harbour "Herald" & Post',
    language: 'en-GB',
  };

  it('is valid against sitemap.xsd and the news extension XSD', async () => {
    expect(await validateUrlSet(newsSitemap(items, options))).toEqual({ valid: true, errors: [] });
  });

  it('is an empty urlset when nothing is recent, the one case sitemap.xsd calls incomplete', async () => {
    // Crawlers read an empty sitemap as "nothing new"; a 404 would be reported as an error instead.
    const empty = newsSitemap([], options);
    expect(await xpathValues(empty, [`count(/${sm('urlset')})`, `count(//${sm('url')})`])).toEqual([
      '1',
      '0',
    ]);
    const result = await validateUrlSet(empty);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/Missing child element\(s\)\. Expected is .*url/);
  });

  it('follows the XSD order: publication (name, language), publication_date, title', async () => {
    const n = `/${sm('urlset')}/${sm('url')}[1]/${news('news')}`;
    const v = await xpathValues(newsSitemap(items, options), [
      `/${sm('urlset')}/${sm('url')}[1]/${sm('loc')}`,
      `local-name(${n}/*[1])`,
      `local-name(${n}/*[2])`,
      `local-name(${n}/*[3])`,
      `count(${n}/*)`,
      `local-name(${n}/${news('publication')}/*[1])`,
      `${n}/${news('publication')}/${news('name')}`,
      `${n}/${news('publication')}/${news('language')}`,
      `${n}/${news('publication_date')}`,
      `${n}/${news('title')}`,
      `/${sm('urlset')}/${sm('url')}[2]/${sm('loc')}`,
    ]);
    expect(v).toEqual([
      'https://news.example/articles/harbour-deal',
      'publication',
      'publication_date',
      'title',
      '3',
      'name',
      'The Harbour "Herald" & Post',
      'en',
      '2025-03-01T09:30:00.000Z',
      HOSTILE.replace('\u0001', ''),
      'https://news.example/articles/council-meets',
    ]);
  });

  it('reduces the site language to what the news schema accepts', async () => {
    expect(newsLanguage('en-GB')).toBe('en');
    expect(newsLanguage('fil')).toBe('fil');
    expect(newsLanguage('zh-Hant-TW')).toBe('zh-tw');
    expect(newsLanguage('zh-TW')).toBe('zh-tw');
    expect(newsLanguage('zh-Hans')).toBe('zh-cn');
    expect(newsLanguage('zh')).toBe('zh-cn');
    const chinese = newsSitemap(items, { ...options, language: 'zh-Hant-HK' });
    expect((await validateUrlSet(chinese)).valid).toBe(true);
  });

  it('escapes the headline rather than letting it become markup', () => {
    const xml = newsSitemap(items, options);
    expect(xml).not.toContain('<script');
    expect(xml).toContain('<news:title>&lt;script&gt;alert(1)&lt;/script&gt; Fish &amp; &quot;chips&quot;');
  });
});

/** Checks a robots.txt against RFC 9309's line grammar, plus the Sitemap extension (absolute URLs). */
function robotsErrors(text: string): string[] {
  const errors: string[] = [];
  let inGroup = false;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') return;
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) {
      errors.push(`line ${i + 1}: not "field: value"`);
      return;
    }
    const [, field, value] = m as unknown as [string, string, string];
    switch (field.toLowerCase()) {
      case 'user-agent':
        if (!/^(\*|[A-Za-z_-]+)$/.test(value)) errors.push(`line ${i + 1}: bad product token`);
        inGroup = true;
        break;
      case 'allow':
      case 'disallow':
        if (!inGroup) errors.push(`line ${i + 1}: rule before any user-agent`);
        if (value !== '' && !/^[/*]/.test(value)) errors.push(`line ${i + 1}: path must start with / or *`);
        break;
      case 'sitemap':
        if (!/^https?:\/\/[^\s]+$/.test(value)) errors.push(`line ${i + 1}: sitemap must be an absolute URL`);
        break;
      default:
        errors.push(`line ${i + 1}: unknown field ${field}`);
    }
  });
  return errors;
}

/** Longest matching rule wins, allow on a tie (RFC 9309 section 2.2.2); enough for plain path prefixes. */
function allowed(text: string, path: string): boolean {
  let best = { length: -1, allow: true };
  for (const line of text.split('\n')) {
    const m = /^(allow|disallow):\s*(\S*)$/i.exec(line.trim());
    if (!m || m[2] === '' || !path.startsWith(m[2]!)) continue;
    const allow = m[1]!.toLowerCase() === 'allow';
    if (m[2]!.length > best.length || (m[2]!.length === best.length && allow))
      best = { length: m[2]!.length, allow };
  }
  return best.allow;
}

describe('robotsTxt', () => {
  it('uses a checker that accepts a real robots.txt and rejects malformed ones', () => {
    expect(robotsErrors(sample('robots/crawler-commons-sitemap-robots-dedup.txt'))).toEqual([]);
    expect(robotsErrors('User-agent: *\nDisallow /admin\n')).toHaveLength(1);
    expect(robotsErrors('Disallow: /admin\n')).toHaveLength(1);
    expect(robotsErrors('User-agent: *\nSitemap: /sitemap.xml\n')).toHaveLength(1);
  });

  it('follows the grammar and lists both sitemaps with absolute URLs', () => {
    const text = robotsTxt('https://news.example/');
    expect(robotsErrors(text)).toEqual([]);
    const sitemaps = text.split('\n').filter((l) => l.startsWith('Sitemap:'));
    expect(sitemaps).toEqual([
      'Sitemap: https://news.example/sitemap.xml',
      'Sitemap: https://news.example/sitemap-news.xml',
    ]);
  });

  it('opens the reader site and closes the newsroom and the API', () => {
    const text = robotsTxt('https://news.example');
    for (const path of ['/', '/articles/harbour-deal', '/sections/news', '/feed.xml', '/sitemap.xml']) {
      expect(allowed(text, path), path).toBe(true);
    }
    for (const path of ['/admin', '/admin/articles', '/api/v1/articles'])
      expect(allowed(text, path), path).toBe(false);
  });
});
