// Feeds built from realistic, hostile articles, checked against the published standards: Atom against
// RFC 4287's RELAX NG schema, JSON Feed against its JSON schema, RSS 2.0 against its specification's rules.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkNewsJsonFeed, isRfc3339, validateJsonFeed } from '../../../test/support/jsonfeed-validate.js';
import {
  checkRss20,
  isRfc822,
  validateAtom,
  xpathValue,
  xpathValues,
} from '../../../test/support/xml-validate.js';
import type { MediaItem } from '../../media/media.js';
import { escapeXml } from '../../views/escape.js';
import type { Article } from '../model.js';
import { atomFeed } from './atom.js';
import type { FeedInput } from './feed-entry.js';
import { jsonFeed } from './json-feed.js';
import { rssFeed } from './rss.js';

const sample = (path: string) =>
  readFileSync(new URL(`../../../test/fixtures/samples/${path}`, import.meta.url), 'utf8');

const SCRIPT = '<script>alert(1)</script>';
const HOSTILE = `${SCRIPT} Fish & "chips" it's 📰 \u0001 שלום עולם`;
/** What every format must carry for HOSTILE: the same text, minus the character XML cannot hold. */
const HOSTILE_CLEAN = HOSTILE.replace('\u0001', '');

const hero: MediaItem = {
  id: 7,
  originalKey: 'm/7/original.jpg',
  mimeType: 'image/jpeg',
  width: 1600,
  height: 900,
  altText: 'Boats & "nets" at dawn',
  caption: 'The harbour at dawn.',
  creditPerson: 'Jo Lens',
  creditOrganization: 'Riverside Ledger',
  rights: 'own',
  licenseUrl: null,
  licenseExpiresAt: null,
  copyrightNotice: null,
  variants: [
    { format: 'avif', width: 1280, height: 720, key: 'm/7/1280.avif' },
    { format: 'webp', width: 1280, height: 720, key: 'm/7/1280.webp' },
    { format: 'jpeg', width: 640, height: 360, key: 'm/7/640.jpg' },
    { format: 'jpeg', width: 1280, height: 720, key: 'm/7/1280.jpg' },
  ],
};

const hostileArticle: Article = {
  version: 1,
  corrections: [],
  metaDescription: null,
  canonicalUrl: null,
  noindex: false,
  socialDescription: null,
  socialImage: null,
  id: 1,
  slug: 'harbour-deal',
  headline: HOSTILE,
  socialHeadline: null,
  seoHeadline: null,
  dek: `Ministers & "advisers" said 'no' — مرحبا ${SCRIPT}`,
  workType: 'news',
  section: { id: 3, slug: 'news-politics', name: 'News & <Politics>', description: '' },
  hero,
  authors: [
    {
      id: 5,
      slug: 'ana-ruiz',
      name: 'Ana <b>Ruiz</b> & Co',
      jobTitle: 'Reporter',
      bio: '',
      photoMediaId: null,
    },
    { id: 6, slug: 'dan-lee', name: 'Dan Lee', jobTitle: 'Editor', bio: '', photoMediaId: null },
  ],
  tags: [{ id: 9, slug: 'fish', name: `Fish "&" ${SCRIPT}` }],
  dateline: 'PORTSMOUTH',
  publishedAt: '2025-03-01T09:30:00.000Z',
  updatedAt: '2025-03-02T11:00:00.000Z',
  modifiedAt: '2025-03-02T11:05:00.000Z',
  media: new Map([[7, hero]]),
  body: {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: `${SCRIPT} and \u0001 & more` },
          {
            type: 'text',
            text: 'our earlier story',
            marks: [{ type: 'link', attrs: { href: '/articles/earlier' } }],
          },
        ],
      },
      { type: 'image', attrs: { mediaId: 7, caption: 'Nets ]]> drying' } },
      { type: 'paragraph', content: [{ type: 'text', text: 'Second paragraph.' }] },
    ],
  },
};

