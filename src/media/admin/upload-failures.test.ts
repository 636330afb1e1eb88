// Uploads that fail for reasons outside the form, through the whole app: an image past the pixel limit, a
// body cut off before its end (over a real socket: inject() always delivers whole bodies), and a media folder
// that cannot be written (a real file where the folder was, a real read-only or full file system where this
// machine lets the test mount one). Each answer names its cause, keeps what was typed, and leaves no file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_ORIGIN, type TestApp } from '../../../test/support/app.js';
import { addStaff, type Browserish, signInAs } from '../../../test/support/newsroom.js';
import { MediaStorageFailed, mediaStorageFailure } from '../file-store.js';

const DETAILS = {
  altText: 'Boats tied up in the harbour <at> dawn',
  caption: 'Typed before the failure',
  creditPerson: 'Ana Silva',
  creditOrganization: 'Harbour Times',
  rights: 'own',
  licenseUrl: '',
  licenseExpiresAt: '',
  copyrightNotice: '© 2026 Ana Silva',
};

type UploadFile = { name: string; type: string; data: Buffer };

/** A multipart body as a browser sends it, serialised by Node's own FormData and Request. */
async function multipart(fields: Record<string, string>, file?: UploadFile) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file) form.append('file', new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
  const request = new Request('http://127.0.0.1/', { method: 'POST', body: form });
  return { payload: Buffer.from(await request.arrayBuffer()), type: request.headers.get('content-type')! };
}

async function postUpload(
  app: FastifyInstance,
  who: Browserish,
  fields: Record<string, string>,
  file: UploadFile,
  headers: Record<string, string> = {},
) {
  const body = await multipart({ _csrf: who.csrf, ...fields }, file);
  return app.inject({
    method: 'POST',
    url: '/admin/media',
    headers: { origin: TEST_ORIGIN, 'content-type': body.type, cookie: who.cookie, ...headers },
    payload: body.payload,
  });
}

const jpeg = (data: Buffer): UploadFile => ({ name: 'harbour.jpg', type: 'image/jpeg', data });

/** A photograph-like JPEG (noise does not compress): some 300 KB, so that a cut falls inside the file. */
function noisyPhoto(width = 1000, height = 700) {
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#336699',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .jpeg({ quality: 90 })
    .toBuffer();
}

async function mediaRows(site: TestApp) {
  return site.storage.db.selectFrom('media').select('id').execute();
}

function expectTypedWordsKept(html: string) {
  expect(html).toContain('Boats tied up in the harbour &lt;at> dawn</textarea>');
  expect(html).toContain('Typed before the failure</textarea>');
  expect(html).toContain('value="Ana Silva"');
  expect(html).toContain('value="Harbour Times"');
  expect(html).toMatch(/<option value="own" selected/);
}

describe('the pixel limit (IMAGE_MAX_MEGAPIXELS)', () => {
  let site: TestApp;
  let who: Browserish;
  beforeAll(async () => {
    site = await buildTestApp({ env: { IMAGE_MAX_MEGAPIXELS: '1' } });
    const staff = await addStaff(site.storage.db, 'contributor', { email: 'pixels@example.org' });
    who = await signInAs(site.app, staff.email);
  });
  afterAll(() => site.close());

  it('refuses an image past the limit, naming its size and the limit, keeping every word; one within it is stored', async () => {
    const over = await postUpload(site.app, who, DETAILS, jpeg(await noisyPhoto(1200, 1000)));
    expect(over.statusCode).toBe(400);
    expect(over.body).toContain(
      'That image is 1200 × 1000 pixels (1.2 megapixels); the limit is 1 megapixels.',
    );
    expectTypedWordsKept(over.body);
    expect(await mediaRows(site)).toHaveLength(0);

    const within = await postUpload(site.app, who, DETAILS, jpeg(await noisyPhoto(1000, 700)));
    expect(within.statusCode).toBe(303);
    expect(await mediaRows(site)).toHaveLength(1);
  });
});

