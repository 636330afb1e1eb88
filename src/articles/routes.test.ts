// The reader site through the whole app: pages, status codes, caching headers and security headers.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../demo/seed.js';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { EVERYTHING } from '../http/tagged-cache.js';
import { importImage } from '../media/library.js';
import { readSiteSettings, saveSiteSettings } from '../site/settings.js';

const HEADLINE = 'Russia Withdrawing From Kharkiv After Heavy Losses';
let t: TestApp;
let articlePath: string;

beforeAll(async () => {
  t = await buildTestApp();
  await seedDemoIfEmpty(t.storage.db, t.files, new Date());
  const row = await t.storage.db
    .selectFrom('articles')
    .select('slug')
    .where('headline', '=', HEADLINE)
    .executeTakeFirstOrThrow();
  articlePath = `/articles/${row.slug}`;
});
afterAll(() => t.close());

describe('reader pages', () => {
  it('serves the article with everything the reference shows, in its order', async () => {
    const res = await t.app.inject(articlePath);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = res.body;
    const at = (s: string) => html.indexOf(s);
    expect(html.startsWith('<!doctype html><html lang="en">')).toBe(true);
    expect(at(`<h1 id="headline">${HEADLINE}</h1>`)).toBeGreaterThan(0);
    expect(at('class="byline"')).toBeGreaterThan(at('<h1'));
    expect(at('<figure class="hero">')).toBeGreaterThan(at('class="byline"'));
    expect(at('class="article-body"')).toBeGreaterThan(at('<figure class="hero">'));
    expect(html).toContain(
      'Ukrainian soldiers next to a military tracked vehicle in Kharkiv, Ukraine. | <span class="credit">Image by Tyler Hicks, The New York Times</span>',
    );
    expect(html).toContain('Expand article');
    expect(html).toContain('The Russian military action in Ukraine began on February 24.');
    expect(html).toMatch(/<span class="work-type">News<\/span>/);
    // What later capabilities add comes after the story: the comments close the article.
    expect(at('id="respond"')).toBeGreaterThan(at('The Russian military action in Ukraine began'));
  });

  it('sets the security headers on every response, pages and errors alike', async () => {
    const refusedByRouter = ['/sections/%C0', '/%E0%A4%A', `/articles/${'a'.repeat(400)}`];
    for (const url of [
      '/',
      articlePath,
      '/articles/missing-story',
      '/sections/world?page=abc',
      ...refusedByRouter,
    ]) {
      const res = await t.app.inject(url);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('has no inline script or style the CSP would block, and external assets under 30 KB (JS under 10 KB)', async () => {
    const html = (await t.app.inject(articlePath)).body;
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
    for (const attrs of scripts) expect(attrs).toMatch(/src="\/[a-z/]*assets\/|type="application\/ld\+json"/);
    expect(html).not.toMatch(/<style\b|\sstyle="|\son[a-z]+="/i);
    // Every script and stylesheet the page loads counts, the comment form's included.
    const sizeOf = async (urls: string[]) => {
      let total = 0;
      for (const url of urls) {
        const res = await t.app.inject(url);
        expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        total += res.rawPayload.length;
      }
      return total;
    };
    const jsUrls = [...html.matchAll(/<script\b[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
    const cssUrls = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!);
    expect(jsUrls.length).toBeGreaterThan(0);
    expect(cssUrls.length).toBeGreaterThan(0);
    const js = await sizeOf(jsUrls);
    const css = await sizeOf(cssUrls);
    // The site's script (menu, banner, "Expand article"), the comment form's island and the analytics beacon:
    // 8.2 KB before compression when measured.
    expect(js).toBeLessThan(10 * 1024);
    expect(css + js).toBeLessThan(30 * 1024);
  });

  it('answers revalidation with 304 and drops the cached page when content changes', async () => {
    const first = await t.app.inject(articlePath);
    expect(first.headers['cache-control']).toMatch(/^public, max-age=0, s-maxage=60, stale-if-error=86400$/);
    expect(first.headers['last-modified']).toBeTruthy();
    const again = await t.app.inject({
      url: articlePath,
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(t.pageCache.size).toBeGreaterThan(0);
    await t.storage.db
      .updateTable('articles')
      .set({ headline: 'A new headline' })
      .where('headline', '=', HEADLINE)
      .execute();
    expect((await t.app.inject(articlePath)).body).toContain(HEADLINE);
    await t.deps.events.changed([EVERYTHING]);
    expect(t.pageCache.size).toBe(0);
    const fresh = await t.app.inject({
      url: articlePath,
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.body).toContain('A new headline');
    await t.storage.db
      .updateTable('articles')
      .set({ headline: HEADLINE })
      .where('headline', '=', 'A new headline')
      .execute();
    await t.deps.events.changed([EVERYTHING]);
  });

  it('serves home, section, tag and author pages with paginated archives', async () => {
    const home = await t.app.inject('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('class="lead-story"');
    const sectionLink = home.body.match(/href="(\/sections\/[a-z0-9-]+)"/)![1]!;
    const section = await t.app.inject(sectionLink);
    expect(section.statusCode).toBe(200);
    expect(section.body).toContain('<h1 class="page-title">');
    // One address per section: the singular form moves to it for good, page number and all.
    const singular = await t.app.inject(`${sectionLink.replace('/sections/', '/section/')}?page=2`);
    expect(singular.statusCode).toBe(301);
    expect(singular.headers.location).toBe(`${sectionLink}?page=2`);
    expect((await t.app.inject('/section/Not%20a%20slug')).statusCode).toBe(404);
    expect((await t.app.inject('/section/world?page=abc')).statusCode).toBe(400);
    const article = (await t.app.inject(articlePath)).body;
    const author = await t.app.inject(article.match(/href="(\/authors\/[a-z0-9-]+)" rel="author"/)![1]!);
    expect(author.statusCode).toBe(200);
    const tag = await t.app.inject(article.match(/href="(\/tags\/[a-z0-9-]+)"/)![1]!);
    expect(tag.statusCode).toBe(200);
    expect(tag.body).toContain(HEADLINE);
  });

  it('gives an unknown slug the styled 404 and a malformed page number a readable 400', async () => {
    const missing = await t.app.inject('/articles/no-such-story');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['cache-control']).toBe('no-store');
    expect(missing.body).toContain('<h1>Page not found</h1>');
    expect(missing.body).toContain('class="site-header"');
    expect((await t.app.inject('/articles/%3Cscript%3E')).statusCode).toBe(404);
    expect((await t.app.inject('/nowhere/at/all')).statusCode).toBe(404);
    for (const bad of ['abc', '0', '-1', '1.5', '99999999', '']) {
      const res = await t.app.inject(`/sections/world?page=${bad}`);
      expect(res.statusCode, `page=${bad}`).toBe(400);
      expect(res.body).toContain('The page number must be a whole number');
    }
    expect((await t.app.inject('/sections/world?page=500')).statusCode).toBe(404);
    // Broken percent-encoding never reaches a route: the router refuses it, still with our page.
    const badUrl = await t.app.inject('/sections/%C0');
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(badUrl.body).toContain('That address is not a valid web address.');
    expect(badUrl.body).toContain('class="site-header"');
    expect((await t.app.inject(`/articles/${'a'.repeat(400)}`)).statusCode).toBe(414);
    expect((await t.app.inject('/sections/world?utm_source=newsletter')).statusCode).toBe(200);
  });

  it('draws the logo the settings name in the masthead and names it in the publisher JSON-LD', async () => {
    // The demo seeds its own wordmark; without a logo the masthead sets the name in type.
    const settings = await readSiteSettings(t.storage.db);
    await saveSiteSettings(t.storage.db, { ...settings, logoMediaId: null }, new Date());
    await t.deps.events.changed([EVERYTHING]);
    const before = (await t.app.inject('/')).body;
    expect(before).not.toContain('site-logo');
    const png = await sharp({ create: { width: 800, height: 160, channels: 4, background: '#223344' } })
      .png()
      .toBuffer();
    const logo = await importImage(
      t.storage.db,
      t.files,
      { data: png, altText: 'The Riverside Ledger', rights: 'own' },
      new Date(),
    );
    await saveSiteSettings(t.storage.db, { ...settings, logoMediaId: logo.id }, new Date());
    await t.deps.events.changed([EVERYTHING]);
    try {
      for (const path of ['/', articlePath]) {
        const html = (await t.app.inject(path)).body;
        const masthead = html.slice(html.indexOf('<header class="site-header"'), html.indexOf('</header>'));
        expect(masthead).toMatch(/<a class="site-name site-logo" href="\/"><picture>/);
        expect(masthead).toContain(`alt="${settings.siteName}"`);
        expect(masthead).toMatch(/width="800" height="160"/);
        const ld = [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)]
          .map((m) => JSON.stringify(JSON.parse(m[1]!)))
          .join('');
        expect(ld, path).toMatch(
          /"logo":\{"@type":"ImageObject","url":"http[^"]+\/media\/[^"]+\.(?:png|jpg)","width":\d+,"height":\d+\}/,
        );
      }
    } finally {
      await saveSiteSettings(t.storage.db, settings, new Date());
      await t.deps.events.changed([EVERYTHING]);
    }
  });

  it('answers a JSON client with JSON errors', async () => {
    const res = await t.app.inject({
      url: '/articles/no-such-story',
      headers: { accept: 'application/json' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});

describe('when the database fails', () => {
  it('shows a 500 page that leaks nothing and names a request id', async () => {
    const broken = await buildTestApp();
    await broken.storage.db.schema.dropTable('article_tags').execute();
    await broken.storage.db.schema.dropTable('article_authors').execute();
    await broken.storage.db.schema.dropTable('articles').execute();
    const res = await broken.app.inject('/');
    expect(res.statusCode).toBe(500);
    expect(res.body).toContain('Something went wrong on our side');
    expect(res.body).toMatch(/quote req-[a-z0-9-]+/);
    expect(res.body).not.toMatch(/no such table|SqliteError|at .*\.ts:\d+|stack/i);
    await broken.close();
  });
});
