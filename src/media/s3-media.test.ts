// The media library on a bucket, through the whole app, against a real server speaking S3 (s3rver): an upload
// through the newsroom's form lands its original and variants in the bucket, /media/* streams them from a
// private bucket with the same caching and 304s as files on disk, MEDIA_PUBLIC_URL points every reader-facing
// address at a public bucket or CDN, and a bucket that fails (gone, half-way, or the row refused) leaves
// neither a row nor an object, and the form keeps what was typed.

import { readdir } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../demo/seed.js';
import { buildTestApp, TEST_ORIGIN, type TestApp } from '../../test/support/app.js';
import { addStaff, type Browserish, signInAs } from '../../test/support/newsroom.js';
import { type S3StandIn, startS3StandIn } from '../../test/support/s3-stand-in.js';
import { s3FileStore } from './s3-file-store.js';

const DETAILS = {
  altText: 'Fishing boats <moored> at dawn',
  caption: 'Typed before the bucket went away',
  creditPerson: 'Ana Silva',
  creditOrganization: 'Harbour Times',
  rights: 'own',
  licenseUrl: '',
  licenseExpiresAt: '',
  copyrightNotice: '© 2026 Ana Silva',
};

async function photo() {
  return sharp({ create: { width: 900, height: 600, channels: 3, background: '#336699' } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** The upload form as a browser posts it (Node's own FormData), through the real admin route. */
async function upload(
  app: FastifyInstance,
  who: Browserish,
  data: Buffer,
  headers: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [name, value] of Object.entries({ _csrf: who.csrf, ...DETAILS })) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(data)], { type: 'image/jpeg' }), 'harbour.jpg');
  const request = new Request('http://127.0.0.1/', { method: 'POST', body: form });
  return app.inject({
    method: 'POST',
    url: '/admin/media',
    headers: {
      origin: TEST_ORIGIN,
      cookie: who.cookie,
      'content-type': request.headers.get('content-type')!,
      ...headers,
    },
    payload: Buffer.from(await request.arrayBuffer()),
  });
}

async function mediaRows(site: TestApp) {
  return site.storage.db.selectFrom('media').select(['id', 'storage_key', 'variants']).execute();
}

function keysOf(row: { storage_key: string; variants: string }): string[] {
  return [row.storage_key, ...(JSON.parse(row.variants) as { key: string }[]).map((v) => v.key)].sort();
}

function expectTypedWordsKept(html: string) {
  expect(html).toContain('Fishing boats &lt;moored> at dawn</textarea>');
  expect(html).toContain('Typed before the bucket went away</textarea>');
  expect(html).toContain('value="Ana Silva"');
  expect(html).toContain('value="Harbour Times"');
  expect(html).toMatch(/<option value="own" selected/);
}

let s3: S3StandIn;
beforeAll(async () => {
  s3 = await startS3StandIn();
});
afterAll(() => s3.close());

