// Opens the one typed query layer on SQLite (a file) or PostgreSQL (DATABASE_URL), from the same code; only
// the driver of the database in use is loaded.
import type { Kysely } from 'kysely';
import { openPostgres, type PostgresOptions } from './postgres.js';
import type { Dialect } from './prepared.js';
import type { Database } from './schema.js';
import { openSqlite } from './sqlite.js';

export type { Dialect };

export interface Storage {
  db: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

export function dialectOf(url: string): Dialect {
  return url.startsWith('sqlite:') ? 'sqlite' : 'postgres';
}

export function openStorage(url: string, options: PostgresOptions = {}): Storage {
  const dialect = dialectOf(url);
  const db =
    dialect === 'sqlite'
      ? openSqlite(url.slice('sqlite:'.length), options.connectTimeoutMs)
      : openPostgres(url, options);
  return { db, dialect, close: () => db.destroy() };
}
