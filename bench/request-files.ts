// Which project files a newcomer would open to follow one article request: the files under src/ with any
// function V8 counts as called during exactly one uncached GET of an article, served by the built app
// (dist/, as production runs it) on a populated SQLite file; then the size statistics of src/.
// tsx bench/request-files.ts [<sqlite file> <media dir>]   (without: a fresh demo database)
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import SQLite from 'better-sqlite3';
import { LocalFileStore } from '../src/media/file-store.js';
import { openStorage } from '../src/storage/db.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import { populate } from './populate.js';
import { getOk, root } from './processes.js';
import { sourceSize } from './source-size.js';

const REFERENCE_HEADLINE = 'Russia Withdrawing From Kharkiv After Heavy Losses';
const WARM_UP_ARTICLES = 6;
const SECRET = 'bench-secret-bench-secret-bench-secret';

const dist = (path: string) => pathToFileURL(join(root, 'dist', 'src', path)).href;

/** The app as main.ts builds it for one process, from dist/, listening on a port of its own. */
async function startBuiltApp(dbFile: string, mediaDir: string) {
  const { loadConfig } = (await import(dist('config.js'))) as typeof import('../src/config.js');
  const db = (await import(dist('storage/db.js'))) as typeof import('../src/storage/db.js');
  const events = (await import(
    dist('storage/content-events.js')
  )) as typeof import('../src/storage/content-events.js');
  const listening = (await import(dist('server/listen.js'))) as typeof import('../src/server/listen.js');
  const config = loadConfig({
    DATABASE_URL: `sqlite:${dbFile}`,
    MEDIA_DIR: mediaDir,
    APP_SECRET: SECRET,
    PAGE_CACHE_MB: '0',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    SEED_DEMO: 'false',
    PORT: '0',
  });
  const storage = db.openStorage(config.databaseUrl);
  const server = await listening.listen(
    config,
    storage,
    events.localContentEvents(),
    SECRET,
    listening.mailerFor(config, storage),
  );
  return {
    base: `http://127.0.0.1:${server.port}`,
    close: async () => {
      await server.close();
      await storage.close();
    },
  };
}

/** The project source a compiled script came from, or null for anything not under dist/src. */
function projectFile(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  const path = relative(join(root, 'dist'), fileURLToPath(url));
  if (!path.startsWith(`src${sep}`) || !path.endsWith('.js')) return null;
  const stem = path.slice(0, -'.js'.length);
  return [`${stem}.ts`, `${stem}.tsx`].find((p) => existsSync(join(root, p))) ?? `${stem}.js`;
}

function packageOf(url: string): string | null {
  return /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? null;
}

export async function requestFiles(dbFile: string, mediaDir: string): Promise<void> {
  const sqlite = new SQLite(dbFile, { readonly: true });
  const reference = sqlite
    .prepare('select slug from articles where headline = ? and status = ?')
    .pluck()
    .get(REFERENCE_HEADLINE, 'published') as string;
  const others = sqlite
    .prepare("select slug from articles where status = 'published' and slug <> ? order by id limit ?")
    .pluck()
    .all(reference, WARM_UP_ARTICLES) as string[];
  sqlite.close();

  const app = await startBuiltApp(dbFile, mediaDir);
  const session = new Session();
  session.connect();
  try {
    // Everything done once per process (reading settings, first compiles) is done before counting.
    for (const slug of others) await getOk(`${app.base}/articles/${slug}`);
    await session.post('Profiler.enable');
    await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
    await session.post('Profiler.takePreciseCoverage'); // resets the counts
    await getOk(`${app.base}/articles/${reference}`);
    await new Promise((r) => setImmediate(r));
    const { result } = await session.post('Profiler.takePreciseCoverage');
    await session.post('Profiler.stopPreciseCoverage');

    const files = new Map<string, number>();
    const packages = new Set<string>();
    for (const script of result) {
      const called = script.functions.filter((f) => (f.ranges[0]?.count ?? 0) > 0).length;
      if (called === 0) continue;
      const file = projectFile(script.url);
      if (file) files.set(file, (files.get(file) ?? 0) + called);
      const pkg = packageOf(script.url);
      if (pkg) packages.add(pkg);
    }
    const list = [...files].sort(([a], [b]) => a.localeCompare(b));
    console.log(
      `Project files with a function called during one uncached GET /articles/${reference} ` +
        `(PAGE_CACHE_MB=0, SQLite, after ${others.length} other articles): ${list.length} ` +
        `(target <= 8) ${list.length <= 8 ? 'met' : 'NOT met'}`,
    );
    for (const [file, count] of list) console.log(`  ${file.padEnd(58)} ${String(count).padStart(3)} called`);
    console.log(`Packages with a function called: ${[...packages].sort().join(', ')}`);
  } finally {
    session.disconnect();
    await app.close();
  }

  const size = sourceSize(root);
  const met = size.median <= 80 && size.p90 <= 200;
  console.log(
    `\nsrc/ (non-test .ts/.tsx): ${size.files} files, median ${size.median} lines, p90 ${size.p90}, ` +
      `${size.over200.length} files over 200 lines (target: median <= 80, p90 <= 200) ${met ? 'met' : 'NOT met'}`,
  );
  for (const f of size.over200) console.log(`  ${f.path.padEnd(58)} ${String(f.lines).padStart(4)} lines`);
}

/** Without a database given: the demo newsroom and a few copies in a temporary one. */
async function withFreshDatabase(run: (dbFile: string, mediaDir: string) => Promise<void>) {
  const work = await mkdtemp(join(tmpdir(), 'broadsheet-request-files-'));
  try {
    const dbFile = join(work, 'bench.sqlite');
    const mediaDir = join(work, 'media');
    const storage = openStorage(`sqlite:${dbFile}`);
    await migrateToLatest(storage.db);
    await populate(storage.db, new LocalFileStore(mediaDir), 100, new Date());
    await storage.close();
    await run(dbFile, mediaDir);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [dbFile, mediaDir] = process.argv.slice(2);
  if (dbFile && mediaDir) await requestFiles(dbFile, mediaDir);
  else await withFreshDatabase(requestFiles);
}
