// The search page through the whole app on both databases: results with highlighted passages, filters,
// pages, the empty and "nothing found" states, headers, the query echoed back escaped, and 400s for
// filters that cannot be read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { addArticle, addSection, bodyOf } from '../../test/support/content.js';
import { testDatabases } from '../../test/support/databases.js';
import { indexStaleArticles } from './search-index.js';

describe.each(testDatabases)('the search page on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ database });
    const culture = await addSection(t.storage.db, 'culture', 'Culture');
    for (let i = 1; i <= 12; i++) {
      await addArticle(t.storage.db, {
        slug: `gallery-${i}`,
        headline: `Gallery story ${i}`,
        dek: i === 1 ? 'A <b>dek</b> & more' : '',
        sectionId: i % 3 === 0 ? culture : null,
        publishedAt: `2026-09-${String(i).padStart(2, '0')}T12:00:00.000Z`,
        body: bodyOf(`The museum opened a new wing on day ${i}.`),
      });
    }
    await addArticle(t.storage.db, { slug: 'draft', status: 'draft', body: bodyOf('Secret museum plans.') });
    await indexStaleArticles(t.storage.db);
  });
  afterAll(() => t.close());

  it('lists the stories found, with their highlighted passage, count and pages', async () => {
    const res = await t.app.inject('/search?q=museum');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=60, s-maxage=60');
    expect(res.headers['x-robots-tag']).toBe('noindex');
    const html = res.body;
    expect(html).toContain('<meta name="robots" content="noindex"/>');
    expect(html).toContain('12 stories found for “museum”');
    expect(html).toContain('The <mark>museum</mark> opened a new wing on day 12.');
    expect(html).not.toContain('Secret');
    expect(html.match(/class="search-result"/g)).toHaveLength(10);
    expect(html).toContain('Page 1 of 2');
    expect(html).toContain('href="/search?q=museum&amp;page=2" rel="next"');
    // The dek is the newsroom's text, shown as text.
    const second = await t.app.inject('/search?q=museum&page=2');
    expect(second.body.match(/class="search-result"/g)).toHaveLength(2);
    expect(second.body).toContain('<p class="search-dek">A &lt;b>dek&lt;/b> &amp; more</p>');
    expect(second.body).toContain('<ol class="search-results" start="11">');
  });

  it('filters by section and by days, keeping the filters in the form and the page links', async () => {
    const res = await t.app.inject('/search?q=museum&section=culture&from=2026-09-04&to=2026-09-09');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('2 stories found');
    expect(res.body).toContain('href="/articles/gallery-9"');
    expect(res.body).toContain('href="/articles/gallery-6"');
    expect(res.body).toContain('<option value="culture" selected>Culture</option>');
    expect(res.body).toContain('name="from" value="2026-09-04"');
  });

  it('says so plainly when nothing is found, and shows the form alone without words', async () => {
    const none = await t.app.inject('/search?q=zeppelin');
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('No stories found for “zeppelin”.');
    expect(none.body).not.toContain('class="search-results"');
    const empty = await t.app.inject('/search');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('id="search-page-q"');
    expect(empty.body).not.toContain('search-count');
  });

  it('echoes the query back escaped, in the title, the box and the count', async () => {
    const q = '"><script>alert(1)</script> \' & <mark>';
    const res = await t.app.inject(`/search?q=${encodeURIComponent(q)}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).not.toContain('<mark>');
    const escaped = "&quot;>&lt;script>alert(1)&lt;/script> ' &amp; &lt;mark>";
    expect(res.body).toContain(`<title>Search: ${escaped} – Broadsheet</title>`);
    expect(res.body).toContain(`id="search-page-q" name="q" value="${escaped}"`);
    expect(res.body).toContain(`No stories found for “${escaped}”.`);
  });

  it('answers hostile queries with a page, never a 500', async () => {
    for (const q of [
      'NEAR(a b)',
      '"unbalanced',
      'headline:museum',
      '\u0000',
      'x'.repeat(10_240),
      '🏛️*',
      '*',
    ]) {
      const res = await t.app.inject(`/search?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(200);
    }
    const repeated = await t.app.inject('/search?q=museum&q=other');
    expect(repeated.statusCode).toBe(200);
    expect(repeated.body).toContain('12 stories found for “museum”');
  });

  it('refuses filters it cannot read with a 400 naming them', async () => {
    for (const url of [
      '/search?q=museum&section=nowhere',
      '/search?q=museum&from=yesterday',
      '/search?q=museum&to=2026-02-30',
      '/search?q=museum&page=0',
      '/search?q=museum&page=abc',
    ]) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toContain('text/html');
    }
    expect((await t.app.inject('/search?q=museum&page=5000')).statusCode).toBe(404);
  });
});

describe('the masthead’s search form', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('is on every reader page: a labelled search landmark sending q to /search', async () => {
    const html = (await t.app.inject('/')).body;
    const start = html.indexOf('<form class="site-search"');
    const form = html.slice(start, html.indexOf('</form>', start) + 7);
    expect(form).toContain('role="search"');
    expect(form).toContain('action="/search" method="get"');
    expect(form).toContain('<label class="visually-hidden" for="site-search-q">Search stories</label>');
    expect(form).toContain('id="site-search-q" name="q"');
  });
});
