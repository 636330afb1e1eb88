// npm run bench: populates a database with 10,000+ articles, starts the real server (twice: with and
// without its page cache) and a bare node:http server with the same article bytes, then loads each
// with autocannon from a second process and prints requests/s, p99 latency and the server's memory.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalFileStore } from '../src/media/file-store.js';
import { openStorage } from '../src/storage/db.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import { freePort } from '../test/support/free-port.js';
import { benchComments } from './comments.js';
import { populate } from './populate.js';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

interface LoadResult {
  requestsPerSecond: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

function load(url: string, extra: string[] = []): LoadResult {
  const out = execFileSync(tsx, ['bench/load.ts', url, String(SECONDS), String(CONNECTIONS), ...extra], {
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop()!) as LoadResult;
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer`);
}

function rssMb(pid: number): number {
  const status = execFileSync('cat', [`/proc/${pid}/status`], { encoding: 'utf8' });
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

// node itself with tsx as a loader, not the tsx launcher: the process measured is the server.
function startServer(env: Record<string, string>, port: number): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      SEED_DEMO: 'false',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const work = await mkdtemp(join(tmpdir(), 'broadsheet-bench-'));
const dbFile = join(work, 'bench.sqlite');
const mediaDir = join(work, 'media');
const children: ChildProcess[] = [];
try {
  const started = Date.now();
  const storage = openStorage(`sqlite:${dbFile}`);
  await migrateToLatest(storage.db);
  await populate(storage.db, new LocalFileStore(mediaDir), ARTICLES, new Date());
  const total = await storage.db
    .selectFrom('articles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const reference = await storage.db
    .selectFrom('articles')
    .select('slug')
    .where('headline', '=', 'Russia Withdrawing From Kharkiv After Heavy Losses')
    .executeTakeFirstOrThrow();
  await storage.close();
  console.log(
    `Populated ${total.n} articles in ${((Date.now() - started) / 1000).toFixed(1)} s (SQLite, ${dbFile})`,
  );

  const env = {
    DATABASE_URL: `sqlite:${dbFile}`,
    MEDIA_DIR: mediaDir,
    APP_SECRET: 'bench-secret-bench-secret-bench-secret',
  };
  const [cachedPort, uncachedPort, workersPort, barePort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const cachedBase = `http://127.0.0.1:${cachedPort}`;
  const uncachedBase = `http://127.0.0.1:${uncachedPort}`;
  const workersBase = `http://127.0.0.1:${workersPort}`;
  const bareBase = `http://127.0.0.1:${barePort}`;
  const cached = startServer(env, cachedPort);
  const uncached = startServer({ ...env, PAGE_CACHE_ENTRIES: '0' }, uncachedPort);
  // The same uncached server as one would run it on this machine: a worker process per core.
  const uncachedWorkers = startServer(
    { ...env, PAGE_CACHE_ENTRIES: '0', WEB_CONCURRENCY: 'auto' },
    workersPort,
  );
  children.push(cached, uncached, uncachedWorkers);
  const articlePath = `/articles/${reference.slug}`;
  await waitFor(`${cachedBase}${articlePath}`, cached);
  await waitFor(`${uncachedBase}${articlePath}`, uncached);
  await waitFor(`${workersBase}${articlePath}`, uncachedWorkers);

  const articleBytes = Buffer.from(await (await fetch(`${cachedBase}${articlePath}`)).arrayBuffer());
  const bytesFile = join(work, 'article.html');
  await writeFile(bytesFile, articleBytes);
  const bare = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/bare-server.ts', bytesFile, String(barePort)],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  children.push(bare);
  await waitFor(`${bareBase}/`, bare);

  const rows: Array<[string, LoadResult]> = [];
  const run = (name: string, url: string) => {
    const r = load(url);
    rows.push([name, r]);
    console.log(
      `${name.padEnd(34)} ${r.requestsPerSecond.toFixed(0).padStart(8)} req/s   p99 ${String(r.p99Ms).padStart(4)} ms   non-2xx ${r.non2xx}`,
    );
    return r;
  };
  console.log(
    `\nautocannon: ${CONNECTIONS} connections, ${SECONDS} s each, from a second process; article ${articleBytes.length} bytes\n`,
  );
  const bareResult = run('bare node:http (same bytes)', `${bareBase}/`);
  const cachedResult = run('article page, cached', `${cachedBase}${articlePath}`);
  const uncachedResult = run('article page, uncached render', `${uncachedBase}${articlePath}`);
  const workersResult = run(
    `article page, uncached, ${availableParallelism()} workers`,
    `${workersBase}${articlePath}`,
  );
  run('home page, cached', `${cachedBase}/`);
  run('home page, uncached render', `${uncachedBase}/`);
  run('site RSS feed, cached', `${cachedBase}/feed.xml`);
  run('site RSS feed, uncached render', `${uncachedBase}/feed.xml`);
  run('section archive page 3, uncached', `${uncachedBase}/sections/world?page=3`);

  const ratio = cachedResult.requestsPerSecond / bareResult.requestsPerSecond;
  console.log(
    `\ncached article / bare server: ${(ratio * 100).toFixed(0)}% (target ≥ 60%) ${ratio >= 0.6 ? 'met' : 'NOT met'}`,
  );
  const best = Math.max(uncachedResult.requestsPerSecond, workersResult.requestsPerSecond);
  console.log(
    `uncached article render: ${uncachedResult.requestsPerSecond.toFixed(0)} req/s in one process, ` +
      `${workersResult.requestsPerSecond.toFixed(0)} req/s with WEB_CONCURRENCY=auto (target ≥ 2,000) ${best >= 2000 ? 'met' : 'NOT met'}`,
  );
  console.log(
    `server RSS after the run: cached ${rssMb(cached.pid!)} MB, uncached ${rssMb(uncached.pid!)} MB`,
  );
  const comments = await benchComments({
    dbFile,
    env,
    secret: env.APP_SECRET,
    referenceSlug: reference.slug,
    cachedBase,
    uncachedBase,
    seconds: SECONDS,
    connections: CONNECTIONS,
    children,
    startServer,
    waitFor,
    load,
  });
  rows.push(...comments);
  const failures = rows.filter(([, r]) => r.non2xx > 0 || r.errors > 0);
  if (failures.length) console.log(`requests that failed: ${failures.map(([n]) => n).join(', ')}`);
} finally {
  for (const c of children) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  await rm(work, { recursive: true, force: true });
}