describe('media in a private bucket, served through /media/*', () => {
  let site: TestApp;
  let who: Browserish;
  let image: Buffer;
  const logged: string[] = [];

  beforeAll(async () => {
    site = await buildTestApp({
      env: { ...s3.env('private'), LOG_LEVEL: 'error' },
      files: s3.store('private'),
      logStream: { write: (line) => void logged.push(line) },
    });
    const staff = await addStaff(site.storage.db, 'contributor', { email: 'bucket@example.org' });
    who = await signInAs(site.app, staff.email);
    image = await photo();
  });
  afterAll(() => site.close());

  it('stores an upload through the newsroom form in the bucket, original and every variant, and nothing on disk', async () => {
    const answer = await upload(site.app, who, image);
    expect(answer.statusCode).toBe(303);
    const rows = await mediaRows(site);
    expect(rows).toHaveLength(1);
    const keys = keysOf(rows[0]!);
    expect(keys.length).toBeGreaterThan(3);
    expect(await s3.keys('private')).toEqual(keys);
    expect(await readdir(site.mediaDir)).toEqual([]);
  });

  it('serves a file from the bucket with a year of caching and its ETag, answers a revalidation with 304, and a missing file with 404', async () => {
    const [row] = await mediaRows(site);
    const webp = (JSON.parse(row!.variants) as { key: string; format: string }[]).find(
      (v) => v.format === 'webp',
    )!;
    const stored = (await site.files.get(webp.key))!;

    const served = await site.app.inject(`/media/${webp.key}`);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/webp');
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(served.headers['content-length']).toBe(String(stored.length));
    expect(served.rawPayload.equals(stored)).toBe(true);
    const etag = served.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);

    const again = await site.app.inject({ url: `/media/${webp.key}`, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    const missing = await site.app.inject(`/media/${webp.key.replace(/^[^/]+/, 'f'.repeat(8))}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['cache-control']).toBe('no-store');
  });

  it("shows the image's variants at this site's /media/ addresses when MEDIA_PUBLIC_URL is not set", async () => {
    const [row] = await mediaRows(site);
    const page = await site.app.inject({ url: `/admin/media/${row!.id}`, headers: { cookie: who.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(new RegExp(`srcset="/media/${row!.storage_key.split('/')[0]}/[^" ]+ \\d+w`));
    expect(page.headers['content-security-policy']).toContain("img-src 'self' data:;");
  });

  it('refuses an upload while the bucket is unreachable (503 naming the storage), keeps every word, writes no row; /media/* answers 503', async () => {
    const [row] = await mediaRows(site);
    await s3.stop();
    try {
      const page = await upload(site.app, who, image);
      expect(page.statusCode).toBe(503);
      expect(page.headers['retry-after']).toBe('30');
      expect(page.body).toContain(
        `The media storage (bucket &quot;newsroom-media&quot; at ${s3.endpoint}) cannot be reached.`,
      );
      expect(page.body).toContain('choose the file again');
      expectTypedWordsKept(page.body);

      const json = await upload(site.app, who, image, { accept: 'application/json' });
      expect(json.statusCode).toBe(503);
      expect(json.json()).toMatchObject({ error: { code: 'MEDIA_STORAGE_UNREACHABLE' } });
      expect(await mediaRows(site)).toHaveLength(1);

      const file = await site.app.inject(`/media/${row!.storage_key}`);
      expect(file.statusCode).toBe(503);
      expect(file.headers['cache-control']).toBe('no-store');
      expect(file.body).toBe('The media storage cannot be reached right now.');

      // Whoever runs the server reads the cause by its code; never the keys (s3rver's id and secret: S3RVER).
      const lines = logged.map(
        (line) => JSON.parse(line) as { msg: string; errno?: string; reason?: string },
      );
      expect(lines.filter((l) => l.msg === 'the media storage refused an upload')).toHaveLength(2);
      expect(lines.find((l) => l.msg === 'the media storage could not be read')).toMatchObject({
        errno: 'ECONNREFUSED',
        reason: 'unreachable',
      });
      expect(logged.join('\n')).not.toContain('S3RVER');
    } finally {
      await s3.start();
    }
    // Once the bucket is back, so is everything; the failed uploads left no object behind.
    expect(await s3.keys('private')).toEqual(keysOf(row!));
    expect((await upload(site.app, who, image)).statusCode).toBe(303);
    expect(await mediaRows(site)).toHaveLength(2);
  });

  it('removes the objects it wrote when the row cannot be inserted', async () => {
    const before = await s3.keys('private');
    await sql`CREATE TRIGGER refuse_media BEFORE INSERT ON media BEGIN SELECT RAISE(ABORT, 'row refused'); END`.execute(
      site.storage.db,
    );
    try {
      const answer = await upload(site.app, who, image);
      expect(answer.statusCode).toBe(500);
    } finally {
      await sql`DROP TRIGGER refuse_media`.execute(site.storage.db);
    }
    expect(await s3.keys('private')).toEqual(before);
    expect(await mediaRows(site)).toHaveLength(2);
  });
});

/**
 * A proxy in front of the stand-in that passes the first `allowedPuts` uploads of objects, then answers every
 * further PUT with S3's 503 while still passing reads and deletes: a bucket failing half-way through an image.
 */
async function failingAfter(
  target: string,
  allowedPuts: number,
): Promise<{ server: Server; endpoint: string; puts: () => number }> {
  const upstream = new URL(target);
  let puts = 0;
  const server = createServer((req, res) => {
    if (req.method === 'PUT' && ++puts > allowedPuts) {
      req.resume();
      res.writeHead(503, { 'content-type': 'application/xml' });
      res.end('<?xml version="1.0"?><Error><Code>ServiceUnavailable</Code><Message>Gone</Message></Error>');
      return;
    }
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, puts: () => puts };
}

describe('a bucket that fails half-way through an upload', () => {
  let site: TestApp;
  let who: Browserish;
  let proxy: Awaited<ReturnType<typeof failingAfter>>;

  beforeAll(async () => {
    proxy = await failingAfter(s3.endpoint, 3);
    const files = s3FileStore({ ...s3.settings('halfway'), endpoint: proxy.endpoint });
    site = await buildTestApp({ env: s3.env('halfway'), files });
    const staff = await addStaff(site.storage.db, 'contributor', { email: 'halfway@example.org' });
    who = await signInAs(site.app, staff.email);
  });
  afterAll(async () => {
    await site.close();
    await site.files.close();
    proxy.server.close();
  });

  it('removes the objects already written, writes no row, and keeps every word', async () => {
    const page = await upload(site.app, who, await photo());
    expect(page.statusCode).toBe(503);
    expectTypedWordsKept(page.body);
    expect(await mediaRows(site)).toHaveLength(0);
    // Three objects went in before the failure (the fourth was tried three times); the upload took them out.
    expect(proxy.puts()).toBe(6);
    expect(await s3.keys('halfway')).toEqual([]);
  });
});

describe('media at a public address (MEDIA_PUBLIC_URL)', () => {
  const CDN = 'https://cdn.example.net/site-media';
  let site: TestApp;

  beforeAll(async () => {
    site = await buildTestApp({
      env: { ...s3.env('public'), MEDIA_PUBLIC_URL: `${CDN}/` },
      files: s3.store('public'),
    });
    await seedDemoIfEmpty(site.storage.db, site.files, new Date());
  });
  afterAll(() => site.close());

  it('points pictures, Open Graph, JSON-LD, feeds and sitemaps at the public address, and lets the CSP load images from it', async () => {
    const keys = await s3.keys('public');
    expect(keys.length).toBeGreaterThan(0);

    const home = await site.app.inject('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toMatch(new RegExp(`srcset="${CDN}/[0-9a-f-]+/\\d+\\.(avif|webp|jpg) \\d+w`));
    expect(home.body).not.toMatch(/srcset="\/media\//);
    expect(home.headers['content-security-policy']).toContain(
      "img-src 'self' data: https://cdn.example.net;",
    );

    const slug = /href="\/articles\/([^"]+)"/.exec(home.body)![1]!;
    const article = await site.app.inject(`/articles/${slug}`);
    expect(article.statusCode).toBe(200);
    expect(article.body).toMatch(new RegExp(`<meta property="og:image" content="${CDN}/`));
    const jsonLd = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(article.body)![1]!;
    expect(jsonLd).toContain(`"${CDN}/`);
    expect(jsonLd).not.toContain('127.0.0.1:3000/media/');

    const feed = await site.app.inject('/feed.xml');
    expect(feed.body).toContain(`${CDN}/`);
    expect(feed.body).not.toContain('/media/');
    // The body's pictures too, and none with the site's address put in front of the public one.
    expect(feed.body).toContain(`srcset=&quot;${CDN}/`);
    for (const text of [feed.body, article.body, home.body])
      expect(text).not.toContain(`${TEST_ORIGIN}https`);

    const sitemap = await site.app.inject('/sitemap-articles-1.xml');
    expect(sitemap.statusCode).toBe(200);
    expect(sitemap.body).toMatch(new RegExp(`<image:loc>${CDN}/[^<]+</image:loc>`));
    expect(sitemap.body).not.toContain('/media/');

    // Every address given points at an object that is in the bucket under that key.
    const given = [...home.body.matchAll(new RegExp(`${CDN}/([^" ,]+)`, 'g'))].map((m) => m[1]!);
    expect(given.length).toBeGreaterThan(0);
    for (const key of given) expect(keys).toContain(key);
  });
});
