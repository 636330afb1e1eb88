// The WordPress-compatible API under load: a page of 20 posts with `_embed` (what a news app asks for its
// front screen) and one post, from the page cache and without it, beside bare node:http serving the same bytes.
// npx tsx bench/wordpress-api.ts   (BENCH_ARTICLES, BENCH_SECONDS, BENCH_ROUNDS, BENCH_CONNECTIONS as npm run bench)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { seedDemoIfEmpty } from '../demo/seed.js';
import { LocalFileStore } from '../src/media/file-store.js';
import { openStorage } from '../src/storage/db.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import { populate } from './populate.js';
import { getOk, root, type Server, saveResponse, startBare, startBroadsheet, stopAll } from './processes.js';
import { int, loadTable, print, progress } from './report.js';
import { measureRounds, type Scenario } from './rounds.js';

const env = process.env;
const settings = {
  articles: Number(env.BENCH_ARTICLES ?? 2_000),
  seconds: Number(env.BENCH_SECONDS ?? 5),
  rounds: Number(env.BENCH_ROUNDS ?? 3),
  warmUp: Number(env.BENCH_WARMUP ?? 1),
  threads: Number(env.BENCH_THREADS ?? 2),
  connections: Number(env.BENCH_CONNECTIONS ?? 32),
};
const SECRET = 'bench-secret-bench-secret-bench-secret';

const ensureBuilt = pathToFileURL(join(root, 'scripts', 'ensure-built.mjs')).href;
const built = spawnSync(
  process.execPath,
  ['--input-type=module', '-e', `(await import(${JSON.stringify(ensureBuilt)})).ensureBuilt()`],
  { stdio: 'inherit' },
);
if (built.status !== 0) process.exit(built.status ?? 1);

const work = mkdtempSync(join(tmpdir(), 'broadsheet-bench-wp-'));
const logs = join(work, 'logs');
mkdirSync(logs);
try {
  progress(`seeding ${int(settings.articles)} articles`);
  const sqliteFile = join(work, 'bench.sqlite');
  const mediaDir = join(work, 'media');
  const storage = openStorage(`sqlite:${sqliteFile}`);
  const files = new LocalFileStore(mediaDir);
  await migrateToLatest(storage.db);
  await seedDemoIfEmpty(storage.db, files, new Date());
  await populate(storage.db, files, settings.articles, new Date());
  const newest = await storage.db
    .selectFrom('articles')
    .select('id')
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .executeTakeFirstOrThrow();
  await storage.close();

  const sqliteEnv = { DATABASE_URL: `sqlite:${sqliteFile}`, MEDIA_DIR: mediaDir, APP_SECRET: SECRET };
  const cached = await startBroadsheet('cached', sqliteEnv, logs);
  const uncached = await startBroadsheet('uncached', { ...sqliteEnv, PAGE_CACHE_MB: '0' }, logs);
  const list = '/wp-json/wp/v2/posts?per_page=20&_embed';
  const one = `/wp-json/wp/v2/posts/${newest.id}`;
  const bareOf = async (name: string, path: string): Promise<Server> => {
    const page = await getOk(`${cached.base}${path}`);
    const file = join(work, `${name}.json`);
    saveResponse(page, file);
    print(`${path}: ${int(page.body.length)} bytes (X-WP-Total ${page.headers['x-wp-total'] ?? '-'})`);
    return startBare(name, file);
  };
  const bareList = await bareOf('list', list);
  const bareOne = await bareOf('one', one);
  const get = (key: string, label: string, server: Server, path: string): Scenario => ({
    key,
    label,
    pid: server.pid,
    target: () => ({ url: `${server.base}${path}` }),
  });
  const scenarios = [
    get('bare-list', 'bare node:http, bytes of 20 posts + _embed', bareList, '/'),
    get('cached-list', '20 posts + _embed, cached', cached, list),
    get('uncached-list', '20 posts + _embed, uncached, SQLite', uncached, list),
    get('bare-one', 'bare node:http, bytes of one post', bareOne, '/'),
    get('cached-one', 'one post, cached', cached, one),
    get('uncached-one', 'one post, uncached, SQLite', uncached, one),
  ];
  print(
    `\n${availableParallelism()} cores shared by wrk (${settings.threads} threads, ${settings.connections} ` +
      `connections) and the server; median of ${settings.rounds} interleaved rounds of ${settings.seconds} s.\n`,
  );
  const load = { threads: settings.threads, connections: settings.connections, seconds: settings.seconds };
  const rounds = await measureRounds(scenarios, load, settings.rounds, settings.warmUp, progress);
  loadTable(scenarios, rounds.runs);
} finally {
  await stopAll();
  rmSync(work, { recursive: true, force: true });
}
