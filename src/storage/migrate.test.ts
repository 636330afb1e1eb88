// Migrations when several instances start at once, and when the code is older than the database: three
// migrations started together on a fresh PostgreSQL schema and on one fresh SQLite file (three processes, as
// three instances are) each run every migration exactly once between them; a database holding a migration
// this code does not know is refused, and the server stops with one line naming it.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUrl, SCHEMA_PREFIX, testDatabases } from '../../test/support/databases.js';
import { freePort } from '../../test/support/free-port.js';
import { runServer } from '../../test/support/server-process.js';
import { openStorage } from './db.js';
import { DatabaseFromTheFuture, migrateToLatest, migrationStatus } from './migrate.js';

const run = promisify(execFile);
const hasPostgres = testDatabases.some((d) => d.name === 'postgres');
const MIGRATE_ONCE = join(process.cwd(), 'test/support/migrate-once.ts');

async function knownMigrations(): Promise<string[]> {
  // A fresh in-memory database has every migration pending.
  const storage = openStorage('sqlite::memory:');
  try {
    return (await migrationStatus(storage.db)).pending;
  } finally {
    await storage.close();
  }
}

describe('three instances migrating one SQLite file at once', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'broadsheet-migrate-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('runs each migration once, in one of them; the others wait and find nothing to do', async () => {
    const url = `sqlite:${join(dir, 'fresh.sqlite')}`;
    // Each process loads first and then begins at this moment, so that the three truly overlap.
    const startAt = String(Date.now() + 6000);
    const outcomes = await Promise.all(
      Array.from({ length: 3 }, () => run(process.execPath, ['--import', 'tsx', MIGRATE_ONCE, url, startAt])),
    );
    const ran = outcomes.map((o) => (JSON.parse(o.stdout) as { ran: string[] }).ran);
    const all = await knownMigrations();
    expect(ran.flat().sort()).toEqual(all);
    expect(ran.filter((r) => r.length > 0)).toHaveLength(1);
    const storage = openStorage(url);
    try {
      expect(await migrationStatus(storage.db)).toEqual({ pending: [], unknown: [] });
    } finally {
      await storage.close();
    }
  }, 60_000);
});

describe.skipIf(!hasPostgres)('three instances migrating one fresh PostgreSQL schema at once', () => {
  const schema = `${SCHEMA_PREFIX}migrate_${randomBytes(4).toString('hex')}`;
  const admin = () => new pg.Client({ connectionString: postgresUrl });
  const url = `${postgresUrl}${postgresUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;

  beforeAll(async () => {
    const client = admin();
    await client.connect();
    await client.query(`create schema ${schema}`);
    await client.end();
  });
  afterAll(async () => {
    const client = admin();
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  });

  it('runs each migration once (Kysely holds an advisory lock); the others find nothing to do', async () => {
    const instances = Array.from({ length: 3 }, () => openStorage(url, { poolSize: 2 }));
    try {
      const ran = await Promise.all(instances.map((s) => migrateToLatest(s.db)));
      expect(ran.flat().sort()).toEqual(await knownMigrations());
      expect(ran.filter((r) => r.length > 0)).toHaveLength(1);
      const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(
        instances[0]!.db,
      );
      expect(rows).toHaveLength(ran.flat().length);
      expect(await migrationStatus(instances[0]!.db)).toEqual({ pending: [], unknown: [] });
    } finally {
      await Promise.all(instances.map((s) => s.close()));
    }
  }, 60_000);
});

describe('a database migrated by a newer version', () => {
  let dir: string;
  let url: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'broadsheet-future-'));
    url = `sqlite:${join(dir, 'future.sqlite')}`;
    const storage = openStorage(url);
    await migrateToLatest(storage.db);
    await sql`insert into kysely_migration (name, timestamp) values ('0099_from_the_future', ${new Date().toISOString()})`.execute(
      storage.db,
    );
    await storage.close();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is refused before anything runs, naming the migration', async () => {
    const storage = openStorage(url);
    try {
      const refusal = await migrateToLatest(storage.db).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(DatabaseFromTheFuture);
      expect((refusal as Error).message).toContain('0099_from_the_future');
      expect(await migrationStatus(storage.db)).toEqual({ pending: [], unknown: ['0099_from_the_future'] });
    } finally {
      await storage.close();
    }
  });

  it('stops the server with one line naming it', async () => {
    const server = runServer({
      DATABASE_URL: url,
      PORT: String(await freePort()),
      MEDIA_DIR: join(dir, 'media'),
    });
    const code = await server.exited;
    expect(code).toBe(1);
    const lines = server.output().trim().split('\n');
    expect(lines).toEqual([
      'broadsheet: the database was migrated by a newer version of Broadsheet: it has migration ' +
        '0099_from_the_future, which this version does not know; run that version or a newer one, ' +
        'or restore a backup taken before it',
    ]);
  }, 60_000);
});
