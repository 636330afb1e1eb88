// Opens the one typed query layer on SQLite (a file) or PostgreSQL (DATABASE_URL), from the same code; only
// the driver of the database in use is loaded.
import type { Kysely } from 'kysely';
import { openPostgres, type PoolStats, type PostgresOptions } from './postgres.js';
import type { Dialect } from './prepared.js';
import { type QueryTimings, queryTimings } from './query-timing.js';
import type { Database } from './schema.js';
import { openSqlite } from './sqlite.js';

export type { Dialect, PoolStats };

export interface Storage {
  db: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
  /** Every query's duration, to whoever listens (/metrics). */
  queries?: QueryTimings;
  /** PostgreSQL: the pool's connections now. */
  pool?: () => PoolStats;
}

export function dialectOf(url: string): Dialect {
  return url.startsWith('sqlite:') ? 'sqlite' : 'postgres';
}

export function openStorage(url: string, options: Omit<PostgresOptions, 'timings'> = {}): Storage {
  const dialect = dialectOf(url);
  const queries = queryTimings();
  if (dialect === 'sqlite') {
    const db = openSqlite(url.slice('sqlite:'.length), options.connectTimeoutMs, queries);
    return { db, dialect, queries, close: () => db.destroy() };
  }
  const { db, pool } = openPostgres(url, { ...options, timings: queries });
  return { db, dialect, queries, pool, close: () => db.destroy() };
}
