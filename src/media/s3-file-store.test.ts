// The bucket store against a real server speaking S3 (s3rver): what it writes where, what a missing file is,
// and how a bucket that cannot be reached, refuses the keys or does not exist is named.
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type S3StandIn, STAND_IN_BUCKET, startS3StandIn } from '../../test/support/s3-stand-in.js';
import { loadConfig } from '../config.js';
import { Invalid } from '../http/errors.js';
import { LocalFileStore, MediaStorageFailed } from './file-store.js';
import { openFileStore } from './open-file-store.js';
import { s3FileStore } from './s3-file-store.js';

let s3: S3StandIn;
beforeAll(async () => {
  s3 = await startS3StandIn();
});
afterAll(() => s3.close());

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function failureOf(promise: Promise<unknown>): Promise<MediaStorageFailed> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MediaStorageFailed);
  return error as MediaStorageFailed;
}

describe('S3FileStore', () => {
  it('writes under the prefix with the content type and a year of caching, and reads back size, bytes and stream', async () => {
    const store = s3.store('site-a/media');
    await store.put('f00d/640.webp', Buffer.from('webp bytes'), 'image/webp');

    expect(await s3.keys()).toEqual(['site-a/media/f00d/640.webp']);
    expect(await s3.keys('site-a/media')).toEqual(['f00d/640.webp']);
    const info = await store.stat('f00d/640.webp');
    expect(info?.size).toBe(10);
    expect(info?.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect((await store.get('f00d/640.webp'))?.toString()).toBe('webp bytes');
    expect(await readAll((await store.stream('f00d/640.webp'))!)).toBe('webp bytes');
    expect(await store.exists('f00d/640.webp')).toBe(true);

    // A public bucket or a CDN serves the object with what was stored with it.
    const client = new S3Client({
      region: 'us-east-1',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    const head = await client.send(
      new HeadObjectCommand({ Bucket: STAND_IN_BUCKET, Key: 'site-a/media/f00d/640.webp' }),
    );
    client.destroy();
    expect(head.ContentType).toBe('image/webp');
    expect(head.CacheControl).toBe('public, max-age=31536000, immutable');

    await store.delete('f00d/640.webp');
    expect(await store.stat('f00d/640.webp')).toBeNull();
    expect(await s3.keys()).toEqual([]);
  });

  it('answers null for a missing file, deletes a missing file without error, and refuses an unsafe key', async () => {
    const store = s3.store();
    expect(await store.stat('nothing/here.jpg')).toBeNull();
    expect(await store.get('nothing/here.jpg')).toBeNull();
    expect(await store.stream('nothing/here.jpg')).toBeNull();
    expect(await store.exists('nothing/here.jpg')).toBe(false);
    await expect(store.delete('nothing/here.jpg')).resolves.toBeUndefined();
    await expect(store.put('../escape.jpg', Buffer.from('x'), 'image/jpeg')).rejects.toBeInstanceOf(Invalid);
    await expect(store.stat('a/.hidden.jpg')).rejects.toBeInstanceOf(Invalid);
  });

  it('lists every file under the prefix with its size, past the first page of 1,000', async () => {
    const store = s3.store('listing');
    const keys = Array.from({ length: 1005 }, (_, i) => `k${String(i).padStart(4, '0')}/1.jpg`);
    for (let i = 0; i < keys.length; i += 50) {
      await Promise.all(keys.slice(i, i + 50).map((k) => store.put(k, Buffer.from(k), 'image/jpeg')));
    }
    // Someone's own file in the prefix, named as no key is.
    await s3.store().put('listing/notes.txt', Buffer.from('x'), 'text/plain');
    const listed: { key: string; size: number }[] = [];
    for await (const file of store.list()) listed.push(file);
    expect(listed).toHaveLength(1006);
    expect(listed.find((f) => f.key === 'k1004/1.jpg')).toEqual({ key: 'k1004/1.jpg', size: 11 });
    // Listed like any file; the copy and the route take only the image formats the library writes.
    expect(listed.map((f) => f.key)).toContain('notes.txt');
    expect(listed.every((f) => !f.key.startsWith('listing/'))).toBe(true);
  }, 120_000);

  it('names a bucket that cannot be reached (503, retried, then stopped), without the keys', async () => {
    const store = s3.store();
    await s3.stop();
    try {
      const started = Date.now();
      const failure = await failureOf(store.put('a/1.jpg', Buffer.from('x'), 'image/jpeg'));
      expect(failure).toMatchObject({
        status: 503,
        code: 'MEDIA_STORAGE_UNREACHABLE',
        errno: 'ECONNREFUSED',
      });
      expect(failure.message).toContain(
        `The media storage (bucket "${STAND_IN_BUCKET}" at ${s3.endpoint}) cannot be reached.`,
      );
      expect(failure.message).not.toContain('S3RVER');
      expect(Date.now() - started).toBeLessThan(10_000);
      expect((await failureOf(store.stat('a/1.jpg'))).status).toBe(503);
      expect((await failureOf(store.stream('a/1.jpg'))).status).toBe(503);
      // What /readyz asks: the bucket itself.
      expect((await failureOf(store.check!())).status).toBe(503);
    } finally {
      await s3.start();
    }
    // The same store works again once the bucket is back.
    await expect(store.check!()).resolves.toBeUndefined();
    await store.put('a/1.jpg', Buffer.from('x'), 'image/jpeg');
    expect(await store.exists('a/1.jpg')).toBe(true);
    await store.delete('a/1.jpg');
  });

  it('names a bucket that refuses the keys, and one that does not exist (507: no retry cures them)', async () => {
    const wrongKeys = s3FileStore({
      ...s3.settings(),
      credentials: { accessKeyId: 'SOMEONE', secretAccessKey: 'not-the-secret' },
    });
    const refused = await failureOf(wrongKeys.put('a/1.jpg', Buffer.from('x'), 'image/jpeg'));
    await wrongKeys.close();
    expect(refused).toMatchObject({ status: 507, code: 'MEDIA_STORAGE_REFUSED' });
    expect(refused.message).toContain(`refused the request (${refused.errno})`);
    expect(refused.message).not.toContain('not-the-secret');

    const noBucket = s3FileStore({ ...s3.settings(), bucket: 'no-such-bucket' });
    expect((await failureOf(noBucket.check!())).status).toBe(507);
    const missing = await failureOf(noBucket.put('a/1.jpg', Buffer.from('x'), 'image/jpeg'));
    await noBucket.close();
    expect(missing).toMatchObject({ status: 507, errno: 'NoSuchBucket' });
    expect(missing.message).toContain('bucket "no-such-bucket"');
  });
});

describe('openFileStore', () => {
  it('opens the bucket the environment names (MEDIA_STORAGE and the S3 settings), else the folder', async () => {
    const config = loadConfig({ ...s3.env('opened'), MEDIA_DIR: '/nowhere' });
    const store = await openFileStore(config.mediaStorage);
    try {
      await store.put('abcd/1.png', Buffer.from('png'), 'image/png');
      expect(await s3.keys('opened')).toEqual(['abcd/1.png']);
    } finally {
      await store.close();
    }
    expect(await openFileStore(loadConfig({ MEDIA_DIR: '/nowhere' }).mediaStorage)).toBeInstanceOf(
      LocalFileStore,
    );
  });
});
