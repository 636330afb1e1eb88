// Queries built and compiled once, then run with new parameters: a page's queries are the same shapes on
// every request, and building them with Kysely each time costs more than running them. SQLite reuses the
// statement by its text (db.ts); PostgreSQL prepares it once per connection by name (postgres.ts).
import { type Compilable, type CompiledQuery, type Kysely, PostgresAdapter } from 'kysely';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export function dialectOf(db: Kysely<Database>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

const MARKER = '\u0000param:';

type Slot<P extends string> = { param: P } | { value: unknown };

interface Compiled<P extends string> {
  query: CompiledQuery;
  slots: Slot<P>[];
}

/**
 * A query whose parameters are named: `build` receives stand-ins (`p.slug`) to use where the values go,
 * and the dialect, for the few places where the SQL differs. Compiled once per database, on first use.
 */
export function preparedQuery<P extends string, Row>(
  build: (db: Kysely<Database>, p: Record<P, never>, dialect: Dialect) => Compilable<Row>,
) {
  const compiled = new WeakMap<Kysely<Database>, Compiled<P>>();
  const stand = new Proxy({} as Record<P, never>, { get: (_t, name) => `${MARKER}${String(name)}` });

  function compile(db: Kysely<Database>): Compiled<P> {
    let done = compiled.get(db);
    if (!done) {
      const query = build(db, stand, dialectOf(db)).compile();
      done = {
        query,
        slots: query.parameters.map((value) =>
          typeof value === 'string' && value.startsWith(MARKER)
            ? { param: value.slice(MARKER.length) as P }
            : { value },
        ),
      };
      compiled.set(db, done);
    }
    return done;
  }

  // The compiled query with these values: its SQL text, and so its prepared statement, stays the same.
  function withValues(db: Kysely<Database>, params: Record<P, unknown>): CompiledQuery<Row> {
    const { query, slots } = compile(db);
    const parameters = slots.map((slot) => ('param' in slot ? params[slot.param] : slot.value));
    return { ...query, parameters } as CompiledQuery<Row>;
  }

  async function run(db: Kysely<Database>, params: Record<P, unknown>): Promise<Row[]> {
    return (await db.executeQuery(withValues(db, params))).rows;
  }

  /** The rows one at a time, for results too long to hold at once (a 50,000-address sitemap). */
  async function* stream(db: Kysely<Database>, params: Record<P, unknown>, chunkSize = 1000) {
    for await (const result of db.getExecutor().stream(withValues(db, params), chunkSize)) yield* result.rows;
  }

  /** The SQL this query runs on `db`, compiled on first use and the same object afterwards. */
  const sql = (db: Kysely<Database>) => compile(db).query.sql;

  return Object.assign(run, { stream, sql });
}
