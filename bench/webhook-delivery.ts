// How fast one machine sends webhooks: BENCH_WEBHOOKS events queued for one endpoint (a node:http receiver
// on this machine answering 200), then sent by the delivery pass (claim, sign, POST, record) until none is
// left, on SQLite and PostgreSQL. Beside it, bare node:http posting the same signed bodies to the same
// receiver, as many at once as a pass sends: the ceiling the database work is measured against.
// Run: npx tsx bench/webhook-delivery.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { outboxMailer } from '../src/mail/mailer.js';
import { openStorage } from '../src/storage/db.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import type { Database } from '../src/storage/schema.js';
import { DEFAULT_DELIVERY, deliverDue } from '../src/webhooks/deliver.js';
import { insertEvent } from '../src/webhooks/enqueue-event.js';
import { signatureHeaders } from '../src/webhooks/send-webhook.js';
import { newSigningSecret } from '../src/webhooks/signing-secret.js';
import { createBenchDatabase } from './postgres.js';
import { int, print } from './report.js';

const EVENTS = Number(process.env.BENCH_WEBHOOKS ?? 2000);
const BODY = {
  id: 1,
  slug: 'a-story',
  path: '/articles/a-story',
  headline: 'A headline of usual length for a story',
};

const receiver = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200).end('ok'));
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

async function queue(db: Kysely<Database>): Promise<void> {
  const now = new Date().toISOString();
  const { id } = await db
    .insertInto('webhook_endpoints')
    .values({
      url,
      events: '["article.published"]',
      secret: newSigningSecret(),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.transaction().execute(async (trx) => {
    for (let n = 0; n < EVENTS; n++) await insertEvent(trx, 'article.published', BODY, new Date(), [id]);
  });
}

async function delivered(dialect: string, databaseUrl: string): Promise<void> {
  const storage = openStorage(databaseUrl);
  try {
    await migrateToLatest(storage.db);
    await queue(storage.db);
    const deps = {
      db: storage.db,
      clock: () => new Date(),
      resolveHost: async () => [],
      allowedHosts: ['127.0.0.1'],
      publicUrl: 'https://news.example.org',
      mailer: outboxMailer(storage.db, { from: 'bench@example.org' }),
    };
    const started = performance.now();
    while ((await deliverDue(deps)) > 0) {}
    const seconds = (performance.now() - started) / 1000;
    const { n } = await storage.db
      .selectFrom('webhook_deliveries')
      .select(sql<number>`count(*)`.as('n'))
      .where('status', '=', 'delivered')
      .executeTakeFirstOrThrow();
    print(
      `${dialect.padEnd(22)} ${int(EVENTS / seconds).padStart(6)} deliveries/s  (${int(Number(n))} delivered in ${seconds.toFixed(2)} s, ${DEFAULT_DELIVERY.batch} at once)`,
    );
  } finally {
    await storage.close();
  }
}

async function bare(): Promise<void> {
  const secret = newSigningSecret();
  const body = JSON.stringify({ type: 'article.published', timestamp: new Date().toISOString(), data: BODY });
  const post = (n: number) =>
    new Promise<void>((resolve, reject) => {
      const headers = {
        'content-type': 'application/json',
        ...signatureHeaders({ url, secret, messageId: `msg_${n}`, body }, new Date()),
      };
      const req = request(url, { method: 'POST', headers, agent: false }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end(body);
    });
  const started = performance.now();
  for (let n = 0; n < EVENTS; n += DEFAULT_DELIVERY.batch) {
    await Promise.all(
      Array.from({ length: Math.min(DEFAULT_DELIVERY.batch, EVENTS - n) }, (_, i) => post(n + i)),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  print(
    `${'bare node:http'.padEnd(22)} ${int(EVENTS / seconds).padStart(6)} posts/s       (signed, new connection each, ${DEFAULT_DELIVERY.batch} at once)`,
  );
}

print(`Webhook delivery, ${int(EVENTS)} events to one endpoint on this machine`);
await bare();
const dir = mkdtempSync(join(tmpdir(), 'bench-webhooks-'));
try {
  await delivered('Broadsheet, SQLite', `sqlite:${join(dir, 'bench.sqlite')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (process.env.BENCH_POSTGRES !== '0') {
  const database = await createBenchDatabase();
  try {
    await delivered('Broadsheet, PostgreSQL', database.url);
  } finally {
    await database.drop();
  }
}
receiver.close();
