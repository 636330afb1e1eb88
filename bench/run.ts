// npm run bench: the figures of the structure issue from one run. Broadsheet runs as in production (plain
// node on dist/); Debian's wrk loads it from a second process, beside bare node:http serving the same bytes
// in the same run; interleaved rounds, medians. About ten minutes with the defaults below.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { postingLoad } from './comments.js';
import { prepareContent } from './databases.js';
import type { BenchDatabase } from './postgres.js';
import { rssMb } from './proc.js';
import { getOk, root, type Server, saveResponse, startBare, startBroadsheet, stopAll } from './processes.js';
import { int, print, progress } from './report.js';
import { measureRounds, type Scenario } from './rounds.js';
import { measureSitemap } from './sitemap.js';
import { firstRequestTimes, npmStartTree } from './startup.js';
import { summarise } from './summary.js';
import { WRK } from './wrk.js';

const env = process.env;
// BENCH_ARTICLES published articles (the sitemap needs 50,000); BENCH_LONG_TAIL of them loaded at random;
// each load BENCH_ROUNDS times for BENCH_SECONDS after BENCH_WARMUP s, by wrk with BENCH_THREADS threads and
// BENCH_CONNECTIONS connections; BENCH_STARTS starts timed; BENCH_SITEMAP_RENDERS sitemaps; BENCH_POSTGRES=0,
// BENCH_NPM_START=0, BENCH_REQUEST_FILES=0 leave a part out; BENCH_KEEP=1 keeps the files and the database.
const settings = {
  articles: Number(env.BENCH_ARTICLES ?? 50_000),
  longTail: Number(env.BENCH_LONG_TAIL ?? 10_000),
  seconds: Number(env.BENCH_SECONDS ?? 10),
  rounds: Number(env.BENCH_ROUNDS ?? 3),
  warmUp: Number(env.BENCH_WARMUP ?? 2),
  threads: Number(env.BENCH_THREADS ?? 2),
  connections: Number(env.BENCH_CONNECTIONS ?? 32),
  starts: Number(env.BENCH_STARTS ?? 5),
  sitemapRenders: Number(env.BENCH_SITEMAP_RENDERS ?? 5),
  postgres: env.BENCH_POSTGRES !== '0',
  npmStart: env.BENCH_NPM_START !== '0',
  requestFiles: env.BENCH_REQUEST_FILES !== '0',
};
const SECRET = 'bench-secret-bench-secret-bench-secret';
const load = { threads: settings.threads, connections: settings.connections, seconds: settings.seconds };
const loadAverage = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' / ');

// The compiled server is what is measured: build first if the sources changed since the last build.
const ensureBuilt = pathToFileURL(join(root, 'scripts', 'ensure-built.mjs')).href;
const built = spawnSync(
  process.execPath,
  ['--input-type=module', '-e', `(await import(${JSON.stringify(ensureBuilt)})).ensureBuilt()`],
  { stdio: 'inherit' },
);
if (built.status !== 0) process.exit(built.status ?? 1);

// wrk -v prints its version and usage, and exits 1.
const wrkVersion = spawnSync(WRK, ['-v'], { encoding: 'utf8' }).stdout.split(' Copyright')[0];
print(
  `Broadsheet benchmark, ${new Date().toISOString().slice(0, 16)} UTC, node ${process.version}, ${wrkVersion}`,
);
print(
  `${availableParallelism()} cores, shared by wrk (${settings.threads} threads, ${settings.connections} connections, ` +
    `its own process) and the server measured (one process); nothing pinned; the run's other servers sit idle.`,
);
print(
  `Each load figure: the median of ${settings.rounds} interleaved rounds of ${settings.seconds} s ` +
    `(after ${settings.warmUp} s of warm-up each). Load average at start: ${loadAverage()}.`,
);

