// The feeds, sitemaps and robots.txt as the app serves them, validated against the published schemas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../demo/seed.js';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { checkNewsJsonFeed, validateJsonFeed } from '../../test/support/jsonfeed-validate.js';
import {
  checkRss20,
  validateAtom,
  validateSitemapIndex,
  validateUrlSet,
  xpathValue,
  xpathValues,
} from '../../test/support/xml-validate.js';

const VALID = { valid: true, errors: [] };
let t: TestApp;
// The demo's newest story is dated a few hours before "now", so it belongs in the news sitemap.
const now = new Date();

beforeAll(async () => {
  t = await buildTestApp({ clock: () => now });
  await seedDemoIfEmpty(t.storage.db, t.files, now);
});
afterAll(() => t.close());

async function get(url: string) {
  const res = await t.app.inject(url);
  expect(res.statusCode, url).toBe(200);
  return res;
}

describe('served feeds', () => {
  it('serves the site feed in RSS 2.0, Atom and JSON Feed, each valid and naming itself', async () => {
    const rss = await get('/feed.xml');
    expect(rss.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(await checkRss20(rss.body)).toEqual(VALID);
    expect(await xpathValue(rss.body, 'string(//*[local-name()="link" and @rel="self"]/@href)')).toBe(
      'http://127.0.0.1:3000/feed.xml',
    );

    const atom = await get('/atom.xml');
    expect(atom.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(await validateAtom(atom.body)).toEqual(VALID);

    const json = await get('/feed.json');
    expect(json.headers['content-type']).toBe('application/feed+json; charset=utf-8');
    const doc = JSON.parse(json.body);
    expect(validateJsonFeed(doc)).toEqual(VALID);
    expect(checkNewsJsonFeed(doc)).toEqual(VALID);
    expect(doc.feed_url).toBe('http://127.0.0.1:3000/feed.json');
    expect(doc.items.length).toBeGreaterThan(3);
    // Feeds carry the whole story, with the hero, never an email address.
    const kharkiv = doc.items.find((i: { title: string }) => i.title.includes('Kharkiv'));
    expect(kharkiv.content_html).toContain('February 24');
    expect(json.body).not.toMatch(/@[a-z0-9-]+\.[a-z]{2,}/i);
  });

  it('serves feeds per section, tag and author with only their stories', async () => {
    const world = JSON.parse((await get('/sections/world/feed.json')).body);
    expect(validateJsonFeed(world)).toEqual(VALID);
    expect(world.title).toContain('World');
    expect(world.home_page_url).toBe('http://127.0.0.1:3000/sections/world');
    const worldUrls: string[] = world.items.map((i: { url: string }) => i.url);
    expect(worldUrls.some((u) => u.includes('kharkiv'))).toBe(true);

    const tag = await get('/tags/ukraine/atom.xml');
    expect(await validateAtom(tag.body)).toEqual(VALID);
    const author = await get('/authors/corinne-vale/feed.xml');
    expect(await checkRss20(author.body)).toEqual(VALID);
    const titles = await xpathValues(author.body, ['count(//item)']);
    expect(Number(titles[0])).toBeGreaterThan(0);

    const local = JSON.parse((await get('/sections/local/feed.json')).body);
    expect(local.items.map((i: { url: string }) => i.url)).not.toContain(
      worldUrls.find((u) => u.includes('kharkiv')),
    );
  });

  it('answers an unknown feed file or subject with 404', async () => {
    expect((await t.app.inject('/sections/world/feed.rss')).statusCode).toBe(404);
    expect((await t.app.inject('/sections/nowhere/feed.xml')).statusCode).toBe(404);
    expect((await t.app.inject('/authors/nobody/feed.json')).statusCode).toBe(404);
  });

  it('serves feeds with validators and a CDN cache policy, and 304s on revalidation', async () => {
    const first = await get('/feed.xml');
    expect(first.headers['cache-control']).toMatch(/^public, max-age=0, s-maxage=\d+, stale-if-error=\d+$/);
    expect(first.headers['cdn-cache-control']).toMatch(/^max-age=\d+, stale-while-revalidate=\d+, /);
    const again = await t.app.inject({
      url: '/feed.xml',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });
});

describe('served sitemaps and robots.txt', () => {
  it('serves a valid sitemap index that names the pages, article and news sitemaps', async () => {
    const index = await get('/sitemap.xml');
    expect(index.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(await validateSitemapIndex(index.body)).toEqual(VALID);
    const locs = (await xpathValues(index.body, ['count(//*[local-name()="loc"])']))[0];
    expect(Number(locs)).toBe(3);
    for (const path of ['/sitemap-pages.xml', '/sitemap-articles-1.xml', '/sitemap-news.xml']) {
      expect(index.body).toContain(`<loc>http://127.0.0.1:3000${path}</loc>`);
      const sitemap = await get(path);
      expect(await validateUrlSet(sitemap.body), path).toEqual(VALID);
    }
  });

  it('lists every published article with its hero image, and the archive pages', async () => {
    const published = await t.storage.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow();
    const articles = (await get('/sitemap-articles-1.xml')).body;
    const [urls, images] = await xpathValues(articles, [
      'count(//*[local-name()="url"])',
      'count(//*[local-name()="image"])',
    ]);
    expect(Number(urls)).toBe(Number(published.n));
    expect(Number(images)).toBeGreaterThan(0);
    const pages = (await get('/sitemap-pages.xml')).body;
    expect(pages).toContain('<loc>http://127.0.0.1:3000/sections/world</loc>');
    expect(pages).toContain('<loc>http://127.0.0.1:3000/authors/corinne-vale</loc>');
    expect((await t.app.inject('/sitemap-articles-2.xml')).statusCode).toBe(404);
    expect((await t.app.inject('/sitemap-articles-0.xml')).statusCode).toBe(404);
  });

  it('puts only the last 48 hours in the Google News sitemap', async () => {
    const news = (await get('/sitemap-news.xml')).body;
    const dates = (await xpathValues(news, ['count(//*[local-name()="publication_date"])'])).map(Number)[0]!;
    const recent = await t.storage.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'published')
      .where('published_at', '>=', new Date(now.getTime() - 48 * 3600 * 1000).toISOString())
      .executeTakeFirstOrThrow();
    expect(Number(recent.n)).toBeGreaterThan(0);
    expect(dates).toBe(Number(recent.n));
    expect(await xpathValue(news, 'string(//*[local-name()="publication"]/*[local-name()="name"])')).toBe(
      'The Riverside Ledger',
    );
  });

  it('serves robots.txt that closes the newsroom and names both sitemaps', async () => {
    const robots = await get('/robots.txt');
    expect(robots.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(robots.body).toContain('Disallow: /admin');
    expect(robots.body).toContain('Sitemap: http://127.0.0.1:3000/sitemap.xml');
    expect(robots.body).toContain('Sitemap: http://127.0.0.1:3000/sitemap-news.xml');
  });
});
