// SQLite, the default: one file under ./data, opened with the settings a web server needs, and statements
// reused by their SQL text.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type SQLite from 'better-sqlite3';
import { Kysely, type SqliteDatabase, SqliteDialect } from 'kysely';
import type { QueryTimings } from './query-timing.js';
import type { Database } from './schema.js';

const require = createRequire(import.meta.url);

/** `busyTimeoutMs`: how long a query waits for another connection's write lock before failing (a 503). */
export function openSqlite(file: string, busyTimeoutMs = 5000, timings?: QueryTimings): Kysely<Database> {
  const Driver = require('better-sqlite3') as typeof SQLite;
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const sqlite = new Driver(file === ':memory:' ? ':memory:' : resolve(file));
  // WAL lets readers run while a writer commits; NORMAL sync is durable across app crashes.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${Math.round(busyTimeoutMs)}`);
  // Sorting and DISTINCT build temporary b-trees: in memory they cost microseconds, in a temp file far more.
  sqlite.pragma('temp_store = MEMORY');
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    log: timings?.log,
  });
}

// Kysely prepares every query afresh, and for the small queries a page makes, preparing costs more than
// running. Statements are reused by their SQL text (Kysely's parameters are always bound, never inlined),
// so the cache holds one entry per query shape; SQLite re-prepares a statement itself after a schema change.
const STATEMENT_CACHE_SIZE = 1000;

function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement?.busy) return sqlite.prepare(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        statements.set(sql, statement);
        if (statements.size > STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
      }
      return statement;
    },
  };
}