const work = mkdtempSync(join(tmpdir(), 'broadsheet-bench-'));
const logs = join(work, 'logs');
mkdirSync(logs);
let postgresDatabase: BenchDatabase | null = null;
try {
  print('\n## Content');
  const content = await prepareContent({
    work,
    articles: settings.articles,
    longTail: settings.longTail,
    postgres: settings.postgres,
    secret: SECRET,
    log: print,
  });
  postgresDatabase = content.postgres;
  const sqliteEnv = {
    DATABASE_URL: `sqlite:${content.sqliteFile}`,
    MEDIA_DIR: content.mediaDir,
    APP_SECRET: SECRET,
  };

  progress('starting the servers');
  const justStarted = new Map<string, number>();
  const start = async (name: string, extra: Record<string, string>) => {
    const server = await startBroadsheet(name, { ...sqliteEnv, ...extra }, logs);
    // Listening and a second idle, nothing asked of it yet.
    await new Promise((r) => setTimeout(r, 1000));
    justStarted.set(name, rssMb(server.pid));
    return server;
  };
  const cached = await start('cached', {});
  const uncached = await start('uncached', { PAGE_CACHE_MB: '0' });
  const postgres = content.postgres
    ? await start('uncached-postgres', { PAGE_CACHE_MB: '0', DATABASE_URL: content.postgres.url })
    : null;
  const poster = await start('posting', { TRUST_PROXY: 'loopback' });

  const article = `/articles/${content.referenceSlug}`;
  const discussed = `/articles/${content.comments.discussed}`;
  const bareOf = async (name: string, url: string): Promise<Server> => {
    const page = await getOk(url);
    const file = join(work, `${name}.json`);
    saveResponse(page, file);
    print(`${name}: ${int(page.body.length)} bytes, served by bare node:http with the same headers`);
    return startBare(name, file);
  };
  const bareArticle = await bareOf('article page', `${cached.base}${article}`);
  const bareDiscussed = await bareOf('article page with 1,000 comments', `${cached.base}${discussed}`);
  for (const server of [uncached, postgres]) if (server) await getOk(`${server.base}${article}`);
  const posting = await postingLoad(poster.base, content.comments.posted);

  const get = (key: string, label: string, server: Server, path: string): Scenario => ({
    key,
    label,
    pid: server.pid,
    target: () => ({ url: `${server.base}${path}` }),
  });
  const scenarios: Scenario[] = [
    get('bare', 'bare node:http, article bytes', bareArticle, '/'),
    get('cached', 'article, cached', cached, article),
    get('uncached', 'article, uncached, SQLite', uncached, article),
    ...(postgres ? [get('postgres', 'article, uncached, PostgreSQL', postgres, article)] : []),
    get('home', 'home page, uncached, SQLite', uncached, '/'),
    {
      key: 'long-tail',
      label: `random article of ${int(settings.longTail)}, cache on`,
      pid: cached.pid,
      target: () => ({
        url: cached.base,
        script: { name: 'random-paths.lua', args: [content.longTailFile] },
      }),
    },
    get('bare-comments', 'bare node:http, bytes of the 1,000 comments', bareDiscussed, '/'),
    get('cached-comments', 'article + 1,000 comments, cached', cached, discussed),
    get('uncached-comments', 'article + 1,000 comments, uncached', uncached, discussed),
    { key: 'posting', label: 'posting comments (moderation rules on)', pid: poster.pid, ...posting },
  ];
  const rounds = await measureRounds(scenarios, load, settings.rounds, settings.warmUp, progress);
  const afterLoad = new Map([cached, uncached, poster].map((s) => [s.name, rssMb(s.pid)]));
  await stopAll();

  progress('the sitemap');
  const sitemap = await measureSitemap(sqliteEnv, logs, settings.sitemapRenders);
  progress('first requests after start');
  const firstRequest = await firstRequestTimes(sqliteEnv, logs, article, settings.starts);
  let npmStart = null;
  if (settings.npmStart) {
    progress('npm start on a fresh directory (it seeds the demo)');
    const dir = join(work, 'npm-start');
    mkdirSync(dir);
    npmStart = await npmStartTree(dir, load);
  }
  let requestFiles = '';
  if (settings.requestFiles) {
    progress('which files one article request runs');
    requestFiles = execFileSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'bench', 'request-files.ts'), content.sqliteFile, content.mediaDir],
      { encoding: 'utf8', cwd: root },
    );
  }

  summarise({
    scenarios,
    rounds,
    servers: { cached, uncached, postgres, poster, bareArticle },
    justStarted,
    afterLoad,
    published: content.published,
    sitemap,
    firstRequest,
    npmStart,
    requestFiles,
  });
  // The import's figures (posts/s, peak memory) come from its own process, so its memory is its own.
  if (env.BENCH_IMPORT !== '0') {
    progress('importing generated posts (bench/import.ts; BENCH_IMPORT=0 leaves it out)');
    const imported = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'import.ts')], {
      encoding: 'utf8',
      cwd: root,
    });
    print(imported.trimEnd());
  }
  print(`\nLoad average at the end: ${loadAverage()}.`);
} finally {
  await stopAll();
  // BENCH_KEEP=1 keeps the files and the database, to look into a figure afterwards.
  if (env.BENCH_KEEP === '1')
    progress(`kept ${work}${postgresDatabase ? ` and ${postgresDatabase.url}` : ''}`);
  else {
    rmSync(work, { recursive: true, force: true });
    await postgresDatabase?.drop().catch((e) => progress(`could not drop the PostgreSQL database: ${e}`));
  }
}
