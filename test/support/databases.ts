// Fresh, migrated databases for integration tests, one per dialect: `describe.each(testDatabases)` runs a
// suite on a temp SQLite file and, when it answers, on a throwaway schema in PostgreSQL.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStorage, type Storage } from '../../src/storage/db.js';
import { migrateToLatest } from '../../src/storage/migrate.js';

export type TestStorage = Storage & { cleanup(): Promise<void> };

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  open(): Promise<TestStorage>;
}

/** Where the PostgreSQL tests run; TEST_POSTGRES_URL overrides the local default. */
export const postgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresReachable(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

async function openSqlite(): Promise<TestStorage> {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-db-'));
  const storage = openStorage(`sqlite:${join(dir, 'test.db')}`);
  await migrateToLatest(storage.db);
  return {
    ...storage,
    async cleanup() {
      await storage.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function openPostgres(): Promise<TestStorage> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  try {
    await admin.query(`create schema ${schema}`);
  } finally {
    await admin.end();
  }
  // URLSearchParams would write the space as '+', which pg's parser keeps literally; %20 it understands.
  const joiner = postgresUrl.includes('?') ? '&' : '?';
  const url = `${postgresUrl}${joiner}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const storage = openStorage(url, { poolSize: 4 });
  await migrateAlongsideOthers(storage.db, schema);
  return {
    ...storage,
    async cleanup() {
      await storage.close();
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      try {
        await client.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * Kysely's migrator looks through every schema in the database (its introspection checks each one's
 * privileges); a suite running beside this one may drop its own schema in that moment, and PostgreSQL then
 * says that *that* schema does not exist. Only that race is retried; any other failure is real.
 */
async function migrateAlongsideOthers(db: Storage['db'], schema: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await migrateToLatest(db);
      return;
    } catch (error) {
      const other = /schema "(t_[0-9a-f]{12})" does not exist/.exec(String((error as Error).message));
      if (!other || other[1] === schema || attempt >= 5) throw error;
    }
  }
}

const unreachable = await postgresReachable(postgresUrl);
if (unreachable) {
  const where = new URL(postgresUrl).host;
  if (process.env.REQUIRE_POSTGRES === '1') {
    throw new Error(`PostgreSQL not reachable at ${where} and REQUIRE_POSTGRES=1: ${unreachable}`);
  }
  console.log(`PostgreSQL not reachable at ${where}: postgres tests skipped`);
}

export const testDatabases: TestDatabase[] = [
  { name: 'sqlite', open: openSqlite },
  ...(unreachable ? [] : [{ name: 'postgres' as const, open: openPostgres }]),
];
