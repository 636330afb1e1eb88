// `npm run media -- push | pull`, run as a real process between a media folder and a bucket on a real server
// speaking S3 (s3rver): counts, skipping what is already there, resuming after an interruption, and the
// errors a person sees for a bucket that cannot be reached or a setting that is wrong.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CopyInterrupted, copyMedia } from '../src/media/copy-media.js';
import { LocalFileStore } from '../src/media/file-store.js';
import { type S3StandIn, startS3StandIn } from './support/s3-stand-in.js';

const run = promisify(execFile);
const TSX = join(process.cwd(), 'node_modules/.bin/tsx');

// The library's files (bytes of different sizes: the copy compares sizes), and two that are not its files.
const FILES: Record<string, string> = {
  'aaaa1111/original.jpg': 'original jpeg bytes',
  'aaaa1111/640.webp': 'webp 640',
  'aaaa1111/640.avif': 'avif 640!',
  'bbbb2222/original.png': 'original png bytes, longer',
  'bbbb2222/320.jpg': 'jpeg 320',
  'bbbb2222/320.webp': 'webp 320 bytes',
};
const LIBRARY_KEYS = Object.keys(FILES).sort();

let s3: S3StandIn;
let root: string;
beforeAll(async () => {
  s3 = await startS3StandIn();
  root = await mkdtemp(join(tmpdir(), 'broadsheet-media-cli-'));
});
afterAll(async () => {
  await s3.close();
  await rm(root, { recursive: true, force: true });
});

/** A media folder holding FILES, a write's leftover and a stray note. */
async function mediaFolder(name: string): Promise<string> {
  const dir = join(root, name);
  const store = new LocalFileStore(dir);
  for (const [key, text] of Object.entries(FILES)) await store.put(key, Buffer.from(text), 'image/jpeg');
  await writeFile(join(dir, 'aaaa1111', 'original.jpg.1234.tmp'), 'half a file');
  await writeFile(join(dir, 'notes.txt'), 'not media');
  return dir;
}

function media(args: string[], env: Record<string, string>) {
  return run(TSX, ['scripts/media.ts', ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );
}

async function localKeys(dir: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const file of new LocalFileStore(dir).list()) keys.push(file.key);
  return keys.sort();
}