/** Sends raw bytes over a socket; resolves with the status line's code (null if none came) when it closes. */
function rawRequest(port: number, bytes: Buffer[], options: { endEarly: boolean }) {
  return new Promise<{ status: number | null; text: string }>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), 15_000);
    socket.on('data', (chunk) => chunks.push(chunk));
    // A reset after the server has answered and closed is not a failure of the test.
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text);
      resolve({ status: status ? Number(status[1]) : null, text });
    });
    for (const b of bytes) socket.write(b);
    // Half-close: the server sees the end of the stream before the end of the body it was promised.
    if (options.endEarly) socket.end();
  });
}

describe('an upload cut off before its end, over a real socket', () => {
  let site: TestApp;
  let who: Browserish;
  let port: number;
  let tmp: string;
  let savedTmpdir: string | undefined;
  let photo: Buffer;

  beforeAll(async () => {
    site = await buildTestApp();
    const staff = await addStaff(site.storage.db, 'contributor', { email: 'cut@example.org' });
    who = await signInAs(site.app, staff.email);
    photo = await noisyPhoto();
    await site.app.listen({ host: '127.0.0.1', port: 0 });
    port = (site.app.server.address() as AddressInfo).port;
    // Whatever the upload parser might spill to the temporary folder would land here.
    tmp = await mkdtemp(join(tmpdir(), 'broadsheet-upload-tmp-'));
    savedTmpdir = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
  });
  afterAll(async () => {
    if (savedTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmpdir;
    await site.close();
    await rm(tmp, { recursive: true, force: true });
  });

  async function requestParts(cutAt: number, declared: 'cut' | 'whole') {
    const { payload, type } = await multipart({ _csrf: who.csrf, ...DETAILS }, jpeg(photo));
    const body = payload.subarray(0, Math.floor(payload.length * cutAt));
    const length = declared === 'cut' ? body.length : payload.length;
    const head =
      `POST /admin/media HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${TEST_ORIGIN}\r\n` +
      `Cookie: ${who.cookie}\r\nContent-Type: ${type}\r\nContent-Length: ${length}\r\n\r\n`;
    return { parts: [Buffer.from(head), body], whole: payload.length, cut: body.length };
  }

  async function expectNothingLeft() {
    expect(await readdir(site.mediaDir)).toEqual([]);
    expect(await readdir(tmp)).toEqual([]);
    expect(await mediaRows(site)).toHaveLength(0);
  }

  it('answers a form that stops in the middle of the file with 400 saying so, not 500; nothing is kept', async () => {
    const { parts, whole, cut } = await requestParts(0.6, 'cut');
    expect(cut).toBeLessThan(whole);
    const answer = await rawRequest(port, parts, { endEarly: false });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('text/html');
    expect(answer.text).toContain('The upload did not arrive whole');
    await expectNothingLeft();
  });

  it('answers a connection that ends before the promised length with 400, not 500; nothing is kept, and the next upload is taken', async () => {
    const { parts } = await requestParts(0.5, 'whole');
    const answer = await rawRequest(port, parts, { endEarly: true });
    expect(answer.status).toBe(400);
    await expectNothingLeft();

    const next = await postUpload(site.app, who, DETAILS, jpeg(photo));
    expect(next.statusCode).toBe(303);
    expect(await mediaRows(site)).toHaveLength(1);
    expect(await readdir(site.mediaDir)).toHaveLength(1);
    expect(await readdir(tmp)).toEqual([]);
  });
});

/** Whether this machine lets the test mount a small tmpfs (root with CAP_SYS_ADMIN, as in this container). */
function canMountTmpfs(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), 'broadsheet-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

const isRoot = process.getuid?.() === 0;
const mountable = canMountTmpfs();

describe('a media folder that cannot be written', () => {
  let site: TestApp;
  let who: Browserish;
  let photo: Buffer;
  let mounted = false;

  beforeAll(async () => {
    site = await buildTestApp();
    const staff = await addStaff(site.storage.db, 'contributor', { email: 'disk@example.org' });
    who = await signInAs(site.app, staff.email);
    photo = await noisyPhoto();
  });
  afterEach(async () => {
    if (mounted) execFileSync('umount', [site.mediaDir]);
    mounted = false;
    await chmod(site.mediaDir, 0o755).catch(() => {});
  });
  afterAll(() => site.close());

  async function expectRefused(sentence: string, code: string) {
    const page = await postUpload(site.app, who, DETAILS, jpeg(photo));
    expect(page.statusCode).toBe(507);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain(sentence);
    expect(page.body).toContain('choose the file again');
    expectTypedWordsKept(page.body);
    const json = await postUpload(site.app, who, DETAILS, jpeg(photo), { accept: 'application/json' });
    expect(json.statusCode).toBe(507);
    expect(json.json()).toMatchObject({ error: { code } });
    expect((json.json() as { error: { message: string } }).error.message).toContain(sentence);
    expect(await mediaRows(site)).toHaveLength(0);
  }

  it('names a media folder that has become a file (ENOTDIR: fails for root too), keeping every word', async () => {
    await rm(site.mediaDir, { recursive: true });
    await writeFile(site.mediaDir, 'not a folder');
    try {
      await expectRefused(
        'The media folder cannot be written (part of its path is a file, not a folder).',
        'MEDIA_FOLDER_UNWRITABLE',
      );
    } finally {
      await rm(site.mediaDir);
      await mkdir(site.mediaDir);
    }
  });

  it.skipIf(isRoot)('names a media folder it may not write (EACCES; root writes anyway)', async () => {
    await chmod(site.mediaDir, 0o555);
    await expectRefused('The media folder cannot be written (permission denied).', 'MEDIA_FOLDER_UNWRITABLE');
    expect(await readdir(site.mediaDir)).toEqual([]);
  });

  it.runIf(mountable)('names a read-only disk (EROFS: a real tmpfs remounted read-only)', async () => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', site.mediaDir]);
    mounted = true;
    execFileSync('mount', ['-o', 'remount,ro', site.mediaDir]);
    await expectRefused(
      'The media folder cannot be written (the disk is read-only).',
      'MEDIA_FOLDER_UNWRITABLE',
    );
  });

  it.runIf(mountable)(
    'says the disk is full (ENOSPC: a real 64 KB tmpfs) and leaves no half-made folder',
    async () => {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', site.mediaDir]);
      mounted = true;
      await expectRefused('The disk is full, so the image could not be stored.', 'MEDIA_DISK_FULL');
      // The image's folder was made and its first file begun before the disk ran out: both are gone.
      expect(await readdir(site.mediaDir)).toEqual([]);
    },
  );

  it('turns each file-system cause into its sentence, and leaves any other error alone', () => {
    // Made-up errors with the codes the system gives: the mapping alone, on machines where the real
    // failures above cannot be staged (the full disk needs a mount).
    const errno = (code: string) => Object.assign(new Error(code), { code });
    const full = mediaStorageFailure(errno('ENOSPC'));
    expect(full).toBeInstanceOf(MediaStorageFailed);
    expect(full).toMatchObject({ status: 507, code: 'MEDIA_DISK_FULL', reason: 'full', errno: 'ENOSPC' });
    expect(mediaStorageFailure(errno('EDQUOT'))?.code).toBe('MEDIA_DISK_FULL');
    expect(mediaStorageFailure(errno('EACCES'))?.message).toContain('(permission denied)');
    expect(mediaStorageFailure(errno('EPERM'))?.message).toContain('(permission denied)');
    expect(mediaStorageFailure(errno('EROFS'))?.message).toContain('(the disk is read-only)');
    expect(mediaStorageFailure(errno('EIO'))).toBeNull();
    expect(mediaStorageFailure(new TypeError('not a file-system error'))).toBeNull();
  });
});
