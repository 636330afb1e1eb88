// npx tsx bench/images.ts: what a large upload costs the real server. Generates a 60-megapixel PNG with
// sharp (kept in the temp folder for the next run), starts the server (node on src/main.ts, SQLite), then
// uploads it alone and four at once (BENCH_IMAGE_UPLOADS) through the newsroom's upload form, printing the
// time of each upload, the server's CPU and peak memory, and how quickly a reader's page and image are
// answered meanwhile. IMAGE_CONCURRENCY and IMAGE_QUEUE_LENGTH pass through to the server.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { buildAssets } from '../scripts/build-assets.js';
import { createStaffMember } from '../src/admin/staff/staff.js';
import { openStorage } from '../src/storage/db.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import { freePort } from '../test/support/free-port.js';

const UPLOADS = Number(process.env.BENCH_IMAGE_UPLOADS ?? 4);
const WIDTH = 9000;
const HEIGHT = 6666; // 59.99 megapixels: just under the library's 60 MP limit.
const EMAIL = 'bench@example.org';
const PASSWORD = 'bench password, long enough';
const MB = 1024 * 1024;

/** Smooth noise enlarged 60 times: a photograph's texture, in a PNG under the 40 MB upload limit. */
async function largePng(): Promise<Buffer> {
  const file = join(tmpdir(), `broadsheet-bench-${WIDTH}x${HEIGHT}.png`);
  if (existsSync(file)) return readFile(file);
  const noise = { type: 'gaussian' as const, mean: 128, sigma: 40 };
  const small = await sharp({ create: { width: 150, height: 111, channels: 3, background: '#000', noise } })
    .png()
    .toBuffer();
  const png = await sharp(small)
    .resize(WIDTH, HEIGHT, { kernel: 'cubic' })
    .png({ compressionLevel: 6, adaptiveFiltering: true })
    .toBuffer();
  await writeFile(file, png);
  return png;
}

function memoryMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024);
}

