// A real WordPress REST client (node-wpapi, npm `wpapi`) against the app listening on a port: what it asks
// for, how it pages (its `_paging` read from our X-WP-Total, X-WP-TotalPages and Link headers), embeds and
// reads our errors, exactly as it would against WordPress. (It sends `page` first: the links keep that order.)

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WPAPI from 'wpapi';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { testDatabases } from '../../test/support/databases.js';
import { freePort } from '../../test/support/free-port.js';
import { type Fixture, seedWordPressFixture } from '../../test/support/wordpress-fixture.js';

type Item = Record<string, unknown> & { id: number };
type Listed = Item[] & {
  _paging?: { total: number; totalPages: number; links: Record<string, string>; next?: PromiseLike<unknown> };
};

describe.each(testDatabases)('node-wpapi against the app on $name', (database) => {
  let t: TestApp;
  let f: Fixture;
  let wp: WPAPI;
  let url: string;

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    t = await buildTestApp({ database, env: { PUBLIC_URL: url } });
    f = await seedWordPressFixture(t.storage.db);
    await t.app.listen({ host: '127.0.0.1', port });
    wp = new WPAPI({ endpoint: `${url}/wp-json` });
  });
  afterAll(() => t?.close());

  it('pages posts with perPage and page, and follows _paging.next', async () => {
    const second = (await wp.posts().perPage(2).page(2)) as Listed;
    expect(second.map((p) => p.id)).toEqual([f.posts[2], f.posts[1]]);
    expect(second._paging?.total).toBe(5);
    expect(second._paging?.totalPages).toBe(3);
    expect(second._paging?.links.next).toBe(`${url}/wp-json/wp/v2/posts?page=3&per_page=2`);
    expect(second._paging?.links.prev).toBe(`${url}/wp-json/wp/v2/posts?page=1&per_page=2`);
    const third = (await second._paging!.next!) as Listed;
    expect(third.map((p) => p.id)).toEqual([f.posts[0]]);
    expect(third._paging?.next).toBeUndefined();
  });

  it('filters posts by category and slug, and fetches one by id', async () => {
    const local = (await wp.posts().categories(f.local)) as Listed;
    expect(local.map((p) => p.id)).toEqual([f.posts[3], f.posts[1]]);
    const bySlug = (await wp.posts().slug('story-3')) as Listed;
    expect(bySlug).toHaveLength(1);
    expect((bySlug[0]!.title as { rendered: string }).rendered).toBe('Floods &lt;reach&gt; the valley');
    const one = (await wp.posts().id(f.posts[0]!)) as Item;
    expect(one.slug).toBe('story-1');
    expect(one.link).toBe(`${url}/articles/story-1`);
  });

  it('embeds the author, featured image and terms with .embed()', async () => {
    const post = (await wp.posts().id(f.posts[0]!).embed()) as Item & {
      _embedded: Record<string, unknown[]>;
    };
    expect((post._embedded.author![0] as Item).id).toBe(f.ana);
    expect((post._embedded['wp:featuredmedia']![0] as Item).source_url).toBe(`${url}/media/hero/1200.jpg`);
    expect((post._embedded['wp:term']![0] as Item[])[0]!.slug).toBe('world');
  });

  it('lists categories, users, media and a post’s comments', async () => {
    const categories = (await wp.categories()) as Listed;
    expect(categories.map((c) => c.slug)).toEqual(['local', 'world']);
    expect(categories._paging?.total).toBe(2);
    const users = (await wp.users()) as Listed;
    expect(users.map((u) => u.slug)).toEqual(['ana', 'ben']);
    expect(JSON.stringify(users)).not.toMatch(/email|@example\.org/);
    const media = (await wp.media()) as Listed;
    expect(media.map((m) => m.id)).toEqual([f.bodyImage, f.hero]);
    const comments = (await wp.comments().forPost(f.posts[0]!)) as Listed;
    expect(comments.map((c) => c.id).sort()).toEqual([f.comment, f.reply].sort());
    expect(comments.every((c) => c.post === f.posts[0])).toBe(true);
  });

  it('discovers the API from the site’s address by the Link header of its pages', async () => {
    // A plain GET of a cached page is answered before the app sees it, with the headers it first had.
    const link = `<${url}/wp-json/>; rel="https://api.w.org/"`;
    const replayed = t.replayCachedPage.replayed;
    for (let i = 0; i < 3; i++) expect((await fetch(`${url}/`)).headers.get('link')).toBe(link);
    expect(t.replayCachedPage.replayed).toBeGreaterThan(replayed);
    // Twice: the front page rendered, then from the page cache.
    for (let i = 0; i < 2; i++) {
      const found = await WPAPI.discover(url);
      const posts = (await found.posts().perPage(1)) as Listed;
      expect(posts.map((p) => p.id)).toEqual([f.posts[4]]);
    }
  });

  it('rejects with WordPress’s errors: a missing post, a bad per_page, a write', async () => {
    const missing = await Promise.resolve(wp.posts().id(999999)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(missing).toMatchObject({ code: 'rest_post_invalid_id', data: { status: 404 } });
    const tooMany = await Promise.resolve(wp.posts().perPage(500)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(tooMany).toMatchObject({ code: 'rest_invalid_param', data: { status: 400 } });
    const write = await wp
      .posts()
      .create({ title: 'From a client', status: 'publish' })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(write).toMatchObject({ code: 'rest_cannot_create', data: { status: 401 } });
    expect(((await wp.posts()) as Listed)._paging?.total).toBe(5);
  });
});
