// What timing every query for /metrics costs: the same small indexed read run on one SQLite file with
// Kysely's timing off, on with no listener, and on with a histogram as /metrics has (no labels) listening. Prints the
// microseconds a query took in each, medians of five interleaved rounds. `npx tsx bench/query-timing.ts`
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Histogram, Registry } from 'prom-client';
import { migrateToLatest } from '../src/storage/migrate.js';
import { queryTimings } from '../src/storage/query-timing.js';
import { openSqlite } from '../src/storage/sqlite.js';

const QUERIES = 20_000;
const dir = await mkdtemp(join(tmpdir(), 'broadsheet-query-timing-'));
const file = join(dir, 'bench.db');
const plain = openSqlite(file);
await migrateToLatest(plain);
await plain
  .insertInto('sections')
  .values({ slug: 'city', name: 'City', description: '', position: 0 })
  .execute()
  .catch(() => {});
const idle = openSqlite(file, 5000, queryTimings());
const listened = queryTimings();
const histogram = new Histogram({ name: 'q', help: 'q', registers: [new Registry()] });
const ok = histogram;
listened.listen((seconds) => ok.observe(seconds));
const measured = openSqlite(file, 5000, listened);

async function round(db: typeof plain): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < QUERIES; i++)
    await db.selectFrom('sections').select('id').where('slug', '=', 'city').execute();
  return ((performance.now() - started) * 1000) / QUERIES;
}

const results: Record<string, number[]> = { off: [], 'on, no listener': [], 'on, histogram': [] };
for (let r = 0; r < 5; r++) {
  results.off!.push(await round(plain));
  results['on, no listener']!.push(await round(idle));
  results['on, histogram']!.push(await round(measured));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const [name, xs] of Object.entries(results))
  console.log(`${name.padEnd(18)} ${median(xs).toFixed(2)} µs a query`);
await Promise.all([plain.destroy(), idle.destroy(), measured.destroy()]);
await rm(dir, { recursive: true, force: true });
