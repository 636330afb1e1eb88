// npm run bench:newsletter: an edition to BENCH_SUBSCRIBERS (100,000) subscribers on a fresh SQLite database
// (BENCH_NEWSLETTER_DB=postgres: a fresh schema in the local PostgreSQL), sent by the real sender through
// nodemailer's pooled SMTP into a local SMTP server that discards (bench/newsletter-sink.mjs, its own
// process). Prints how long queueing took, messages a second, and the sending process's peak memory.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pooledSmtpTransport } from '../src/newsletters/bulk-transport.js';
import { createEdition, getEdition, startSending } from '../src/newsletters/editions.js';
import { createList } from '../src/newsletters/lists.js';
import { newsletterSender } from '../src/newsletters/sender.js';
import { SiteState } from '../src/site/site-state.js';
import { localContentEvents } from '../src/storage/content-events.js';
import { openStorage } from '../src/storage/db.js';
import { migrateToLatest } from '../src/storage/migrate.js';

const COUNT = Number(process.env.BENCH_SUBSCRIBERS ?? 100_000);
const CONNECTIONS = Number(process.env.BENCH_SMTP_CONNECTIONS ?? 5);
const POSTGRES = process.env.BENCH_NEWSLETTER_DB === 'postgres';
const PUBLIC_URL = 'https://news.example.org';
const now = new Date();

async function database() {
  if (!POSTGRES) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-newsletter-'));
    return {
      url: `sqlite:${join(dir, 'bench.db')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const base = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_newsletter_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  return {
    url: `${base}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

const target = await database();
const storage = openStorage(target.url);
const { db } = storage;
await migrateToLatest(db);

const listId = await createList(
  db,
  { slug: 'daily', name: 'Daily Briefing', description: '', sender: '', frequency: 'Daily' },
  now,
);
for (let i = 0; i < COUNT; i += 1000) {
  const emails = Array.from({ length: Math.min(1000, COUNT - i) }, (_, j) => `reader${i + j}@example.org`);
  await db
    .insertInto('newsletter_subscribers')
    .values(emails.map((email) => ({ email, created_at: now.toISOString() })))
    .execute();
}
await db
  .insertInto('newsletter_subscriptions')
  .columns([
    'subscriber_id',
    'list_id',
    'status',
    'consent_at',
    'consent_form',
    'consent_wording',
    'created_at',
  ])
  .expression((eb) =>
    eb
      .selectFrom('newsletter_subscribers')
      .select((s) => [
        'id',
        s.val(listId).as('list_id'),
        s.val('active').as('status'),
        s.val(now.toISOString()).as('consent_at'),
        s.val('page').as('consent_form'),
        s.val('bench').as('consent_wording'),
        s.val(now.toISOString()).as('created_at'),
      ]),
  )
  .execute();

const site = new SiteState(db, PUBLIC_URL, { css: '', js: '' });
const editionId = await createEdition(
  db,
  {
    listId,
    subject: 'Benchmark edition',
    intro: 'Good morning.\n\nThe news of the day, in brief.',
    articleSlugs: [],
    sectionIds: [],
  },
  now,
);
const queueStart = performance.now();
await startSending(db, await site.context(), editionId, now);
const queueMs = performance.now() - queueStart;

const sink = fork(join(import.meta.dirname, 'newsletter-sink.mjs'), [], {
  stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
});
const port = await new Promise<string>((resolve) =>
  sink.stdout!.once('data', (c: Buffer) => resolve(c.toString().trim())),
);
const sender = newsletterSender({
  db,
  site,
  events: localContentEvents(),
  transport: await pooledSmtpTransport(`smtp://127.0.0.1:${port}`, CONNECTIONS),
  secret: 'bench-secret-bench-secret-bench-secret',
  publicUrl: PUBLIC_URL,
  defaultFrom: 'Newsroom <news@example.org>',
  // Unthrottled: the figure is what one instance can do, not what a provider allows.
  ratePerSecond: 1_000_000,
  leaseMs: 120_000,
  retryMs: 1000,
  pollMs: 10,
  batchSize: 500,
});

const start = performance.now();
let lastPrint = start;
while ((await getEdition(db, editionId)).status !== 'sent') {
  await sender.runOnce();
  if (performance.now() - lastPrint > 5000) {
    lastPrint = performance.now();
    const sent = await db
      .selectFrom('newsletter_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('state', '=', 'sent')
      .executeTakeFirstOrThrow();
    process.stderr.write(`  … ${sent.n} sent\n`);
  }
}
const seconds = (performance.now() - start) / 1000;
const received = await new Promise<number>((resolve) => {
  sink.once('message', (n) => resolve(Number(n)));
  sink.send('count');
});
await sender.stop();
sink.kill();
await storage.close();
await target.drop();

const peakMb = process.resourceUsage().maxRSS / 1024;
console.log(
  `newsletter send: ${COUNT.toLocaleString('en')} subscribers, ${POSTGRES ? 'PostgreSQL' : 'SQLite'}, ${CONNECTIONS} SMTP connections`,
);
console.log(`  queued (one row per recipient) in ${(queueMs / 1000).toFixed(2)} s`);
console.log(
  `  sent ${received.toLocaleString('en')} messages in ${seconds.toFixed(1)} s: ${Math.round(received / seconds).toLocaleString('en')} messages/s`,
);
console.log(`  peak memory of the sending process: ${peakMb.toFixed(0)} MB (RSS)`);
if (received !== COUNT) {
  console.error(`  the sink received ${received}, expected ${COUNT}`);
  process.exitCode = 1;
}
