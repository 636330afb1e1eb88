// PostgreSQL (DATABASE_URL=postgres://…): a pool sized for the instance; timeouts on connecting, on waiting
// for a free connection, on each statement (the server cancels it) and on each answer (a server or network
// that stalls outright), so that a stalled database fails a request in seconds (a 503, see
// database-errors.ts) instead of holding it; cursors for long results; and every query prepared once per
// connection by name, so the server parses and plans a page's few query shapes only once.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import type PG from 'pg';
import type PgCursor from 'pg-cursor';
import type { QueryTimings } from './query-timing.js';
import type { Database } from './schema.js';

const require = createRequire(import.meta.url);

export interface PostgresOptions {
  poolSize?: number;
  /** A statement running longer than this is cancelled by the server. */
  statementTimeoutMs?: number;
  /** Connecting, or waiting for a free connection from the pool, gives up after this. */
  connectTimeoutMs?: number;
  /** Receives every query's duration (for /metrics). */
  timings?: QueryTimings;
}

/** The pool's connections now, for /metrics. */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
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

/**
 * The pool as Kysely sees it, with each client's queries sent as named prepared statements. A query that got
 * no answer in time leaves its connection in an unknown state: that connection is closed, not reused.
 */
function preparingPool(pool: PG.Pool, answerTimeoutMs: number): PostgresPool {
  return {
    async connect() {
      const client = await pool.connect();
      let broken: Error | undefined;
      const watch = <T>(running: Promise<T>): Promise<T> =>
        running.catch((error: Error) => {
          if (!(error as { code?: string }).code) broken = error; // no SQLSTATE: not the server's answer
          throw error;
        });
      return {
        query: ((sql: unknown, parameters?: readonly unknown[]) => {
          if (typeof sql !== 'string') return client.query(sql as PG.Submittable); // a cursor: no answer timeout
          const values = parameters as unknown[];
          const name = PREPARABLE.test(sql) ? statementName(sql) : undefined;
          return watch(
            client.query({ name, text: sql, values, query_timeout: answerTimeoutMs } as PG.QueryConfig),
          );
        }) as PG.PoolClient['query'],
        release: () => client.release(broken),
      };
    },
    end: () => pool.end(),
  };
}

export function openPostgres(
  url: string,
  options: PostgresOptions = {},
): { db: Kysely<Database>; pool: () => PoolStats } {
  const pg = require('pg') as typeof PG;
  setTypeParsers(pg);
  const statementTimeoutMs = options.statementTimeoutMs ?? 5000;
  const connectTimeoutMs = options.connectTimeoutMs ?? 3000;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    // Applies to opening a connection and to waiting in line for a free one.
    connectionTimeoutMillis: connectTimeoutMs,
    statement_timeout: statementTimeoutMs,
    // A connection whose server vanished without a word is found out by the operating system.
    keepAlive: true,
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const Cursor = require('pg-cursor') as typeof PgCursor;
  const db = new Kysely<Database>({
    // The server had the statement timeout to answer, and a little more to say that it cancelled it.
    dialect: new PostgresDialect({
      pool: preparingPool(pool, statementTimeoutMs + connectTimeoutMs),
      cursor: Cursor,
    }),
    log: options.timings?.log,
  });
  return {
    db,
    pool: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}
