// Fresh, migrated databases for integration tests, one per dialect: `describe.each(testDatabases)` runs a
// suite on a temp SQLite file and, when it answers, on a throwaway schema in PostgreSQL.
//
// Migrating costs far more than a test (1.4–2.1 s on PostgreSQL), so each test worker migrates once per
// dialect: SQLite tests get a copy of a migrated template file; PostgreSQL tests get a migrated schema
// that the previous test emptied on cleanup (every table truncated, identities restarted), or a new one.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openStorage, type Storage } from '../../src/storage/db.js';
import { migrateToLatest } from '../../src/storage/migrate.js';

/** `url` opens the same database again (a second instance of the app on it). */
export type TestStorage = Storage & { url?: string; cleanup(): Promise<void> };

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  open(): Promise<TestStorage>;
}

/** Where the PostgreSQL tests run; TEST_POSTGRES_URL overrides the local default. */
export const postgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Names this run's PostgreSQL schemas, so the global teardown drops exactly them. */
export const SCHEMA_PREFIX = 'bt_';

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

let sqliteTemplate: Promise<string> | undefined;

function migratedSqliteTemplate(): Promise<string> {
  sqliteTemplate ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-template-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'template.db');
    const storage = openStorage(`sqlite:${file}`);
    await migrateToLatest(storage.db);
    // Closing checkpoints the WAL into the file, so the file alone is the whole database.
    await storage.close();
    return file;
  })();
  return sqliteTemplate;
}

async function openSqlite(): Promise<TestStorage> {
  const template = await migratedSqliteTemplate();
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-db-'));
  const file = join(dir, 'test.db');
  await copyFile(template, file);
  const storage = openStorage(`sqlite:${file}`);
  return {
    ...storage,
    url: `sqlite:${file}`,
    async cleanup() {
      await storage.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function runId(): string {
  try {
    return inject('testRunId');
  } catch {
    return 'x';
  }
}

/** Migrated, emptied schemas this worker may hand to the next test. */
const idleSchemas: string[] = [];

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function schemaUrl(schema: string): string {
  // URLSearchParams would write the space as '+', which pg's parser keeps literally; %20 it understands.
  const joiner = postgresUrl.includes('?') ? '&' : '?';
  return `${postgresUrl}${joiner}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

async function openPostgres(): Promise<TestStorage> {
  const reused = idleSchemas.pop();
  const schema = reused ?? `${SCHEMA_PREFIX}${runId()}_${randomBytes(5).toString('hex')}`;
  if (!reused) await withAdmin((client) => client.query(`create schema ${schema}`));
  const storage = openStorage(schemaUrl(schema), { poolSize: 4 });
  if (!reused) await migrateAlongsideOthers(storage.db, schema);
  return {
    ...storage,
    url: schemaUrl(schema),
    async cleanup() {
      await storage.close();
      await withAdmin(async (client) => {
        const { rows } = await client.query<{ name: string }>(
          `select tablename as name from pg_tables where schemaname = $1 and tablename not like 'kysely_%'`,
          [schema],
        );
        if (rows.length > 0) {
          const tables = rows.map((row) => `${schema}."${row.name}"`).join(', ');
          await client.query(`truncate ${tables} restart identity cascade`);
        }
      });
      idleSchemas.push(schema);
    },
  };
}

/**
 * Kysely's migrator looks through every schema in the database (its introspection checks each one's
 * privileges); a suite running beside this one may drop its own schema in that moment, and PostgreSQL then
 * says that *that* schema does not exist. Once in some two thousand migrations beside a dozen other suites a
 * fresh schema's first migration also failed on a table it had just made (column "author_id" of relation
 * "article_authors" does not exist). The schema is this suite's own and new, so it is made again and
 * migrated again: a migration that is wrong fails every time and is still reported.
 */
async function migrateAlongsideOthers(db: Storage['db'], schema: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await migrateToLatest(db);
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      const other = /schema "([a-z0-9_]+)" does not exist/.exec(String((error as Error).message));
      if (other && other[1] !== schema) continue;
      await withAdmin(async (client) => {
        await client.query(`drop schema if exists ${schema} cascade`);
        await client.query(`create schema ${schema}`);
      });
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
