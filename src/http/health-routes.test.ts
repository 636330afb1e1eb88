// /readyz names each thing it checked: the database, its migrations, the media folder and Redis when it is
// configured (a real one, and one that is not there: a port where nothing listens). Only what readers need
// makes it 503; Redis away is "degraded" with 200. Both databases; never cached.
import { rm, writeFile } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { testDatabases } from '../../test/support/databases.js';
import { freePort } from '../../test/support/free-port.js';

const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe.each(testDatabases)('/readyz ($name)', (database) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function ready(env: Record<string, string> = {}) {
    t ??= await buildTestApp({ database, env });
    const response = await t.app.inject('/readyz');
    expect(response.headers['cache-control']).toBe('no-store');
    return { status: response.statusCode, body: response.json() as Record<string, string> };
  }

  it('is ready when everything answers, and names each check', async () => {
    expect(await ready()).toEqual({
      status: 200,
      body: { status: 'ready', database: 'ok', migrations: 'ok', media: 'ok' },
    });
    expect((await t!.app.inject('/healthz')).statusCode).toBe(200);
  });

  it('checks a configured Redis: ok when it answers, degraded (still 200) when nothing listens there', async () => {
    expect((await ready({ REDIS_URL: REDIS })).body).toEqual({
      status: 'ready',
      database: 'ok',
      migrations: 'ok',
      media: 'ok',
      redis: 'ok',
    });
    await t!.close();
    t = undefined;
    const started = Date.now();
    const away = await ready({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    expect(away).toEqual({
      status: 200,
      body: { status: 'degraded', database: 'ok', migrations: 'ok', media: 'ok', redis: 'unreachable' },
    });
    // Asked again while Redis stays away: answered at once, the probe's connection retrying behind it.
    expect((await ready()).body.redis).toBe('unreachable');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('a Redis that accepts and never answers: degraded within the probe deadline, not a hung check', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as { port: number };
      t = await buildTestApp({ database, env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
      const started = Date.now();
      const answer = await ready();
      expect(answer).toMatchObject({ status: 200, body: { status: 'degraded', redis: 'unreachable' } });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await t?.close();
      t = undefined;
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('is unavailable when the media folder cannot be written', async () => {
    t = await buildTestApp({ database });
    // A file where the folder should be: nothing can be stored there.
    await rm(t.mediaDir, { recursive: true, force: true });
    await writeFile(t.mediaDir, 'not a folder');
    const answer = await ready();
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ status: 'unavailable', database: 'ok', media: 'unreachable' });
    await rm(t.mediaDir, { force: true });
  });

  it('is unavailable with a migration pending; ready, saying so, with one it does not know', async () => {
    t = await buildTestApp({ database });
    const { db } = t.storage;
    const last = (
      await sql<{
        name: string;
        timestamp: string;
      }>`select name, timestamp from kysely_migration order by name desc limit 1`.execute(db)
    ).rows[0]!;
    await sql`delete from kysely_migration where name = ${last.name}`.execute(db);
    try {
      const pending = await ready();
      expect(pending.status).toBe(503);
      expect(pending.body).toMatchObject({
        status: 'unavailable',
        database: 'ok',
        migrations: `pending: ${last.name}`,
      });
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${last.name}, ${last.timestamp})`.execute(
        db,
      );
    }
    await sql`insert into kysely_migration (name, timestamp) values ('0099_from_the_future', ${last.timestamp})`.execute(
      db,
    );
    try {
      const newer = await ready();
      expect(newer.status).toBe(200);
      expect(newer.body).toMatchObject({
        status: 'ready',
        migrations: 'newer in the database: 0099_from_the_future',
      });
    } finally {
      await sql`delete from kysely_migration where name = '0099_from_the_future'`.execute(db);
    }
  });
});
