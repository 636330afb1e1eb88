// CDN purging through the whole app: every cacheable public page (story, lists, home, feeds, sitemaps)
// names what it shows in Surrogate-Key and Cache-Tag, also when the fast path replays it over a socket;
// newsroom and personal pages name nothing; and a settings change saved in the newsroom is purged at the
// CDN as everything, by the queue reading the record the app wrote, with /metrics reporting the queue.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsToForm } from '../src/admin/settings/settings-form.js';
import { cdnPurgeQueue } from '../src/cdn/purge-queue.js';
import { purgeApiFor } from '../src/server/cdn-purge.js';
import { readSiteSettings } from '../src/site/settings.js';
import { localContentEvents } from '../src/storage/content-events.js';
import { durableContentEvents } from '../src/storage/durable-content-events.js';
import { buildTestApp, type TestApp } from './support/app.js';
import { startCloudflareStandin } from './support/cloudflare-standin.js';
import { addArticle, addAuthor, addMedia, addSection, addTag, bodyOf } from './support/content.js';
import { testDatabases } from './support/databases.js';
import { freePort } from './support/free-port.js';
import { addStaff, post, signInAs } from './support/newsroom.js';

const ZONE = '0123456789abcdef0123456789abcdef';
const TOKEN = 'cf-api-token-abcdefghijklmnopqrstuvwxyz';
const METRICS_TOKEN = 'metrics-token-0123456789';

let t: TestApp;
let cdn: Awaited<ReturnType<typeof startCloudflareStandin>>;
let ids: { section: number; tag: number; author: number; media: number; article: number; older: number };

const keysOf = (headers: Record<string, unknown>) => String(headers['surrogate-key'] ?? '').split(' ');

beforeAll(async () => {
  cdn = await startCloudflareStandin(ZONE, TOKEN);
  t = await buildTestApp({
    database: testDatabases[0],
    env: {
      CDN_PURGE: 'cloudflare',
      CLOUDFLARE_ZONE_ID: ZONE,
      CLOUDFLARE_API_TOKEN: TOKEN,
      CDN_PURGE_API_URL: cdn.url,
      METRICS_TOKEN,
    },
    events: (storage) => durableContentEvents(localContentEvents(), { db: storage.db, pollMs: 60_000 }),
  });
  const db = t.storage.db;
  const section = await addSection(db, 'world', 'World');
  const tag = await addTag(db, 'ukraine', 'Ukraine');
  const author = await addAuthor(db, 'ana-reporter', 'Ana Reporter');
  const media = await addMedia(db, 'kharkiv');
  const common = { sectionId: section, tagIds: [tag], authorIds: [author], heroMediaId: media };
  const older = await addArticle(db, {
    slug: 'older-story',
    publishedAt: '2026-11-19T10:00:00.000Z',
    ...common,
  });
  const article = await addArticle(db, {
    slug: 'first-story',
    body: bodyOf('Words. '.repeat(300)),
    ...common,
  });
  ids = { section, tag, author, media, article, older };
  await db
    .insertInto('slug_redirects')
    .values({ old_slug: 'first-story-old', article_id: article, created_at: '2026-11-20T10:00:00.000Z' })
    .execute();
});
afterAll(async () => {
  await t?.close();
  await cdn?.close();
});

