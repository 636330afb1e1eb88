// Finding 12: a stalled database must not hang readers. The database is stalled for real: another
// connection holds an ACCESS EXCLUSIVE lock on the articles table in an open transaction, so every read of
// an article waits. Readers then get a 503 with Retry-After within seconds (the styled page, or JSON), a page
// kept in the cache is still served even past its freshness (stale-if-error), /readyz says not ready, and
// everything recovers when the lock is released. Under load, with Redis killed at the same moment, no
// request fails with a 500, and a change announced meanwhile reaches the instance after recovery.
import { createServer, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addArticle, addSection } from '../../test/support/content.js';
import { type TestStorage, testDatabases } from '../../test/support/databases.js';
import {
  eventually,
  type Instance,
  type OwnRedis,
  startInstance,
  startOwnRedis,
} from '../../test/support/outage.js';
import { articleTag } from '../articles/cache-tags.js';
import { openStorage, type Storage } from '../storage/db.js';

const postgres = testDatabases.find((d) => d.name === 'postgres');
const TIMEOUT_MS = 1000;
// Waiting for a connection, then for the statement: the longest a request may take while the database stalls.
const ANSWER_WITHIN_MS = 2 * TIMEOUT_MS + 1500;
const STALE_IF_ERROR = 86400;
const SHARED_REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe.skipIf(!postgres)('a stalled database (PostgreSQL)', () => {
  let storage: TestStorage;
  let appStorage: Storage;
  let ownRedis: OwnRedis;
  const ids = new Map<string, number>();
  const opened: Instance[] = [];

  beforeAll(async () => {
    storage = await postgres!.open();
    appStorage = openStorage(storage.url!, {
      poolSize: 10,
      statementTimeoutMs: TIMEOUT_MS,
      connectTimeoutMs: TIMEOUT_MS,
    });
    ownRedis = await startOwnRedis();
    const sectionId = await addSection(storage.db, 'city', 'City');
    for (const slug of ['kept-story', 'other-story', 'front-story']) {
      ids.set(slug, await addArticle(storage.db, { slug, headline: `Headline of ${slug}`, sectionId }));
    }
  });
  afterEach(async () => {
    for (const instance of opened.splice(0)) await instance.close();
  });
  afterAll(async () => {
    await ownRedis?.stop();
    await appStorage?.close();
    await storage?.cleanup();
  });

  async function instance(
    options: Parameters<typeof startInstance>[2] = {},
    env: Record<string, string> = {},
  ) {
    const started = await startInstance(
      appStorage,
      {
        REDIS_URL: ownRedis.url,
        INVALIDATION_POLL_MS: '300',
        DATABASE_TIMEOUT_MS: String(TIMEOUT_MS),
        DATABASE_STATEMENT_TIMEOUT_MS: String(TIMEOUT_MS),
        STALE_IF_ERROR_SECONDS: String(STALE_IF_ERROR),
        ...env,
      },
      options,
    );
    opened.push(started);
    return started;
  }

  /** Holds the articles table locked (reads of it wait) until release() is called. */
  async function lockArticles() {
    const locker = new pg.Client({ connectionString: storage.url! });
    await locker.connect();
    await locker.query('begin');
    await locker.query('lock table articles in access exclusive mode');
    return {
      async release() {
        await locker.query('rollback');
        await locker.end();
      },
    };
  }

  async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
    const started = Date.now();
    const result = await work();
    return { result, ms: Date.now() - started };
  }

  it('answers 503 with Retry-After in seconds, serves a kept page past its freshness, and recovers', async () => {
    const clock = { now: Date.now() };
    const b = await instance({ cacheClock: () => clock.now });
    const kept = '/articles/kept-story';
    const first = await b.app.inject(kept);
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toContain(`stale-if-error=${STALE_IF_ERROR}`);
    // Past its ten minutes: no longer fresh, and re-rendered on the next request while all is well.
    clock.now += 11 * 60_000;
    expect(b.pageCache.has(kept)).toBe(false);

    const lock = await lockArticles();
    try {
      const page = await timed(() => b.app.inject('/articles/other-story'));
      expect(page.result.statusCode).toBe(503);
      expect(page.result.headers['retry-after']).toBe('5');
      expect(page.result.headers['content-type']).toContain('text/html');
      expect(page.result.headers['cache-control']).toBe('no-store');
      expect(page.result.body).toContain('try again');
      expect(page.ms).toBeLessThan(ANSWER_WITHIN_MS);

      const json = await b.app.inject({
        url: '/articles/other-story',
        headers: { accept: 'application/json' },
      });
      expect(json.statusCode).toBe(503);
      expect(json.headers['retry-after']).toBe('5');
      expect(json.json()).toMatchObject({ error: { code: 'UNAVAILABLE' } });

      const stale = await timed(() => b.app.inject(kept));
      expect(stale.result.statusCode).toBe(200);
      expect(stale.result.body).toContain('Headline of kept-story');
      expect(stale.result.headers['cache-control']).toContain('stale-if-error');
      expect(stale.ms).toBeLessThan(ANSWER_WITHIN_MS);

      const ready = await timed(() => b.app.inject('/readyz'));
      expect(ready.result.statusCode).toBe(503);
      expect(ready.result.headers['cache-control']).toBe('no-store');
      expect(ready.ms).toBeLessThan(ANSWER_WITHIN_MS);
      const live = await b.app.inject('/healthz');
      expect(live.statusCode).toBe(200);
    } finally {
      await lock.release();
    }

    await eventually(async () => expect((await b.app.inject('/readyz')).statusCode).toBe(200), 5000);
    expect((await b.app.inject('/articles/other-story')).statusCode).toBe(200);
    const fresh = await b.app.inject(kept);
    expect(fresh.statusCode).toBe(200);
    expect(b.pageCache.has(kept)).toBe(true);
  });

  it('mid-load, with the database stalled and Redis killed: no 500, every 503 with Retry-After, caches right after', async () => {
    const b = await instance();
    // Announces changes as another machine would, over the shared Redis B can no longer reach.
    const announcer = await startInstance(storage, { REDIS_URL: SHARED_REDIS, INVALIDATION_POLL_MS: '300' });
    opened.push(announcer);
    await b.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = b.app.server.address() as { port: number };
    const base = `http://127.0.0.1:${port}`;
    for (const path of ['/', '/articles/front-story']) expect((await fetch(base + path)).status).toBe(200);

    const answers: Array<{ status: number; retryAfter: string | null; ms: number; during: boolean }> = [];
    let outage = false;
    let running = true;
    let n = 0;
    // Cached pages, and addresses never cached (unknown slugs always ask the database).
    const paths = () => ['/', '/articles/front-story', `/articles/not-here-${n++}`];
    const user = async () => {
      while (running) {
        for (const path of paths()) {
          const during = outage;
          const started = Date.now();
          const response = await fetch(base + path);
          await response.arrayBuffer();
          answers.push({
            status: response.status,
            retryAfter: response.headers.get('retry-after'),
            ms: Date.now() - started,
            during: during && outage,
          });
        }
      }
    };
    const users = Array.from({ length: 30 }, user);
    await eventually(() => expect(answers.length).toBeGreaterThan(30), 10_000);

    const lock = await lockArticles();
    await ownRedis.stop();
    outage = true;
    try {
      await eventually(() => {
        const during = answers.filter((a) => a.during);
        expect(during.filter((a) => a.status === 503).length).toBeGreaterThan(20);
        expect(during.filter((a) => a.status === 200).length).toBeGreaterThan(20);
      }, 15_000);
    } finally {
      outage = false;
      await lock.release();
    }
    running = false;
    await Promise.all(users);

    expect(answers.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([]);
    expect(answers.filter((a) => a.status === 503 && a.retryAfter === null)).toEqual([]);
    expect(answers.filter((a) => ![200, 404, 503].includes(a.status))).toEqual([]);
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(ANSWER_WITHIN_MS + 2000);

    // After recovery, with B's Redis still down, a change made elsewhere reaches B through the record.
    const id = ids.get('front-story')!;
    await storage.db
      .updateTable('articles')
      .set({ headline: 'Front story, corrected' })
      .where('id', '=', id)
      .execute();
    await announcer.events.changed([articleTag(id)]);
    await eventually(async () => {
      expect(await (await fetch(`${base}/articles/front-story`)).text()).toContain('Front story, corrected');
      expect(await (await fetch(`${base}/`)).text()).toContain('Front story, corrected');
    }, 5000);
    await ownRedis.start();
  });

  it('a database server that accepts and never answers: every request a 503 within seconds, /readyz 503', async () => {
    // A stand-in for a server stalled outright (or a network that swallows packets): it accepts the
    // connection and never says a word, so connecting itself must time out, and waiting for the pool too.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const stalled = openStorage(`postgres://postgres@127.0.0.1:${port}/test`, {
      poolSize: 4,
      statementTimeoutMs: TIMEOUT_MS,
      connectTimeoutMs: TIMEOUT_MS,
    });
    try {
      const b = await startInstance(stalled, {
        DATABASE_TIMEOUT_MS: String(TIMEOUT_MS),
        DATABASE_STATEMENT_TIMEOUT_MS: String(TIMEOUT_MS),
      });
      opened.push(b);
      // More requests than connections: those waiting in line give up in time too.
      const answers = await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          timed(() =>
            b.app.inject({
              url: i % 3 === 0 ? '/' : `/articles/story-${i}`,
              headers: i % 2 === 0 ? { accept: 'application/json' } : {},
            }),
          ),
        ),
      );
      for (const { result, ms } of answers) {
        expect(result.statusCode).toBe(503);
        expect(result.headers['retry-after']).toBe('5');
        expect(ms).toBeLessThan(ANSWER_WITHIN_MS + 1000);
      }
      expect(answers.some((a) => a.result.headers['content-type']?.toString().includes('text/html'))).toBe(
        true,
      );
      expect(
        answers.some((a) => a.result.headers['content-type']?.toString().includes('application/json')),
      ).toBe(true);
      const ready = await timed(() => b.app.inject('/readyz'));
      expect(ready.result.statusCode).toBe(503);
      expect(ready.ms).toBeLessThan(ANSWER_WITHIN_MS);
      expect((await b.app.inject('/healthz')).statusCode).toBe(200);
    } finally {
      for (const instance of opened.splice(0)) await instance.close();
      await stalled.close().catch(() => {});
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