describe('npm run media -- push, then pull', () => {
  it('pushes the library into the bucket, only its files; a second run copies nothing; a changed or missing object is copied again', async () => {
    const dir = await mediaFolder('push');
    const env = { ...s3.env('push'), MEDIA_DIR: dir };

    const first = await media(['push'], env);
    expect(first.stderr).not.toContain('media:');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      `Copying media from the folder ${dir} to s3://newsroom-media/push at ${s3.endpoint}`,
    );
    expect(first.stdout).toContain('Done: 6 copied (84 bytes), 0 already there, 0 failed.');
    expect(await s3.keys('push')).toEqual(LIBRARY_KEYS);
    const bucket = s3.store('push');
    expect((await bucket.get('bbbb2222/original.png'))?.toString()).toBe('original png bytes, longer');

    const again = await media(['push'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Done: 0 copied (0 bytes), 6 already there, 0 failed.');

    // An object of another size (what a different file would be) and a missing one are copied; the rest not.
    await bucket.put('aaaa1111/640.webp', Buffer.from('x'), 'image/webp');
    await bucket.delete('bbbb2222/320.jpg');
    const third = await media(['push'], env);
    expect(third.stdout).toContain('Done: 2 copied (16 bytes), 4 already there, 0 failed.');
    expect((await bucket.get('aaaa1111/640.webp'))?.toString()).toBe('webp 640');
  });

  it('pulls the bucket back into an empty media folder, and a second run copies nothing', async () => {
    const dir = join(root, 'pulled');
    const env = { ...s3.env('push'), MEDIA_DIR: dir };
    const pulled = await media(['pull'], env);
    expect(pulled.stderr).not.toContain('media:');
    expect(pulled.code).toBe(0);
    expect(pulled.stdout).toContain('Done: 6 copied (84 bytes), 0 already there, 0 failed.');
    expect(await localKeys(dir)).toEqual(LIBRARY_KEYS);
    const folder = new LocalFileStore(dir);
    for (const [key, text] of Object.entries(FILES)) expect((await folder.get(key))?.toString()).toBe(text);
    // Written aside and renamed: no leftover of a write.
    expect(await readdir(join(dir, 'aaaa1111'))).toEqual(['640.avif', '640.webp', 'original.jpg']);

    const again = await media(['pull'], env);
    expect(again.stdout).toContain('Done: 0 copied (0 bytes), 6 already there, 0 failed.');
  });
});

describe('an interrupted copy', () => {
  it('stops when the bucket goes away, says what it did, and the next run finishes the rest without copying twice', async () => {
    const dir = await mediaFolder('interrupted');
    const folder = new LocalFileStore(dir);
    const bucket = s3.store('interrupted');
    let copied = 0;
    // One file at a time, so that exactly two are written before the bucket goes away.
    const error = await copyMedia(folder, bucket, {
      concurrency: 1,
      onFile: async (_key, outcome) => {
        if (outcome === 'copied' && ++copied === 2) await s3.stop();
      },
    }).catch((e: unknown) => e);
    await s3.start();
    expect(error).toBeInstanceOf(CopyInterrupted);
    const interrupted = error as CopyInterrupted;
    expect(interrupted.report).toMatchObject({ copied: 2, skipped: 0, failed: [] });
    expect(interrupted.message).toContain('The media storage (bucket "newsroom-media"');
    expect(interrupted.message).toContain('cannot be reached');
    expect(await s3.keys('interrupted')).toHaveLength(2);

    const resumed = await media(['push'], { ...s3.env('interrupted'), MEDIA_DIR: dir });
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain('Done: 4 copied');
    expect(resumed.stdout).toContain('2 already there, 0 failed.');
    expect(await s3.keys('interrupted')).toEqual(LIBRARY_KEYS);
  });

  it('copying four at once, counts only files that reached the bucket before it went away', async () => {
    const dir = await mediaFolder('four-at-once');
    const bucket = s3.store('four-at-once');
    let copied = 0;
    const error = await copyMedia(new LocalFileStore(dir), bucket, {
      concurrency: 4,
      onFile: async (_key, outcome) => {
        if (outcome === 'copied' && ++copied === 2) await s3.stop();
      },
    }).catch((e: unknown) => e);
    await s3.start();
    expect(error).toBeInstanceOf(CopyInterrupted);
    const { report } = error as CopyInterrupted;
    expect(report.copied).toBeGreaterThanOrEqual(2);
    expect(report.copied).toBeLessThan(LIBRARY_KEYS.length);
    // Every file counted is there; besides them, at most the three other copies in flight when the bucket
    // went away may have been stored without an answer (the next run finds them and skips them).
    const stored = await s3.keys('four-at-once');
    expect(stored.length).toBeGreaterThanOrEqual(report.copied);
    expect(stored.length).toBeLessThanOrEqual(report.copied + 3);
  });

  it('run while the bucket cannot be reached: exits 1 naming the storage and how to continue, with no secret', async () => {
    const dir = await mediaFolder('unreachable');
    await s3.stop();
    try {
      const answer = await media(['push'], { ...s3.env('unreachable'), MEDIA_DIR: dir });
      expect(answer.code).toBe(1);
      expect(answer.stderr).toContain(
        `media: stopped: The media storage (bucket "newsroom-media" at ${s3.endpoint}) cannot be reached.`,
      );
      expect(answer.stderr).toContain('Before stopping: 0 copied (0 bytes), 0 already there, 0 failed.');
      expect(answer.stderr).toContain('Run the command again to copy the rest.');
      // The upload form's "Nothing was saved" would be untrue of a copy that had copied some files.
      expect(answer.stderr).not.toContain('Nothing was saved');
      expect(answer.stdout + answer.stderr).not.toContain('S3RVER');
    } finally {
      await s3.start();
    }
  });
});

describe('wrong use', () => {
  it('asks for push or pull, a bucket in MEDIA_STORAGE, and a valid one, each in one line', async () => {
    const none = await media([], {});
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('npm run media -- push');

    const noBucket = await media(['push'], {});
    expect(noBucket.code).toBe(2);
    expect(noBucket.stderr).toContain('media: MEDIA_STORAGE is not set to a bucket (s3://bucket/prefix).');

    const wrong = await media(['push'], { MEDIA_STORAGE: 's3://Bad_Bucket/x' });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe(
      'media: Setting MEDIA_STORAGE is invalid: "Bad_Bucket" is not a bucket name (3 to 63 lower-case letters, digits, dots and dashes); must be s3://bucket or s3://bucket/prefix (unset keeps media in MEDIA_DIR) (got "s3://Bad_Bucket/x")\n',
    );
  });
});
