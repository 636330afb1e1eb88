// Finding 11: a change must reach every instance even when Redis is away. Two app instances on one
// PostgreSQL schema; instance B's Redis is a redis-server of the test's own that is killed, so B hears
// nothing on the fast path while A publishes, and must read the change from the shared record within the
// poll interval. When B's Redis comes back, B drops what it cached (it cannot know what it missed). Two sites
// with different public addresses on one Redis do not clear each other's caches.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestStorage } from '../../test/support/databases.js';
import { testDatabases } from '../../test/support/databases.js';
import { fieldsFor, type Newsroom, newsroom } from '../../test/support/editorial.js';
import {
  eventually,
  type Instance,
  type OwnRedis,
  startInstance,
  startOwnRedis,
} from '../../test/support/outage.js';
import { createArticle } from '../editorial/drafts.js';
import { publishDueArticles } from '../editorial/scheduler.js';
import { publishArticle, scheduleArticle } from '../editorial/workflow.js';
import { EVERYTHING } from '../http/tagged-cache.js';
import { localContentEvents } from '../storage/content-events.js';
import { openStorage, type Storage } from '../storage/db.js';

const postgres = testDatabases.find((d) => d.name === 'postgres');
const SHARED_REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const POLL_MS = 300;

describe.skipIf(!postgres)('invalidations while Redis is away (PostgreSQL, Redis)', () => {
  let storage: TestStorage;
  let storageB: Storage;
  let ownRedis: OwnRedis;
  let room: Newsroom;
  const opened: Instance[] = [];

  beforeAll(async () => {
    storage = await postgres!.open();
    // Instance B has its own pool on the same schema, as another machine would.
    storageB = openStorage(storage.url!, { poolSize: 4 });
    ownRedis = await startOwnRedis();
    room = await newsroom(storage.db);
  });
  afterEach(async () => {
    for (const instance of opened.splice(0)) await instance.close();
  });
  afterAll(async () => {
    await ownRedis?.stop();
    await storageB?.close();
    await storage?.cleanup();
  });

  async function instance(
    storageOf: Storage,
    env: Record<string, string>,
    options?: Parameters<typeof startInstance>[2],
  ) {
    const started = await startInstance(storageOf, env, options);
    opened.push(started);
    return started;
  }

  it('B, cut off from Redis, shows what A published within the poll interval, and drops its cache when Redis is back', async () => {
    const headline = 'Flood barrier holds through the night';
    const article = await createArticle(
      storage.db,
      room.editor,
      fieldsFor(room, { headline }),
      'manual',
      new Date(),
    );
    const a = await instance(storage, { REDIS_URL: SHARED_REDIS, INVALIDATION_POLL_MS: String(POLL_MS) });
    const b = await instance(storageB, { REDIS_URL: ownRedis.url, INVALIDATION_POLL_MS: String(POLL_MS) });
    await ownRedis.stop();

    const section = '/sections/world';
    for (const app of [a, b]) {
      const before = await app.app.inject(section);
      expect(before.statusCode).toBe(200);
      expect(before.body).not.toContain(headline);
      expect(app.pageCache.has(section)).toBe(true);
    }

    await publishArticle({ db: storage.db, events: a.events }, room.editor, article.id, new Date());
    const published = Date.now();

    // A dropped its own page at once; B reads the change from the record on its next poll.
    expect(a.pageCache.has(section)).toBe(false);
    expect((await a.app.inject(section)).body).toContain(headline);
    await eventually(async () => {
      expect((await b.app.inject(section)).body).toContain(headline);
    }, 5000);
    // Within a poll interval and the time to render, not the cache's ten minutes.
    expect(Date.now() - published).toBeLessThan(POLL_MS + 1500);

    // Redis comes back: B was cut off from the bus, so it drops every page it kept.
    expect((await b.app.inject('/')).statusCode).toBe(200);
    expect(b.pageCache.has('/')).toBe(true);
    expect(b.pageCache.has(section)).toBe(true);
    await ownRedis.start();
    await eventually(() => {
      expect(b.pageCache.has('/')).toBe(false);
      expect(b.pageCache.has(section)).toBe(false);
    }, 15_000);
  });

  it('B, cut off from Redis, shows a scheduled article the scheduler on A published', async () => {
    const headline = 'Council votes on the river crossing tonight';
    const now = new Date();
    const article = await createArticle(
      storage.db,
      room.editor,
      fieldsFor(room, { headline }),
      'manual',
      now,
    );
    const due = new Date(now.getTime() + 60_000);
    await scheduleArticle(
      { db: storage.db, events: localContentEvents() },
      room.editor,
      article.id,
      due,
      now,
    );
    const a = await instance(storage, { REDIS_URL: SHARED_REDIS, INVALIDATION_POLL_MS: String(POLL_MS) });
    const b = await instance(storageB, { REDIS_URL: ownRedis.url, INVALIDATION_POLL_MS: String(POLL_MS) });
    await ownRedis.stop();
    try {
      const section = '/sections/world';
      expect((await b.app.inject(section)).body).not.toContain(headline);
      expect(b.pageCache.has(section)).toBe(true);
      // A scheduler tick as the background jobs run it, on A, at the time the article is due.
      const { published } = await publishDueArticles({ db: storage.db, events: a.events }, due);
      expect(published.map((p) => p.id)).toEqual([article.id]);
      await eventually(async () => {
        expect((await b.app.inject(section)).body).toContain(headline);
      }, 5000);
    } finally {
      await ownRedis.start();
    }
  });

  it('B, unable to read the record for a while (the table locked), drops everything once it can', async () => {
    // Short timeouts, so that B's reads are refused while the lock is held.
    const quick = openStorage(storage.url!, { poolSize: 2, statementTimeoutMs: 500, connectTimeoutMs: 500 });
    const failures: string[] = [];
    try {
      const b = await instance(
        quick,
        { REDIS_URL: ownRedis.url, INVALIDATION_POLL_MS: String(POLL_MS) },
        { onError: (_error, what) => failures.push(what) },
      );
      expect((await b.app.inject('/')).statusCode).toBe(200);
      expect(b.pageCache.has('/')).toBe(true);
      const locker = new pg.Client({ connectionString: storage.url! });
      await locker.connect();
      try {
        await locker.query('begin');
        await locker.query('lock table invalidations in access exclusive mode');
        await eventually(
          () => expect(failures).toContain('reading the shared record of content changes'),
          5000,
        );
        // Still cached while it cannot read: nothing is known to have changed yet.
        expect(b.pageCache.has('/')).toBe(true);
      } finally {
        await locker.query('rollback');
        await locker.end();
      }
      await eventually(() => expect(b.pageCache.has('/')).toBe(false), 5000);
    } finally {
      for (const instance of opened.splice(0)) await instance.close();
      await quick.close();
    }
  });

  it('two sites with different public addresses on one Redis do not clear each other’s caches', async () => {
    const siteY = await postgres!.open();
    try {
      // Polls far apart: what arrives here in time came through Redis.
      const slow = { REDIS_URL: SHARED_REDIS, INVALIDATION_POLL_MS: '60000' };
      const x1 = await instance(storage, { ...slow, PUBLIC_URL: 'https://x.example.org' });
      const x2 = await instance(storageB, { ...slow, PUBLIC_URL: 'https://x.example.org' });
      const y1 = await instance(siteY, { ...slow, PUBLIC_URL: 'https://y.example.org' });
      const y2 = await instance(siteY, { ...slow, PUBLIC_URL: 'https://y.example.org' });
      const heardByY2: string[] = [];
      y2.events.onChange((tags) => heardByY2.push(...tags));
      for (const app of [x2, y2]) {
        expect((await app.app.inject('/')).statusCode).toBe(200);
        expect(app.pageCache.has('/')).toBe(true);
      }

      await x1.events.changed([EVERYTHING]);
      await eventually(() => expect(x2.pageCache.has('/')).toBe(false), 5000);
      // Redis delivers in the order published: once Y2 hears its own site's later change, it would have
      // heard X's before it, had it been on X's channel.
      await y1.events.changed(['marker-of-y']);
      await eventually(() => expect(heardByY2).toContain('marker-of-y'), 5000);
      expect(heardByY2).not.toContain(EVERYTHING);
      expect(y2.pageCache.has('/')).toBe(true);
    } finally {
      for (const instance of opened.splice(0)) await instance.close();
      await siteY.cleanup();
    }
  });
});