/** CPU seconds the process has used, user and system: unlike wall time, not stretched by a busy machine. */
function cpuSeconds(pid: number): number {
  // Fields 14 and 15 of /proc/<pid>/stat, after the command name in parentheses; Linux counts 100 ticks a second.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resets the kernel's peak-RSS mark (VmHWM), so that each scenario's peak is its own. */
function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

function libvipsLoaded(pid: number): boolean {
  return readFileSync(`/proc/${pid}/maps`, 'utf8').includes('libvips');
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} did not answer`);
}

/** Signs in through the form, as a browser does, and reads the CSRF token from the newsroom's home. */
async function signIn(base: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${base}/admin/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: EMAIL, password: PASSWORD }),
  });
  const session = response.headers.getSetCookie().find((c) => c.startsWith('broadsheet_staff='));
  if (!session) throw new Error(`sign-in failed: ${response.status}`);
  const cookie = session.split(';')[0]!;
  const home = await (await fetch(`${base}/admin`, { headers: { cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(home)?.[1];
  if (!csrf) throw new Error('no CSRF token on the newsroom home page');
  return { cookie, csrf };
}

interface Upload {
  status: number;
  seconds: number;
  retryAfter: string | null;
  id?: number;
}

interface UploadBody {
  contentType: string;
  body: Buffer;
}

/** The upload form as a browser encodes it: made before the clock starts, so the probe below never waits on it. */
async function uploadBody(who: { csrf: string }, data: Buffer): Promise<UploadBody> {
  const form = new FormData();
  form.append('_csrf', who.csrf);
  form.append('altText', 'A large test image');
  form.append('rights', 'own');
  form.append('file', new Blob([new Uint8Array(data)], { type: 'image/png' }), 'large.png');
  const encoded = new Request('http://127.0.0.1/', { method: 'POST', body: form });
  return {
    contentType: encoded.headers.get('content-type')!,
    body: Buffer.from(await encoded.arrayBuffer()),
  };
}

/** Posts the upload form; node:http, as fetch gives up on an answer after 300 s. */
function upload(base: string, who: { cookie: string }, { contentType, body }: UploadBody): Promise<Upload> {
  const started = performance.now();
  return new Promise<Upload>((resolve, reject) => {
    const sent = request(
      `${base}/admin/media`,
      {
        method: 'POST',
        headers: {
          origin: base,
          cookie: who.cookie,
          accept: 'application/json',
          'content-type': contentType,
          'content-length': body.length,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => {
          const answer = JSON.parse(Buffer.concat(chunks).toString()) as { id?: number };
          resolve({
            status: response.statusCode!,
            seconds: (performance.now() - started) / 1000,
            retryAfter: (response.headers['retry-after'] as string | undefined) ?? null,
            id: answer.id,
          });
        });
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}

/** Asks for each reader address in turn (the front page, an image file) until stopped; times each kind. */
function readerProbe(urls: Record<string, string>) {
  const times = new Map(Object.keys(urls).map((name) => [name, [] as number[]]));
  let failures = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      for (const [name, url] of Object.entries(urls)) {
        const started = performance.now();
        try {
          const response = await fetch(url);
          await response.arrayBuffer();
          if (!response.ok) failures += 1;
        } catch {
          failures += 1;
        }
        times.get(name)!.push(performance.now() - started);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const summary = (name: string, list: number[]) => {
    const sorted = list.slice().sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return `${name} ×${sorted.length} median ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms, max ${(sorted.at(-1) ?? 0).toFixed(0)} ms`;
  };
  return {
    async stop() {
      running = false;
      await loop;
      const failed = failures > 0 ? ` (${failures} FAILED)` : '';
      return `readers${failed}: ${[...times].map(([name, list]) => summary(name, list)).join('; ')}`;
    },
  };
}

const work = await mkdtemp(join(tmpdir(), 'broadsheet-bench-images-'));
let server: ChildProcess | undefined;
let stopping = false;
try {
  await buildAssets();
  let started = performance.now();
  const png = await largePng();
  console.log(
    `Test image: ${WIDTH} × ${HEIGHT} PNG, ${(png.length / MB).toFixed(1)} MB (${((performance.now() - started) / 1000).toFixed(1)} s to make or read)`,
  );
  const dbFile = join(work, 'bench.sqlite');
  const storage = openStorage(`sqlite:${dbFile}`);
  await migrateToLatest(storage.db);
  await createStaffMember(
    storage.db,
    { email: EMAIL, name: 'Bench', role: 'editor', password: PASSWORD },
    new Date(),
  );

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  started = performance.now();
  server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: base,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      SEED_DEMO: 'false',
      DATABASE_URL: `sqlite:${dbFile}`,
      MEDIA_DIR: join(work, 'media'),
      APP_SECRET: 'bench-secret-bench-secret-bench-secret',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = server.pid!;
  // The server's own words (its log goes to stdout) are shown only if it stops.
  let output = '';
  for (const stream of [server.stdout!, server.stderr!])
    stream.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    });
  server.on('exit', (code, signal) => {
    if (!stopping) console.error(`server exited: code ${code}, signal ${signal}\n${output}`);
  });
  await waitFor(`${base}/`, server);
  console.log(
    `Server answering after ${((performance.now() - started) / 1000).toFixed(1)} s: RSS ${memoryMb(pid, 'VmRSS')} MB, libvips ${libvipsLoaded(pid) ? 'loaded' : 'not loaded'}`,
  );

  const who = await signIn(base);
  const small = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#2a6f97' } })
    .jpeg()
    .toBuffer();
  const first = await upload(base, who, await uploadBody(who, small));
  if (first.status !== 201) throw new Error(`small upload answered ${first.status}`);
  const { storage_key: key } = await storage.db
    .selectFrom('media')
    .select('storage_key')
    .where('id', '=', first.id!)
    .executeTakeFirstOrThrow();
  await storage.close();
  const readerUrls = { 'front page': `${base}/`, 'image file': `${base}/media/${key}` };

  const idle = readerProbe(readerUrls);
  await new Promise((r) => setTimeout(r, 2000));
  console.log(`Idle:  ${await idle.stop()}`);

  for (const count of [1, UPLOADS]) {
    const before = memoryMb(pid, 'VmRSS');
    const cpuBefore = cpuSeconds(pid);
    resetPeak(pid);
    const bodies = await Promise.all(Array.from({ length: count }, () => uploadBody(who, png)));
    const probe = readerProbe(readerUrls);
    started = performance.now();
    const results = await Promise.all(bodies.map((body) => upload(base, who, body)));
    const wall = (performance.now() - started) / 1000;
    const readers = await probe.stop();
    const peak = memoryMb(pid, 'VmHWM');
    const cpu = cpuSeconds(pid) - cpuBefore;
    console.log(
      `\n${count} × 60 MP PNG at once: all answered in ${wall.toFixed(1)} s, ${cpu.toFixed(1)} s of the server's CPU`,
    );
    for (const r of results)
      console.log(
        `  ${r.status} in ${r.seconds.toFixed(1)} s${r.retryAfter ? ` (Retry-After: ${r.retryAfter})` : ''}`,
      );
    console.log(`  server RSS ${before} MB before, peak ${peak} MB (+${peak - before} MB)`);
    console.log(`  meanwhile ${readers}`);
  }
  console.log(`\nServer RSS at the end: ${memoryMb(pid, 'VmRSS')} MB`);
} finally {
  stopping = true;
  server?.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  await rm(work, { recursive: true, force: true });
}
