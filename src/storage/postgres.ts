// PostgreSQL (DATABASE_URL=postgres://…): a pool sized for the instance, a statement timeout so that a
// stalled database cannot hold a request for ever, cursors for long results, and every query prepared once
// per connection by name, so the server parses and plans a page's few query shapes only once.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import type PG from 'pg';
import type PgCursor from 'pg-cursor';
import type { Database } from './schema.js';

const require = createRequire(import.meta.url);

export interface PostgresOptions {
  poolSize?: number;
  /** A statement running longer than this is cancelled by the server. */
  statementTimeoutMs?: number;
}

let typesSet = false;

// pg returns timestamptz as Date by default; storage speaks ISO strings on both dialects.
function setTypeParsers(pg: typeof PG): void {
  if (typesSet) return;
  typesSet = true;
  pg.types.setTypeParser(1184, (v) => new Date(v).toISOString());
  pg.types.setTypeParser(1114, (v) => new Date(`${v}Z`).toISOString());
  // count(*) is bigint in PostgreSQL; our counts fit in a number.
  pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
}

// Only statements PostgreSQL can prepare; DDL (migrations) and transaction control run unnamed.
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;

const statementName = (sql: string) =>
  `bs_${createHash('sha1').update(sql).digest('base64url').slice(0, 20)}`;

/** The pool as Kysely sees it, with each client's queries sent as named prepared statements. */
function preparingPool(pool: PG.Pool): PostgresPool {
  return {
    async connect() {
      const client = await pool.connect();
      return {
        query: ((sql: unknown, parameters?: readonly unknown[]) => {
          if (typeof sql === 'string' && PREPARABLE.test(sql)) {
            return client.query({ name: statementName(sql), text: sql, values: parameters as unknown[] });
          }
          return client.query(sql as string, parameters as unknown[]);
        }) as PG.PoolClient['query'],
        release: () => client.release(),
      };
    },
    end: () => pool.end(),
  };
}

export function openPostgres(url: string, options: PostgresOptions = {}): Kysely<Database> {
  const pg = require('pg') as typeof PG;
  setTypeParsers(pg);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
    statement_timeout: options.statementTimeoutMs ?? 10_000,
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const Cursor = require('pg-cursor') as typeof PgCursor;
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool: preparingPool(pool), cursor: Cursor }),
  });
}
