// Curated fronts and the banner through HTTP on both databases: the order of a front (pinned, lead,
// featured, the rest by date, nothing twice), drafts that stay out of sight until published, publishing that
// drops only the front it touched, a pin's expiry at a moved clock, a curated story unpublished, and the
// banner (set, escaped, links checked, expiry, its own cache tag).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { addArticle, addSection } from '../../test/support/content.js';
import { testDatabases } from '../../test/support/databases.js';
import { addStaff, type Browserish, post, signInAs } from '../../test/support/newsroom.js';
import { listingTagsOf } from '../articles/cache-tags.js';
import { listedArticle } from '../articles/listed-article.js';
import { EVERYTHING } from '../http/tagged-cache.js';
import { BANNER_TAG, frontTag } from './cache-tags.js';
import { announceExpiries } from './expiry-job.js';

describe.each(testDatabases)('curated fronts on $name', (database) => {
  let t: TestApp;
  let editor: Browserish;
  let contributor: Browserish;
  let now = new Date('2026-11-21T12:00:00.000Z');
  const changes: string[][] = [];
  const ids: Record<string, number> = {};
  let news = 0;
  let sport = 0;

  beforeAll(async () => {
    t = await buildTestApp({ database, clock: () => now });
    t.deps.events.onChange((tags) => changes.push([...tags]));
    const db = t.storage.db;
    news = await addSection(db, 'news', 'News', 0);
    sport = await addSection(db, 'sport', 'Sport', 1);
    // Ten stories a day apart: s9 is the newest.
    for (let i = 0; i < 10; i++) {
      ids[`s${i}`] = await addArticle(db, {
        slug: `s${i}`,
        headline: `Story number ${i}`,
        sectionId: i % 2 === 0 ? news : sport,
        publishedAt: new Date(Date.UTC(2026, 10, 10 + i, 9)).toISOString(),
      });
    }
    await t.deps.events.changed([EVERYTHING]);
    editor = await signInAs(t.app, (await addStaff(db, 'editor')).email);
    contributor = await signInAs(t.app, (await addStaff(db, 'contributor')).email);
  });
  afterAll(() => t.close());

  const page = async (url: string) => {
    const response = await t.app.inject(url);
    expect(response.statusCode, url).toBe(200);
    return response.body;
  };
  /** The order in which story headlines first appear on a page, and how often each does. */
  const headlines = (html: string) => [...html.matchAll(/>Story number (\d)</g)].map((m) => `s${m[1]}`);
  const slots = (stories: string[], extra: Record<string, string> = {}) =>
    Object.fromEntries([
      ...stories.map((s, i) => [`slot${i}`, s ? String(ids[s]) : '']),
      ...Object.entries(extra),
    ]);

  it('leads with the newest story when nothing is curated', async () => {
    const home = headlines(await page('/'));
    expect(home[0]).toBe('s9');
  });

  it('refuses contributors and forms without the session token', async () => {
    const asContributor = await post(t.app, '/admin/fronts/home', slots(['s1']), contributor);
    expect(asContributor.statusCode).toBe(403);
    const noToken = await post(t.app, '/admin/fronts/home', slots(['s1']), { cookie: editor.cookie });
    expect(noToken.statusCode).toBe(403);
    const unknown = await t.app.inject({
      url: '/admin/fronts/no-such-section',
      headers: { cookie: editor.cookie },
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('keeps a saved draft out of the live front, and shows it in the preview', async () => {
    await page('/');
    const saved = await post(
      t.app,
      '/admin/fronts/home',
      slots(['s2', 's4', 's6'], { pinned: String(ids.s1), action: 'save' }),
      editor,
    );
    expect(saved.statusCode).toBe(303);
    expect(changes.flat()).not.toContain(frontTag('home'));
    expect(t.pageCache.has('/')).toBe(true);
    expect(headlines(await page('/'))[0]).toBe('s9');

    const preview = await t.app.inject({
      url: '/admin/fronts/home/preview',
      headers: { cookie: editor.cookie },
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['cache-control']).toBe('no-store');
    expect(headlines(preview.body).slice(0, 4)).toEqual(['s1', 's2', 's4', 's6']);
    const editorPage = await t.app.inject({ url: '/admin/fronts/home', headers: { cookie: editor.cookie } });
    expect(editorPage.body).toContain('This draft differs from what readers see');
  });

  it('moves a slot up with a button, and publishing shows pinned, lead, featured, then the rest by date, each once', async () => {
    // s6 moves above s4: the order becomes s2, s6, s4.
    const moved = await post(
      t.app,
      '/admin/fronts/home',
      slots(['s2', 's4', 's6'], { pinned: String(ids.s1), move: 'up:2' }),
      editor,
    );
    expect(moved.statusCode).toBe(303);
    // The section pages are warm before the publication, to see that they stay.
    await page('/sections/news');
    await page('/sections/sport');
    changes.length = 0;
    const published = await post(
      t.app,
      '/admin/fronts/home',
      slots(['s2', 's6', 's4'], { pinned: String(ids.s1), action: 'publish' }),
      editor,
    );
    expect(published.statusCode).toBe(303);
    expect(changes).toEqual([[frontTag('home')]]);
    expect(t.pageCache.has('/')).toBe(false);
    expect(t.pageCache.has('/sections/news')).toBe(true);
    expect(t.pageCache.has('/sections/sport')).toBe(true);

    const home = headlines(await page('/'));
    expect(home.slice(0, 4)).toEqual(['s1', 's2', 's6', 's4']);
    // The rest by date, newest first, without the curated ones.
    expect(home.slice(4, 8)).toEqual(['s9', 's8', 's7', 's5']);
    expect(new Set(home).size).toBe(home.length);
  });

  it('curates a section front on its own, leaving the home page cached', async () => {
    await page('/');
    await page('/sections/sport');
    changes.length = 0;
    const published = await post(
      t.app,
      '/admin/fronts/news',
      slots(['s0', 's4'], { action: 'publish' }),
      editor,
    );
    expect(published.statusCode).toBe(303);
    expect(changes).toEqual([[frontTag(`section:${news}`)]]);
    expect(t.pageCache.has('/')).toBe(true);
    expect(t.pageCache.has('/sections/sport')).toBe(true);
    const section = headlines(await page('/sections/news'));
    expect(section.slice(0, 2)).toEqual(['s0', 's4']);
    expect(section.filter((s) => s === 's0')).toHaveLength(1);
    expect(section).toContain('s8');
  });

  it('takes an unpublished curated story off the front at once', async () => {
    await page('/');
    await t.storage.db.updateTable('articles').set({ status: 'draft' }).where('id', '=', ids.s2!).execute();
    // What editorial/announce.ts announces on unpublishing.
    await t.deps.events.changed(listingTagsOf(await listedArticle(t.storage.db, ids.s2!)));
    const home = headlines(await page('/'));
    expect(home).not.toContain('s2');
    // The next chosen story leads.
    expect(home.slice(0, 3)).toEqual(['s1', 's6', 's4']);
    await t.storage.db
      .updateTable('articles')
      .set({ status: 'published' })
      .where('id', '=', ids.s2!)
      .execute();
    await t.deps.events.changed(listingTagsOf(await listedArticle(t.storage.db, ids.s2!)));
  });

  it('drops an expired pin: the job announces the front when the clock passes its time', async () => {
    const published = await post(
      t.app,
      '/admin/fronts/home',
      slots(['s2'], { pinned: String(ids.s3), pinned_until: '2026-11-21T15:00', action: 'publish' }),
      editor,
    );
    expect(published.statusCode).toBe(303);
    expect(headlines(await page('/'))[0]).toBe('s3');
    expect(await announceExpiries(t.storage.db, t.deps.events, now)).toEqual([]);
    expect(t.pageCache.has('/')).toBe(true);

    now = new Date('2026-11-21T15:00:01.000Z');
    expect(await announceExpiries(t.storage.db, t.deps.events, now)).toEqual([frontTag('home')]);
    expect(t.pageCache.has('/')).toBe(false);
    const home = headlines(await page('/'));
    expect(home[0]).toBe('s2');
    // s3 is now only one of the stories by date.
    expect(home.filter((s) => s === 's3')).toHaveLength(1);
    // Announced once.
    expect(await announceExpiries(t.storage.db, t.deps.events, now)).toEqual([]);
  });

  it('refuses a pin expiry in the past, keeping the live front', async () => {
    const refused = await post(
      t.app,
      '/admin/fronts/home',
      slots(['s5'], { pinned: String(ids.s3), pinned_until: '2026-01-01T10:00', action: 'publish' }),
      editor,
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Choose a time in the future');
    expect(headlines(await page('/'))[0]).toBe('s2');
  });
});

describe.each(testDatabases)('the breaking-news banner on $name', (database) => {
  let t: TestApp;
  let editor: Browserish;
  let now = new Date('2026-11-21T12:00:00.000Z');
  const changes: string[][] = [];

  beforeAll(async () => {
    t = await buildTestApp({ database, clock: () => now });
    t.deps.events.onChange((tags) => changes.push([...tags]));
    editor = await signInAs(t.app, (await addStaff(t.storage.db, 'editor')).email);
  });
  afterAll(() => t.close());

  const banner = () => t.app.inject('/banner');

  it('is an empty fragment until an editor sets one, and every page has the empty slot', async () => {
    const empty = await banner();
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toBe('');
    expect(empty.headers['surrogate-key'] ?? empty.headers['cache-tag']).toContain(BANNER_TAG);
    expect((await t.app.inject('/')).body).toContain('data-banner-slot="/banner"');
  });

  it('sets a banner, escaped, with a checked link, announcing only the banner', async () => {
    await banner();
    await t.app.inject('/');
    changes.length = 0;
    const set = await post(
      t.app,
      '/admin/banner',
      { text: 'Bridge <closed> & "flooded"', link: '/articles/bridge', style: 'developing', expiresAt: '' },
      editor,
    );
    expect(set.statusCode).toBe(303);
    expect(changes).toEqual([[BANNER_TAG]]);
    expect(t.pageCache.has('/')).toBe(true);
    const shown = await banner();
    expect(shown.body).toContain('Bridge &lt;closed> &amp; &quot;flooded&quot;');
    expect(shown.body).toContain('href="/articles/bridge"');
    expect(shown.body).toContain('Developing');
    expect(shown.body).toContain('data-banner-version="1"');
  });

  it('refuses a link that is not http(s) or a path of this site, and empty text', async () => {
    for (const link of [
      'javascript:alert(1)',
      '//evil.example/x',
      'data:text/html,hi',
      'ftp://example.org/',
    ]) {
      const refused = await post(
        t.app,
        '/admin/banner',
        { text: 'Hello', link, style: 'breaking', expiresAt: '' },
        editor,
      );
      expect(refused.statusCode, link).toBe(400);
      expect(refused.body).toContain('Use a web address');
    }
    const empty = await post(
      t.app,
      '/admin/banner',
      { text: '  ', link: '', style: 'breaking', expiresAt: '' },
      editor,
    );
    expect(empty.statusCode).toBe(400);
    const badStyle = await post(
      t.app,
      '/admin/banner',
      { text: 'Hi', link: '', style: 'shouting', expiresAt: '' },
      editor,
    );
    expect(badStyle.statusCode).toBe(400);
    expect((await banner()).body).toContain('data-banner-version="1"');
  });

  it('moves its version on a change and goes away at its expiry', async () => {
    const set = await post(
      t.app,
      '/admin/banner',
      {
        text: 'Polls close at 8',
        link: 'https://example.org/results',
        style: 'breaking',
        expiresAt: '2026-11-21T13:00',
      },
      editor,
    );
    expect(set.statusCode).toBe(303);
    const shown = await banner();
    expect(shown.body).toContain('data-banner-version="2"');
    expect(shown.body).toContain('href="https://example.org/results"');
    expect(await announceExpiries(t.storage.db, t.deps.events, now)).toEqual([]);

    now = new Date('2026-11-21T13:00:00.000Z');
    expect(await announceExpiries(t.storage.db, t.deps.events, now)).toEqual([BANNER_TAG]);
    expect((await banner()).body).toBe('');
  });

  it('is removed by an editor', async () => {
    now = new Date('2026-11-21T14:00:00.000Z');
    await post(
      t.app,
      '/admin/banner',
      { text: 'Back again', link: '', style: 'notice', expiresAt: '' },
      editor,
    );
    expect((await banner()).body).toContain('Back again');
    const removed = await post(t.app, '/admin/banner/remove', {}, editor);
    expect(removed.statusCode).toBe(303);
    expect((await banner()).body).toBe('');
  });
});
