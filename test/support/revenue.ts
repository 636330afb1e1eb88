// Helpers for donation tests: a donation started through the real form, counts of what the ledger holds,
// and a database that can be taken down and brought back (to see Stripe's retries applied once).
import { createServer, type Server, Socket } from 'node:net';
import SQLite from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { defaultSiteSettings, saveSiteSettings } from '../../src/site/settings.js';
import { openStorage } from '../../src/storage/db.js';
import type { Database } from '../../src/storage/schema.js';
import { TEST_ORIGIN } from './app.js';
import { postgresUrl, type TestDatabase } from './databases.js';

export const DONOR = { name: 'Ada Reader', email: 'ada@example.org' };

/** Fills in and sends the donation form as a browser would; returns the Checkout Session id. */
export async function startDonationVia(
  app: FastifyInstance,
  fields: Record<string, string> = {},
): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/support',
    headers: { origin: TEST_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ interval: 'once', amount: '2500', ...DONOR, ...fields }).toString(),
  });
  if (res.statusCode !== 303)
    throw new Error(`donation not started: ${res.statusCode} ${res.body.slice(0, 500)}`);
  const match = /\/c\/pay\/(cs_\w+)$/.exec(String(res.headers.location));
  if (!match) throw new Error(`not sent to the checkout: ${res.headers.location}`);
  return match[1]!;
}

export async function ledgerCounts(db: Kysely<Database>) {
  const count = async (
    table:
      | 'donations'
      | 'donors'
      | 'stripe_events'
      | 'donation_subscriptions'
      | 'donation_refunds'
      | 'mail_outbox',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    donations: await count('donations'),
    donors: await count('donors'),
    events: await count('stripe_events'),
    subscriptions: await count('donation_subscriptions'),
    refunds: await count('donation_refunds'),
    mails: await count('mail_outbox'),
  };
}

/** Mail the app sends after answering (donor links): waits until `count` such mails are in the outbox. */
export async function waitForOutbox(
  db: Kysely<Database>,
  subjectLike: string,
  count: number,
  options: { settleMs?: number } = {},
) {
  const read = () =>
    db.selectFrom('mail_outbox').selectAll().where('subject', 'like', subjectLike).orderBy('id').execute();
  const until = Date.now() + 5000;
  let mails = await read();
  while (mails.length < count && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    mails = await read();
  }
  // A moment more, to see that no extra mail follows.
  if (options.settleMs) {
    await new Promise((resolve) => setTimeout(resolve, options.settleMs));
    mails = await read();
  }
  return mails;
}

export interface BreakableDatabase {
  database: TestDatabase;
  /** The database stops answering the app (PostgreSQL: its connections are cut; SQLite: it is locked). */
  down(): Promise<void>;
  up(): Promise<void>;
}

/**
 * PostgreSQL is reached through a local TCP relay that can be cut, as a network or server outage would.
 * SQLite has no connection to cut: another process holding its write lock is how it fails in practice.
 */
export function breakable(database: TestDatabase): BreakableDatabase {
  if (database.name === 'sqlite') {
    let file = '';
    let locker: SQLite.Database | null = null;
    return {
      database: {
        name: 'sqlite',
        async open() {
          const storage = await database.open();
          const row = await sql<{
            file: string;
          }>`select file from pragma_database_list where name = 'main'`.execute(storage.db);
          file = row.rows[0]!.file;
          return storage;
        },
      },
      async down() {
        locker = new SQLite(file);
        locker.exec('begin exclusive');
      },
      async up() {
        locker?.exec('commit');
        locker?.close();
        locker = null;
      },
    };
  }

  const target = new URL(postgresUrl);
  const sockets = new Set<Socket>();
  let relay: Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      if (relay?.listening) return resolve();
      relay = createServer((client) => {
        const upstream = new Socket();
        sockets.add(client).add(upstream);
        upstream.connect(Number(target.port || 5432), target.hostname);
        client.pipe(upstream).pipe(client);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
      });
      relay.listen(port, '127.0.0.1', () => {
        port = (relay!.address() as { port: number }).port;
        resolve();
      });
    });
  return {
    database: {
      name: 'postgres',
      async open() {
        const inner = await database.open();
        const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(inner.db)).rows[0]!.s;
        await listen();
        const via = new URL(postgresUrl);
        via.host = `127.0.0.1:${port}`;
        const url = `${via.toString()}${via.search ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
        const storage = openStorage(url, { poolSize: 4 });
        return {
          ...storage,
          async cleanup() {
            await storage.close().catch(() => {});
            relay?.close(() => {});
            for (const s of sockets) s.destroy();
            await inner.cleanup();
          },
        };
      },
    },
    async down() {
      const closed = new Promise<void>((resolve) => relay!.close(() => resolve()));
      // close() waits for open connections; cutting them is the outage.
      for (const s of sockets) s.destroy();
      sockets.clear();
      await closed;
      // Let the app's pool see its idle connections end before the next request picks one up.
      await new Promise((resolve) => setTimeout(resolve, 200));
    },
    up: listen,
  };
}

/** A British newsroom: donations are in pounds (the currency follows the site's language until saved). */
export async function britishNewsroom(db: Kysely<Database>): Promise<void> {
  await saveSiteSettings(db, { ...defaultSiteSettings, language: 'en-GB' }, new Date());
}
