// PostgreSQL for the benchmarks: a database of the bench's own (made and dropped here, so test suites running
// beside it are never touched), and the demo newsroom copied into it from the SQLite file, row for row, so
// that both dialects serve the same content without drawing the demo's images twice.
import { randomBytes } from 'node:crypto';
import type SQLite from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../src/storage/schema.js';

/** Where the bench makes its database; BENCH_POSTGRES_URL overrides the local default (trust auth). */
export const postgresServerUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

async function onServer(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresServerUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `bench_${randomBytes(5).toString('hex')}`;
  await onServer(`create database ${name}`);
  const url = new URL(postgresServerUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onServer(`drop database if exists ${name} with (force)`),
  };
}

// Parameters per insert stay below PostgreSQL's 65,535.
const PARAMETERS_PER_INSERT = 30_000;

/** Copies every row of every table from SQLite into the migrated, empty PostgreSQL database. */
export async function copyTables(from: SQLite.Database, to: Kysely<Database>): Promise<void> {
  const tables = from
    .prepare(
      // The search index is not copied: each dialect's is its own (FTS5 tables; a tsvector), built after.
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' and name not like 'article_search%'",
    )
    .pluck()
    .all() as string[];
  await to.transaction().execute(async (trx) => {
    // Rows go in table by table in any order: foreign keys are not checked while copying (superuser only).
    await sql`set local session_replication_role = replica`.execute(trx);
    for (const table of tables) {
      const rows = from.prepare(`select * from "${table}"`).all() as Array<Record<string, unknown>>;
      if (rows.length === 0) continue;
      const batch = Math.max(1, Math.floor(PARAMETERS_PER_INSERT / Object.keys(rows[0]!).length));
      for (let i = 0; i < rows.length; i += batch) {
        // biome-ignore lint/suspicious/noExplicitAny: any table, copied as it is.
        await (trx as Kysely<any>)
          .insertInto(table)
          .values(rows.slice(i, i + batch))
          .execute();
      }
      if ('id' in rows[0]!) {
        // The ids were copied, not counted: the serial sequence must continue after them.
        await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(
          trx,
        );
      }
    }
  });
}