describe.each(testDatabases)('the shared record of changes on $name, without Redis', (database) => {
  it('carries a change from one instance to another that shares only the database', async () => {
    const storage = await database.open();
    const other = openStorage(storage.url!, { poolSize: 2 });
    const opened: Instance[] = [];
    try {
      const env = { INVALIDATION_POLL_MS: String(POLL_MS) };
      const a = await startInstance(storage, env);
      opened.push(a);
      const b = await startInstance(other, env);
      opened.push(b);
      const heard: string[] = [];
      b.events.onChange((tags) => heard.push(...tags));
      expect((await b.app.inject('/')).statusCode).toBe(200);
      expect(b.pageCache.has('/')).toBe(true);
      await a.events.changed(['latest']);
      await eventually(() => expect(b.pageCache.has('/')).toBe(false), 3000);
      // Each read looks back over rows already seen; a change is still applied once.
      await a.events.changed(['later-change']);
      await eventually(() => expect(heard).toContain('later-change'), 3000);
      await a.events.changed(['last-change']);
      await eventually(() => expect(heard).toContain('last-change'), 3000);
      expect(heard.filter((tag) => tag === 'latest')).toHaveLength(1);
      // B's own change is not read back as another instance's.
      await b.events.changed(['from-b']);
      await a.events.changed(['after-b']);
      await eventually(() => expect(heard).toContain('after-b'), 3000);
      expect(heard.filter((tag) => tag === 'from-b')).toHaveLength(1);
    } finally {
      for (const instance of opened) await instance.close();
      await other.close();
      await storage.cleanup();
    }
  });
});