describe('surrogate keys on public pages', () => {
  const cases: Array<[string, () => string[]]> = [
    [
      '/articles/first-story',
      () => [`article:${ids.article}`, `media:${ids.media}`, `author-profile:${ids.author}`],
    ],
    ['/sections/world', () => [`section:${ids.section}`, `article:${ids.article}`, `article:${ids.older}`]],
    ['/tags/ukraine', () => [`tag:${ids.tag}`, `article:${ids.article}`]],
    ['/authors/ana-reporter', () => [`author:${ids.author}`, `article:${ids.article}`]],
    ['/', () => ['latest', `article:${ids.article}`, `media:${ids.media}`]],
    ['/feed.xml', () => ['latest', 'feed', `article:${ids.article}`]],
    ['/sections/world/feed.json', () => [`section:${ids.section}`, 'feed', `article:${ids.older}`]],
    ['/tags/ukraine/atom.xml', () => [`tag:${ids.tag}`, 'feed']],
    ['/sitemap.xml', () => ['sitemaps']],
    ['/sitemap-news.xml', () => ['sitemaps', 'latest']],
  ];
  for (const [url, expected] of cases) {
    it(`${url} names what it shows, the same keys for Fastly and Cloudflare`, async () => {
      const page = await t.app.inject({ url });
      expect(page.statusCode).toBe(200);
      const keys = keysOf(page.headers);
      expect(keys).toEqual(expect.arrayContaining(expected()));
      expect(String(page.headers['cache-tag']).split(',')).toEqual(keys);
      // Purging is on: the edge keeps the page until a change purges it.
      expect(page.headers['cdn-cache-control']).toMatch(/^max-age=86400, /);
    });
  }

  it("names the article on an old slug's redirect, so that a change to the article drops it too", async () => {
    const moved = await t.app.inject({ url: '/articles/first-story-old' });
    expect(moved.statusCode).toBe(301);
    expect(moved.headers.location).toBe('/articles/first-story');
    expect(moved.headers['surrogate-key']).toBe(`article:${ids.article}`);
    expect(moved.headers['cache-tag']).toBe(`article:${ids.article}`);
  });

  it('names nothing on newsroom and personal pages', async () => {
    const { email } = await addStaff(t.storage.db, 'admin');
    const admin = await signInAs(t.app, email);
    for (const [url, cookie] of [
      ['/admin/sign-in', undefined],
      ['/admin', admin.cookie],
      ['/admin/settings', admin.cookie],
      ['/comments/my-data', undefined],
      ['/no-such-page', undefined],
    ] as const) {
      const page = await t.app.inject({ url, headers: cookie ? { cookie } : {} });
      expect(page.statusCode, url).toBeLessThan(500);
      expect(page.headers['surrogate-key'], url).toBeUndefined();
      expect(page.headers['cache-tag'], url).toBeUndefined();
      expect(page.headers['cdn-cache-control'], url).toBeUndefined();
    }
  });

  it('sends the same keys when the fast path replays a cached page over a socket', async () => {
    const port = await freePort();
    await t.app.listen({ host: '127.0.0.1', port });
    const get = (url: string) =>
      new Promise<IncomingHttpHeaders>((resolve, reject) => {
        httpRequest(`http://127.0.0.1:${port}${url}`, (res) => {
          res.resume();
          res.on('end', () => resolve(res.headers));
        })
          .on('error', reject)
          .end();
      });
    const replayedBefore = t.replayCachedPage.replayed;
    // Not asked for before: the first answer is the app's, the second the fast path's.
    const first = await get('/authors/ana-reporter/feed.xml');
    const second = await get('/authors/ana-reporter/feed.xml');
    expect(t.replayCachedPage.replayed).toBe(replayedBefore + 1);
    expect(second['surrogate-key']).toBe(first['surrogate-key']);
    expect(second['cache-tag']).toBe(first['cache-tag']);
    expect(second['cdn-cache-control']).toBe(first['cdn-cache-control']);
    expect(keysOf(second)).toEqual(
      expect.arrayContaining([`author:${ids.author}`, 'feed', `article:${ids.article}`]),
    );
  });
});

describe('a settings change in the newsroom', () => {
  it('is purged at the CDN as everything, once, and /metrics reports the queue', async () => {
    const config = t.deps.config.cdnPurge!;
    const logged: string[] = [];
    const queue = cdnPurgeQueue({
      db: t.storage.db,
      api: purgeApiFor(config),
      log: { error: (obj, msg) => logged.push(`${msg} ${JSON.stringify(obj)}`) },
    });
    await queue.poll();
    const before = cdn.purges.length;
    const metrics = async () =>
      (await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).body;

    const { email } = await addStaff(t.storage.db, 'admin');
    const admin = await signInAs(t.app, email);
    const saved = await post(
      t.app,
      '/admin/settings',
      { ...settingsToForm(await readSiteSettings(t.storage.db)), siteName: 'The Valley Ledger' },
      admin,
    );
    expect(saved.statusCode).toBe(303);
    expect(await metrics()).toMatch(/^broadsheet_cdn_purge_queue 1$/m);
    await queue.poll();
    await queue.poll();
    expect(cdn.purges.slice(before)).toEqual([{ everything: true }]);
    expect(await metrics()).toMatch(/^broadsheet_cdn_purge_queue 0$/m);
    expect(await metrics()).toMatch(/^broadsheet_cdn_purge_failures 0$/m);
    expect(logged).toEqual([]);
    await queue.stop();
  });
});
