// `npm run bench:analytics`: what collecting costs the site, on one process of the compiled server (SQLite,
// the demo newsroom). With wrk from its own processes: (1) a cached article page with analytics off, (2) the
// same with analytics on (the beacon in the page, the collector and its flush timer running), (3) POST /a/event
// as fast as it goes, (4) the article page while wrk paces 5,000 events/s at the same process. Figures printed;
// the stored events are counted afterwards, so an event answered but not written would show.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemoIfEmpty } from '../demo/seed.js';
import { LocalFileStore } from '../src/media/file-store.js';
import { openStorage } from '../src/storage/db.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import { ensureCompiledServer } from '../test/support/compiled-server.js';
import { getOnce, root, startBroadsheet, stopAll } from './processes.js';
import { type Load, runWrk, type WrkResult } from './wrk.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PAGES: Load = { threads: 1, connections: 32, seconds: SECONDS };
const EVENTS: Load = { threads: 1, connections: 32, seconds: SECONDS };
// 50 connections each sending one event every 10 ms: 5,000 events a second while the server keeps up.
const PACED_EVENTS: Load = { threads: 1, connections: 50, seconds: SECONDS };
const PACE_MS = '10';

const line = (name: string, r: WrkResult) =>
  `${name.padEnd(52)} ${r.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${r.p50Ms.toFixed(2)} ms  p99 ${r.p99Ms.toFixed(2)} ms  non-2xx ${r.failed}  socket errors ${r.socketErrors}`;

async function main() {
  await ensureCompiledServer(root);
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-bench-analytics-'));
  const databaseUrl = `sqlite:${join(dir, 'bench.sqlite')}`;
  const storage = openStorage(databaseUrl);
  await migrateToLatest(storage.db);
  await seedDemoIfEmpty(storage.db, new LocalFileStore(join(dir, 'media')), new Date());
  const { slug } = await storage.db
    .selectFrom('articles')
    .select('slug')
    .where('status', '=', 'published')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  await storage.close();
  const env = {
    DATABASE_URL: databaseUrl,
    MEDIA_DIR: join(dir, 'media'),
    APP_SECRET: 'bench-secret-bench-secret-bench-secret-01',
    TRUST_PROXY: '127.0.0.1',
  };
  const results: string[] = [];
  try {
    const off = await startBroadsheet('analytics off', { ...env, ANALYTICS_ENABLED: 'false' }, dir);
    const offUrl = `${off.base}/articles/${slug}`;
    await getOnce(offUrl);
    // A few seconds first, so that both runs measure a warmed-up process.
    await runWrk({ url: offUrl }, PAGES, 3);
    const pagesOff = await runWrk({ url: offUrl }, PAGES);
    await off.stop();

    const on = await startBroadsheet('analytics on', { ...env, ANALYTICS_ENABLED: 'true' }, dir);
    const onUrl = `${on.base}/articles/${slug}`;
    const page = await getOnce(onUrl);
    if (!page.body.toString().includes('/assets/beacon.')) throw new Error('the beacon is not on the page');
    await runWrk({ url: onUrl }, PAGES, 3);
    const pagesOn = await runWrk({ url: onUrl }, PAGES);
    const events = await runWrk(
      { url: `${on.base}/a/event`, script: { name: 'post-events.lua', args: ['0'] } },
      EVENTS,
    );
    const [pagesMixed, paced] = await Promise.all([
      runWrk({ url: onUrl }, PAGES),
      runWrk(
        { url: `${on.base}/a/event`, script: { name: 'post-events.lua', args: [PACE_MS] } },
        PACED_EVENTS,
      ),
    ]);
    await on.stop();

    const check = openStorage(databaseUrl);
    const stored = await check.db
      .selectFrom('analytics_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await check.close();
    const answered = events.requests - events.failed + (paced.requests - paced.failed);

    results.push(
      line('article page, analytics off', pagesOff),
      line('article page, analytics on', pagesOn),
      line('POST /a/event alone', events),
      line('article page beside paced events', pagesMixed),
      line('POST /a/event paced (target 5,000/s) beside pages', paced),
      '',
      `pages with analytics on / off:            ${((pagesOn.requestsPerSecond / pagesOff.requestsPerSecond) * 100).toFixed(1)} % (target ≥ 90 %)`,
      `pages beside ${paced.requestsPerSecond.toFixed(0)} events/s / pages off: ${((pagesMixed.requestsPerSecond / pagesOff.requestsPerSecond) * 100).toFixed(1)} %`,
      `events/s alone:                           ${events.requestsPerSecond.toFixed(0)} (target ≥ 5,000)`,
      `events answered 204 / stored after SIGTERM: ${answered} / ${Number(stored.n)}`,
    );
  } finally {
    await stopAll();
    await rm(dir, { recursive: true, force: true });
  }
  process.stdout.write(`${results.join('\n')}\n`);
}

await main();