const plainArticle: Article = {
  version: 1,
  corrections: [],
  metaDescription: null,
  canonicalUrl: null,
  noindex: false,
  socialDescription: null,
  socialImage: null,
  id: 2,
  slug: 'council-meets',
  headline: 'Council meets on Tuesday',
  socialHeadline: null,
  seoHeadline: null,
  dek: 'The agenda is short.',
  workType: 'analysis',
  section: null,
  hero: null,
  authors: [],
  tags: [],
  dateline: null,
  publishedAt: '2025-02-27T18:00:00.000Z',
  updatedAt: null,
  modifiedAt: '2025-02-28T07:00:00.000Z',
  media: new Map(),
  body: {
    type: 'doc',
    content: [{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Why' }] }],
  },
};

const input = (items: Article[] = [hostileArticle, plainArticle]): FeedInput => ({
  title: 'The Harbour "Herald" & Post',
  description: 'News from the harbour <towns>',
  language: 'en-GB',
  homePageUrl: 'https://news.example/',
  selfUrls: {
    rss: 'https://news.example/feed.xml',
    atom: 'https://news.example/feed.atom',
    json: 'https://news.example/feed.json',
  },
  baseUrl: 'https://news.example/',
  items,
  now: new Date('2025-03-05T00:00:00.000Z'),
  generatorName: 'Broadsheet',
});

const ATOM = "namespace-uri()='http://www.w3.org/2005/Atom'";
const atom = (name: string) => `*[local-name()='${name}' and ${ATOM}]`;
const inNs = (ns: string, name: string) => `*[local-name()='${name}' and namespace-uri()='${ns}']`;

describe('the validators catch what they should', () => {
  it('accepts RFC 4287 examples and rejects an entry without id and an RFC 822 date in Atom', async () => {
    expect((await validateAtom(sample('feeds/atom-brief-noerror.xml'))).valid).toBe(true);
    expect((await validateAtom(sample('feeds/atom-extensive-noerror.xml'))).valid).toBe(true);
    const missingId = await validateAtom(sample('feeds/atom-entry_id_missing.xml'));
    expect(missingId.valid).toBe(false);
    expect(missingId.errors.join('\n')).toMatch(/id/);
    const wrongDate = await validateAtom(sample('feeds/atom-published_wrong_format.xml'));
    expect(wrongDate.valid).toBe(false);
    expect(wrongDate.errors.join('\n')).toMatch(/dateTime/);
  });

  it('accepts the RSS 2.0 spec sample, rejects a missing description and an ISO pubDate', async () => {
    expect(await checkRss20(sample('feeds/rss20_spec_sample_noerror.xml'))).toEqual({
      valid: true,
      errors: [],
    });
    const noDescription = await checkRss20(sample('feeds/rss20-missing_channel_description.xml'));
    expect(noDescription.valid).toBe(false);
    expect(noDescription.errors.join('\n')).toMatch(/description/);
    const isoDate = await checkRss20(sample('feeds/rss20-invalid_pubdate.xml'));
    expect(isoDate.valid).toBe(false);
    expect(isoDate.errors.join('\n')).toMatch(/pubDate/);
    expect((await checkRss20('<rss version="2.0"><channel>')).valid).toBe(false);
  });

  it('accepts the JSON Feed 1.1 examples and rejects undated items and a 1.0 feed with bare dates', () => {
    const json = (name: string) => JSON.parse(sample(`jsonfeed/${name}`)) as unknown;
    expect(checkNewsJsonFeed(json('jsonfeed-1.1-spec-example-podcast.json'))).toEqual({
      valid: true,
      errors: [],
    });
    expect(checkNewsJsonFeed(json('jsonfeed-1.1-spec-example-microblog.json'))).toEqual({
      valid: true,
      errors: [],
    });
    const simple = json('jsonfeed-1.1-spec-example-simple.json');
    expect(validateJsonFeed(simple).valid).toBe(true);
    expect(checkNewsJsonFeed(simple).errors).toContain('/items/0 has no date_published');
    const realWorld = json('feed-extractor-json-feed-standard-realworld.json');
    const schemaCheck = validateJsonFeed(realWorld);
    expect(schemaCheck.valid).toBe(false);
    expect(schemaCheck.errors.join('\n')).toMatch(/date_published must match format "date-time"/);
    expect(checkNewsJsonFeed(realWorld).errors).toContain(
      'version is https://jsonfeed.org/version/1, not 1.1',
    );
  });

  it('tells RFC 822 and RFC 3339 dates apart, and refuses impossible ones', () => {
    expect(isRfc822('Mon, 30 Sep 2002 01:56:02 GMT')).toBe(true);
    expect(isRfc822('30 Sep 02 01:56 -0700')).toBe(true);
    expect(isRfc822('2002-12-31T01:15:07-05:00')).toBe(false);
    expect(isRfc822('Tue, 30 Sep 2002 01:56:02 GMT')).toBe(false);
    expect(isRfc822('Fri, 31 Feb 2002 01:56:02 GMT')).toBe(false);
    expect(isRfc3339('2016-02-09T14:22:00-07:00')).toBe(true);
    expect(isRfc3339('2025-03-01T09:30:00.000Z')).toBe(true);
    expect(isRfc3339('2022-07-26 13:01:01')).toBe(false);
    expect(isRfc3339('2025-02-30T00:00:00Z')).toBe(false);
  });
});

describe('escapeXml', () => {
  it('escapes the five markup characters and drops characters XML 1.0 cannot hold', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    expect(escapeXml('a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg\uFFFEh\uFFFF')).toBe('abcdefgh');
    expect(escapeXml('tab\tline\nreturn\r')).toBe('tab\tline\nreturn\r');
    expect(escapeXml('📰 שלום \uD800 lone')).toBe('📰 שלום  lone');
  });
});

describe('rssFeed', () => {
  it('meets the RSS 2.0 specification, with RFC 822 dates', async () => {
    const xml = rssFeed(input());
    expect(await checkRss20(xml)).toEqual({ valid: true, errors: [] });
  });

  it('describes the channel and links to itself', async () => {
    const xml = rssFeed(input());
    const [title, link, description, language, lastBuildDate, self, selfType] = await xpathValues(xml, [
      '/rss/channel/title',
      '/rss/channel/link',
      '/rss/channel/description',
      '/rss/channel/language',
      '/rss/channel/lastBuildDate',
      `/rss/channel/${atom('link')}[@rel='self']/@href`,
      `/rss/channel/${atom('link')}[@rel='self']/@type`,
    ]);
    expect(title).toBe('The Harbour "Herald" & Post');
    expect(link).toBe('https://news.example/');
    expect(description).toBe('News from the harbour <towns>');
    expect(language).toBe('en-GB');
    // The newest modifiedAt of the items, not the clock.
    expect(lastBuildDate).toBe('Sun, 02 Mar 2025 11:05:00 GMT');
    expect(self).toBe('https://news.example/feed.xml');
    expect(selfType).toBe('application/rss+xml');
  });

  it('gives each item title, permalink guid, dates, people, categories, summary, image', async () => {
    const xml = rssFeed(input());
    const item = '/rss/channel/item[1]';
    const media = `${item}/${inNs('http://search.yahoo.com/mrss/', 'content')}`;
    const v = await xpathValues(xml, [
      `${item}/title`,
      `${item}/link`,
      `${item}/guid`,
      `${item}/guid/@isPermaLink`,
      `${item}/pubDate`,
      `${item}/${inNs('http://purl.org/dc/terms/', 'modified')}`,
      `${item}/${inNs('http://purl.org/dc/elements/1.1/', 'creator')}[1]`,
      `${item}/${inNs('http://purl.org/dc/elements/1.1/', 'creator')}[2]`,
      `${item}/category[1]`,
      `${item}/category[1]/@domain`,
      `${item}/category[2]`,
      `${item}/description`,
      `${media}/@url`,
      `${media}/@type`,
      `${media}/@width`,
      `${media}/${inNs('http://search.yahoo.com/mrss/', 'credit')}`,
      'count(/rss/channel/item)',
      '/rss/channel/item[2]/title',
    ]);
    expect(v).toEqual([
      HOSTILE_CLEAN,
      'https://news.example/articles/harbour-deal',
      'https://news.example/articles/harbour-deal',
      'true',
      'Sat, 01 Mar 2025 09:30:00 GMT',
      '2025-03-02T11:00:00.000Z',
      'Ana <b>Ruiz</b> & Co',
      'Dan Lee',
      'News & <Politics>',
      'https://news.example/sections/news-politics',
      `Fish "&" ${SCRIPT}`,
      `Ministers & "advisers" said 'no' — مرحبا ${SCRIPT}`,
      'https://news.example/media/m/7/1280.jpg',
      'image/jpeg',
      '1280',
      'Jo Lens, Riverside Ledger',
      '2',
      'Council meets on Tuesday',
    ]);
    expect(new Date(v[4]!).toISOString()).toBe(hostileArticle.publishedAt);
  });

  it('carries the full body as HTML with absolute links and image addresses', async () => {
    const html = await xpathValue(
      rssFeed(input()),
      `/rss/channel/item[1]/${inNs('http://purl.org/rss/1.0/modules/content/', 'encoded')}`,
    );
    expect(html).toContain('<a href="https://news.example/articles/earlier">our earlier story</a>');
    expect(html).toContain('src="https://news.example/media/m/7/1280.jpg"');
    expect(html).toContain(
      'srcset="https://news.example/media/m/7/640.jpg 640w, https://news.example/media/m/7/1280.jpg 1280w"',
    );
    expect(html).toContain('https://news.example/media/m/7/1280.avif 1280w');
    expect(html).not.toMatch(/(src|srcset)="\//);
    expect(html).toContain('Nets ]]> drying');
    expect(html).toContain('<p>Second paragraph.</p>');
  });

  it('has a build date of now when there are no items', async () => {
    const xml = rssFeed(input([]));
    expect(await checkRss20(xml)).toEqual({ valid: true, errors: [] });
    expect(await xpathValue(xml, '/rss/channel/lastBuildDate')).toBe('Wed, 05 Mar 2025 00:00:00 GMT');
  });
});

describe('atomFeed', () => {
  it('is valid against the RELAX NG schema of RFC 4287', async () => {
    const result = await validateAtom(atomFeed(input()));
    expect(result).toEqual({ valid: true, errors: [] });
    expect((await validateAtom(atomFeed(input([])))).valid).toBe(true);
  });

  it('keeps the Schematron-only rules: an author and a link for every entry', async () => {
    const xml = atomFeed(input());
    const [feedAuthors, entriesWithoutAuthor, entriesWithoutAlternate] = await xpathValues(xml, [
      `count(/${atom('feed')}/${atom('author')})`,
      `count(//${atom('entry')}[not(${atom('author')})])`,
      `count(//${atom('entry')}[not(${atom('link')}[@rel='alternate'])])`,
    ]);
    expect(feedAuthors).toBe('1');
    // The plain article has no byline; the feed-level author covers it.
    expect(entriesWithoutAuthor).toBe('1');
    expect(entriesWithoutAlternate).toBe('0');
  });

  it('names the feed, dates it by the newest change and links to itself', async () => {
    const feed = `/${atom('feed')}`;
    const v = await xpathValues(atomFeed(input()), [
      `${feed}/@xml:lang`,
      `${feed}/${atom('id')}`,
      `${feed}/${atom('title')}`,
      `${feed}/${atom('subtitle')}`,
      `${feed}/${atom('updated')}`,
      `${feed}/${atom('link')}[@rel='self']/@href`,
      `${feed}/${atom('link')}[@rel='alternate']/@href`,
      `${feed}/${atom('generator')}`,
    ]);
    expect(v).toEqual([
      'en-GB',
      'https://news.example/feed.atom',
      'The Harbour "Herald" & Post',
      'News from the harbour <towns>',
      '2025-03-02T11:05:00.000Z',
      'https://news.example/feed.atom',
      'https://news.example/',
      'Broadsheet',
    ]);
    expect(await xpathValue(atomFeed(input([])), `${feed}/${atom('updated')}`)).toBe(
      '2025-03-05T00:00:00.000Z',
    );
  });

  it('gives each entry id, dates, authors with pages, categories, summary, content, enclosure', async () => {
    const entry = `/${atom('feed')}/${atom('entry')}[1]`;
    const v = await xpathValues(atomFeed(input()), [
      `${entry}/${atom('title')}`,
      `${entry}/${atom('id')}`,
      `${entry}/${atom('link')}[@rel='alternate']/@href`,
      `${entry}/${atom('published')}`,
      `${entry}/${atom('updated')}`,
      `${entry}/${atom('author')}[1]/${atom('name')}`,
      `${entry}/${atom('author')}[1]/${atom('uri')}`,
      `${entry}/${atom('category')}[1]/@label`,
      `${entry}/${atom('category')}[2]/@label`,
      `${entry}/${atom('summary')}`,
      `${entry}/${atom('link')}[@rel='enclosure']/@href`,
      `${entry}/${atom('link')}[@rel='enclosure']/@type`,
      `${entry}/${atom('content')}/@type`,
      `/${atom('feed')}/${atom('entry')}[2]/${atom('updated')}`,
    ]);
    expect(v).toEqual([
      HOSTILE_CLEAN,
      'https://news.example/articles/harbour-deal',
      'https://news.example/articles/harbour-deal',
      '2025-03-01T09:30:00.000Z',
      '2025-03-02T11:00:00.000Z',
      'Ana <b>Ruiz</b> & Co',
      'https://news.example/authors/ana-ruiz',
      'News & <Politics>',
      `Fish "&" ${SCRIPT}`,
      `Ministers & "advisers" said 'no' — مرحبا ${SCRIPT}`,
      'https://news.example/media/m/7/1280.jpg',
      'image/jpeg',
      'html',
      // Without a declared update, an entry was last updated when it was published.
      '2025-02-27T18:00:00.000Z',
    ]);
    for (const date of [v[3]!, v[4]!, v[13]!]) expect(isRfc3339(date)).toBe(true);
  });
});

describe('jsonFeed', () => {
  it('is valid JSON Feed 1.1 with RFC 3339 dates on every item', () => {
    const doc = JSON.parse(jsonFeed(input())) as unknown;
    expect(checkNewsJsonFeed(doc)).toEqual({ valid: true, errors: [] });
    expect(checkNewsJsonFeed(JSON.parse(jsonFeed(input([]))))).toEqual({ valid: true, errors: [] });
  });

  it('carries the same facts as the XML feeds', () => {
    const doc = JSON.parse(jsonFeed(input()));
    expect(doc).toMatchObject({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'The Harbour "Herald" & Post',
      home_page_url: 'https://news.example/',
      feed_url: 'https://news.example/feed.json',
      language: 'en-GB',
    });
    expect(doc.items[0]).toMatchObject({
      id: 'https://news.example/articles/harbour-deal',
      url: 'https://news.example/articles/harbour-deal',
      title: HOSTILE_CLEAN,
      summary: `Ministers & "advisers" said 'no' — مرحبا ${SCRIPT}`,
      image: 'https://news.example/media/m/7/1280.jpg',
      date_published: '2025-03-01T09:30:00.000Z',
      date_modified: '2025-03-02T11:00:00.000Z',
      authors: [
        { name: 'Ana <b>Ruiz</b> & Co', url: 'https://news.example/authors/ana-ruiz' },
        { name: 'Dan Lee', url: 'https://news.example/authors/dan-lee' },
      ],
      tags: ['News & <Politics>', `Fish "&" ${SCRIPT}`],
    });
    expect(doc.items[0].content_html).toContain('src="https://news.example/media/m/7/1280.jpg"');
    expect(doc.items[1]).not.toHaveProperty('image');
    expect(doc.items[1].authors).toEqual([]);
  });
});

describe('hostile text', () => {
  it('never becomes markup in any feed', async () => {
    const rss = rssFeed(input());
    const atomXml = atomFeed(input());
    for (const xml of [rss, atomXml]) {
      expect(xml).not.toContain('<script');
      expect(xml).not.toContain('<b>');
      expect(xml).not.toContain('\u0001');
      expect(await xpathValue(xml, "count(//*[local-name()='script' or local-name()='b'])")).toBe('0');
    }
    const json = jsonFeed(input());
    expect(json).not.toContain('\\u0001');
    // The body's text reaches the content HTML escaped once, by the renderer; the feed adds its own layer.
    const html = JSON.parse(json).items[0].content_html as string;
    expect(html).toContain('<p>&lt;script>alert(1)&lt;/script> and  &amp; more');
    expect(html).not.toContain('<script');
    expect(rss).toContain('&lt;p&gt;&amp;lt;script&gt;alert(1)');
    // "]]>" may not appear in XML character data, which is why > is escaped too.
    for (const xml of [rss, atomXml]) expect(xml).not.toContain(']]>');
  });

  it('summarises a story without a dek by its opening, as its page description does', async () => {
    const noDek: Article = {
      ...plainArticle,
      dek: '',
      body: {
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'The council met for four hours.' }] },
        ],
      },
    };
    const one = input([noDek]);
    expect(await xpathValue(rssFeed(one), '/rss/channel/item[1]/description')).toBe(
      'The council met for four hours.',
    );
    expect(JSON.parse(jsonFeed(one)).items[0].summary).toBe('The council met for four hours.');
  });

  it('keeps emoji and right-to-left text intact', async () => {
    const xml = rssFeed(input());
    expect(await xpathValue(xml, '/rss/channel/item[1]/title')).toContain('📰  שלום עולם');
    expect(JSON.parse(jsonFeed(input())).items[0].summary).toContain('مرحبا');
  });
});
