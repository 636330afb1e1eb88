// Webhooks sent by the server as a real process: an event queued while one process runs, which is then
// killed with SIGKILL before its delivery pass, is delivered by the next process on the same database (both
// dialects); and two processes polling one PostgreSQL queue at once send every message exactly once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStorage, testDatabases } from '../../test/support/databases.js';
import { fieldsFor, type Newsroom, newsroom, T0 } from '../../test/support/editorial.js';
import { freePort } from '../../test/support/free-port.js';
import { eventually } from '../../test/support/outage.js';
import { running, runServer, type ServerProcess } from '../../test/support/server-process.js';
import {
  type Receiver,
  receiverDeps,
  startReceiver,
  subscribe,
} from '../../test/support/webhook-receiver.js';
import { createArticle } from '../editorial/drafts.js';
import { publishArticle } from '../editorial/workflow.js';
import { localContentEvents } from '../storage/content-events.js';

let receiver: Receiver;
let dir: string;
beforeAll(async () => {
  receiver = await startReceiver();
  dir = await mkdtemp(join(tmpdir(), 'broadsheet-webhooks-'));
});
afterAll(async () => {
  await receiver.close();
  await rm(dir, { recursive: true, force: true });
});

async function startServer(databaseUrl: string, pollMs: number): Promise<ServerProcess> {
  const port = await freePort();
  const server = runServer({
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: databaseUrl,
    MEDIA_DIR: join(dir, 'media'),
    SEED_DEMO: 'false',
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    WEBHOOK_POLL_MS: String(pollMs),
  });
  await running(server);
  return server;
}

function killHard(server: ServerProcess): Promise<unknown> {
  server.child.kill('SIGKILL');
  return server.exited;
}

async function setUp(storage: TestStorage) {
  const room = await newsroom(storage.db);
  await subscribe(receiver, receiverDeps(storage.db), room.admin);
  receiver.received.length = 0;
  receiver.answer = () => 200;
  return room;
}

async function publish(storage: TestStorage, room: Newsroom, n: number) {
  const editorial = { db: storage.db, events: localContentEvents() };
  const article = await createArticle(
    storage.db,
    room.editor,
    fieldsFor(room, { headline: `Story number ${n} of the night` }),
    'manual',
    T0,
  );
  await publishArticle(editorial, room.editor, article.id, new Date());
}

describe.each(testDatabases)('the server process on $name', (database) => {
  it('delivers after a restart what was queued before the process was killed', async () => {
    const storage = await database.open();
    try {
      const room = await setUp(storage);
      // A pass at start, then none for ten minutes: the event waits, as if it had just been queued.
      const first = await startServer(storage.url!, 600_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await publish(storage, room, 1);
      await killHard(first);
      expect(receiver.received).toEqual([]);
      const pending = await storage.db.selectFrom('webhook_deliveries').select('status').execute();
      expect(pending).toEqual([{ status: 'pending' }]);

      const second = await startServer(storage.url!, 200);
      try {
        await eventually(async () => {
          const [row] = await storage.db.selectFrom('webhook_deliveries').select('status').execute();
          if (row?.status !== 'delivered') throw new Error(`still ${row?.status}`);
        }, 20_000);
      } finally {
        await second.stop();
      }
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0]!.verified).toMatchObject({
        type: 'article.published',
        data: { headline: 'Story number 1 of the night' },
      });
    } finally {
      await storage.cleanup();
    }
  }, 120_000);
});

describe.skipIf(!testDatabases.some((d) => d.name === 'postgres'))('two processes on PostgreSQL', () => {
  it('send each message exactly once while both poll the queue', async () => {
    const storage = await testDatabases.find((d) => d.name === 'postgres')!.open();
    const servers: ServerProcess[] = [];
    try {
      const room = await setUp(storage);
      // A slow receiver keeps claims in flight while the other instance polls.
      receiver.answer = async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return 200;
      };
      servers.push(await startServer(storage.url!, 100), await startServer(storage.url!, 100));
      const EVENTS = 40;
      for (let n = 1; n <= EVENTS; n++) await publish(storage, room, n);
      await eventually(async () => {
        const left = await storage.db
          .selectFrom('webhook_deliveries')
          .select('id')
          .where('status', '!=', 'delivered')
          .execute();
        if (left.length > 0 || receiver.received.length < EVENTS) throw new Error(`${left.length} left`);
      }, 60_000);
      // Time for a doubled send to arrive, had there been one.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const counts = receiver.countsById();
      expect(counts.size).toBe(EVENTS);
      expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
      expect(receiver.received.every((r) => r.verified !== null)).toBe(true);
      const attempts = await storage.db.selectFrom('webhook_attempts').select('id').execute();
      expect(attempts).toHaveLength(EVENTS);
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      await storage.cleanup();
    }
  }, 180_000);
});
