// /media/* through Fastify's inject(), over a real folder: exact types, year-long caching, 304s, and keys
// that try to leave the store. The local store's own guarantees are checked here too.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Invalid } from '../http/errors.js';
import { isSafeKey, LocalFileStore } from './file-store.js';
import { matchesIfNoneMatch, mediaRoutes } from './routes.js';

let dir: string;
let root: string;
let store: LocalFileStore;
let app: FastifyInstance;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'broadsheet-routes-'));
  // The store is a folder inside the temp folder, so a file "outside" it is still ours to clean up.
  root = join(dir, 'store');
  await mkdir(root);
  store = new LocalFileStore(root);
  app = Fastify();
  await app.register(mediaRoutes({ store }));
});

afterEach(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

const bytes = (text: string) => Buffer.from(text);

describe('GET /media/*', () => {
  it('serves each format with its exact Content-Type, the bytes, and immutable caching', async () => {
    const types = {
      avif: 'image/avif',
      webp: 'image/webp',
      jpg: 'image/jpeg',
      png: 'image/png',
      gif: 'image/gif',
    };
    for (const [ext, type] of Object.entries(types)) {
      const key = `abc-123/640.${ext}`;
      await store.put(key, bytes(`pixels of ${ext}`), type);
      const res = await app.inject({ url: `/media/${key}` });
      expect(res.statusCode, key).toBe(200);
      expect(res.headers['content-type'], key).toBe(type);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers.etag).toMatch(/^"[^"]+"$/);
      expect(res.headers['content-length']).toBe(String(`pixels of ${ext}`.length));
      expect(res.body).toBe(`pixels of ${ext}`);
    }
  });

  it('answers 304 with no body when the ETag matches, and 200 when it does not', async () => {
    await store.put('a/320.webp', bytes('webp bytes'), 'image/webp');
    const first = await app.inject({ url: '/media/a/320.webp' });
    const etag = first.headers.etag as string;

    const same = await app.inject({ url: '/media/a/320.webp', headers: { 'if-none-match': etag } });
    expect(same.statusCode).toBe(304);
    expect(same.body).toBe('');
    expect(same.headers.etag).toBe(etag);
    expect(same.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    const inList = await app.inject({
      url: '/media/a/320.webp',
      headers: { 'if-none-match': `"other", W/${etag}` },
    });
    expect(inList.statusCode).toBe(304);

    const other = await app.inject({
      url: '/media/a/320.webp',
      headers: { 'if-none-match': '"something-else"' },
    });
    expect(other.statusCode).toBe(200);
    expect(other.body).toBe('webp bytes');
  });

  it('answers 404, not cached, for a key that is not in the store', async () => {
    const res = await app.inject({ url: '/media/nope/640.jpg' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('never serves what is not a published format, such as an interrupted write', async () => {
    await writeFile(join(root, 'leftover.jpg.1234.tmp'), 'half an image');
    await writeFile(join(root, 'notes.txt'), 'secret');
    expect((await app.inject({ url: '/media/leftover.jpg.1234.tmp' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/media/notes.txt' })).statusCode).toBe(404);
  });

  it('answers 400 for keys that try to climb out of the store or name hidden files', async () => {
    await writeFile(join(dir, 'outside.jpg'), 'outside');
    for (const url of [
      '/media/..%2Foutside.jpg',
      '/media/a/..%2F..%2Foutside.jpg',
      '/media/a%5C..%5Coutside.jpg',
      '/media/.hidden.jpg',
      '/media/a//b.jpg',
      '/media/%00.jpg',
      '/media/',
    ]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(400);
      expect(res.body, url).toBe('That is not a valid media address.');
    }
  });

  it('answers HEAD with the headers and no body', async () => {
    await store.put('h/320.png', bytes('png bytes'), 'image/png');
    const res = await app.inject({ method: 'HEAD', url: '/media/h/320.png' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.body).toBe('');
  });
});

describe('matchesIfNoneMatch', () => {
  it('compares weakly and understands lists and *', () => {
    expect(matchesIfNoneMatch('"x"', '"x"')).toBe(true);
    expect(matchesIfNoneMatch('W/"x"', '"x"')).toBe(true);
    expect(matchesIfNoneMatch('"a", "x"', '"x"')).toBe(true);
    expect(matchesIfNoneMatch('*', '"x"')).toBe(true);
    expect(matchesIfNoneMatch('"y"', '"x"')).toBe(false);
    expect(matchesIfNoneMatch(undefined, '"x"')).toBe(false);
  });
});

describe('LocalFileStore', () => {
  it('writes, reads, reports and deletes a file, and treats a missing one as absent', async () => {
    await store.put('k/1.jpg', bytes('one'), 'image/jpeg');
    expect((await store.get('k/1.jpg'))?.toString()).toBe('one');
    expect(await store.exists('k/1.jpg')).toBe(true);
    expect((await store.stat('k/1.jpg'))?.size).toBe(3);
    await store.delete('k/1.jpg');
    expect(await store.get('k/1.jpg')).toBeNull();
    expect(await store.exists('k/1.jpg')).toBe(false);
    expect(await store.stream('k/1.jpg')).toBeNull();
    await expect(store.delete('k/1.jpg')).resolves.toBeUndefined();
  });

  it('leaves no temporary files behind after a write', async () => {
    await store.put('t/a.png', Buffer.alloc(256 * 1024, 7), 'image/png');
    await store.put('t/a.png', Buffer.alloc(10, 1), 'image/png');
    expect(await readdir(join(root, 't'))).toEqual(['a.png']);
    expect((await store.get('t/a.png'))?.length).toBe(10);
  });

  it('refuses keys with .., absolute paths or backslashes', async () => {
    for (const key of ['../x.jpg', 'a/../../x.jpg', '/etc/passwd', 'a\\b.jpg', '', 'a//b.jpg', './a.jpg']) {
      expect(isSafeKey(key), key).toBe(false);
      await expect(store.put(key, bytes('x'), 'image/jpeg'), key).rejects.toBeInstanceOf(Invalid);
      await expect(store.get(key), key).rejects.toBeInstanceOf(Invalid);
    }
    expect(isSafeKey('3f2a-b1/1920.avif')).toBe(true);
  });
});
