// npm run bench:api: the content API's list of 15 articles, answered by one Broadsheet process as production
// runs it (plain node on dist/), loaded by Debian's wrk from a second process, beside bare node:http serving
// the same bytes with the same headers in the same run; interleaved rounds, medians. The target: the list
// uncached (no answer kept in the process, every request a query) at 5,000 requests/s or more.
// BENCH_ARTICLES (default 5,000) published articles; BENCH_ROUNDS, BENCH_SECONDS, BENCH_WARMUP, BENCH_THREADS,
// BENCH_CONNECTIONS as in `npm run bench`; BENCH_REDIS=0 leaves out the runs counting the limit in Redis.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { seedDemoIfEmpty } from '../demo/seed.js';
import { newKey } from '../src/content-api/keys.js';
import { LocalFileStore } from '../src/media/file-store.js';
import { openStorage } from '../src/storage/db.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import { populate } from './populate.js';
import { getOk, root, type Server, saveResponse, startBare, startBroadsheet, stopAll } from './processes.js';
import { cpu, int, loadTable, medianOf, print, printTargets, progress, roundRatios } from './report.js';
import { measureRounds, type Scenario } from './rounds.js';
import { WRK } from './wrk.js';

const env = process.env;
const settings = {
  articles: Number(env.BENCH_ARTICLES ?? 5_000),
  seconds: Number(env.BENCH_SECONDS ?? 10),
  rounds: Number(env.BENCH_ROUNDS ?? 3),
  warmUp: Number(env.BENCH_WARMUP ?? 2),
  threads: Number(env.BENCH_THREADS ?? 2),
  connections: Number(env.BENCH_CONNECTIONS ?? 32),
  redis: env.BENCH_REDIS !== '0',
  redisUrl: env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/15',
};
const SECRET = 'bench-secret-bench-secret-bench-secret';
const TARGET_PER_SECOND = 5_000;
const LIST = '/api/v1/articles?limit=15';
const load = { threads: settings.threads, connections: settings.connections, seconds: settings.seconds };

const ensureBuilt = pathToFileURL(join(root, 'scripts', 'ensure-built.mjs')).href;
const built = spawnSync(
  process.execPath,
  ['--input-type=module', '-e', `(await import(${JSON.stringify(ensureBuilt)})).ensureBuilt()`],
  { stdio: 'inherit' },
);
if (built.status !== 0) process.exit(built.status ?? 1);

const wrkVersion = spawnSync(WRK, ['-v'], { encoding: 'utf8' }).stdout.split(' Copyright')[0];
print(
  `Content API benchmark, ${new Date().toISOString().slice(0, 16)} UTC, node ${process.version}, ${wrkVersion}`,
);
print(
  `${availableParallelism()} cores, shared by wrk (${settings.threads} threads, ${settings.connections} connections) ` +
    `and the server measured (one process). Median of ${settings.rounds} interleaved rounds of ${settings.seconds} s ` +
    `after ${settings.warmUp} s of warm-up. Load average at start: ${loadavg()
      .map((n) => n.toFixed(1))
      .join(' / ')}.`,
);

const work = mkdtempSync(join(tmpdir(), 'broadsheet-bench-api-'));
const logs = join(work, 'logs');
mkdirSync(logs);
try {
  progress(`preparing ${int(settings.articles)} articles`);
  const sqliteFile = join(work, 'bench.sqlite');
  const mediaDir = join(work, 'media');
  const storage = openStorage(`sqlite:${sqliteFile}`);
  let key: string;
  try {
    await migrateToLatest(storage.db);
    await seedDemoIfEmpty(storage.db, new LocalFileStore(mediaDir), new Date());
    await populate(storage.db, new LocalFileStore(mediaDir), settings.articles, new Date());
    const made = newKey(SECRET);
    key = made.key;
    // A limit no load here reaches: the limit is counted on every request, never refused.
    await storage.db
      .insertInto('content_api_keys')
      .values({
        name: 'bench',
        key_hash: made.hash,
        key_prefix: made.prefix,
        allowed_origins: '[]',
        rate_limit_per_minute: 1_000_000_000,
        created_by: null,
        created_at: new Date().toISOString(),
        revoked_by: null,
        revoked_at: null,
      })
      .execute();
  } finally {
    await storage.close();
  }
  const base = { DATABASE_URL: `sqlite:${sqliteFile}`, MEDIA_DIR: mediaDir, APP_SECRET: SECRET };
  const path = `${LIST}&key=${key}`;

  progress('starting the servers');
  const servers: Array<{ key: string; label: string; server: Server }> = [];
  const start = async (name: string, label: string, extra: Record<string, string>) => {
    const server = await startBroadsheet(name, { ...base, ...extra }, logs);
    await getOk(`${server.base}${path}`);
    servers.push({ key: name, label, server });
    return server;
  };
  const uncached = await start('uncached', 'list of 15, uncached, limit in SQLite', { PAGE_CACHE_MB: '0' });
  if (settings.redis)
    await start('uncached-redis', 'list of 15, uncached, limit in Redis', {
      PAGE_CACHE_MB: '0',
      REDIS_URL: settings.redisUrl,
    });
  await start('cached', 'list of 15, kept in the process', {});
  const answer = await getOk(`${uncached.base}${path}`);
  const file = join(work, 'list.json');
  saveResponse(answer, file);
  const bare = await startBare('bare', file);
  print(`\nThe answer: ${int(answer.body.length)} bytes of JSON, 15 articles with hero images and bylines.`);

  const scenarios: Scenario[] = [
    {
      key: 'bare',
      label: 'bare node:http, the same bytes',
      pid: bare.pid,
      target: () => ({ url: `${bare.base}/` }),
    },
    ...servers.map(({ key: k, label, server }) => ({
      key: k,
      label,
      pid: server.pid,
      target: () => ({ url: `${server.base}${path}` }),
    })),
  ];
  const { runs } = await measureRounds(scenarios, load, settings.rounds, settings.warmUp, progress);
  await stopAll();

  print('');
  loadTable(scenarios, runs);
  print('');
  const bareRuns = runs.get('bare')!;
  const targets = servers.map(({ key: k, label }) => {
    const own = runs.get(k)!;
    const perSecond = medianOf(own, 'requestsPerSecond');
    const ratio = roundRatios(own, bareRuns);
    const text =
      `${label}: ${int(perSecond)} req/s (${cpu(own)} ms CPU a request), ` +
      `${(ratio.median * 100).toFixed(0)} % of bare node:http (rounds ${ratio.each})`;
    return {
      met: k === 'cached' ? null : perSecond >= TARGET_PER_SECOND,
      text: `${text}; target ≥ ${int(TARGET_PER_SECOND)} uncached`,
    };
  });
  printTargets(targets);
} finally {
  await stopAll();
  if (env.BENCH_KEEP === '1') progress(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
