// Inserts of one shape run many thousand times (an import writes a row per article, revision, comment, byline,
// old address and ledger entry): Kysely builds and compiles each insert afresh, which costs more than SQLite
// takes to run it. Here an insert is compiled once per dialect, table, columns and row count, then run with
// new values: SQLite then reuses its statement by the text (sqlite.ts), PostgreSQL its named one (postgres.ts).
import type { CompiledQuery, Insertable, Kysely } from 'kysely';
import { dialectOf } from './prepared.js';
import type { Database } from './schema.js';

type Table = keyof Database & string;

const compiled = new Map<string, CompiledQuery>();
/** Shapes a process has met; past this the cache starts again rather than grow with odd row counts. */
const MAX_SHAPES = 500;

interface InsertShape {
  /** Rows already there (by this unique column) are left as they are and the new one is dropped. */
  skipConflictOn?: string;
  /** A column of the inserted rows to return. */
  returning?: string;
}

function compiledInsert(
  db: Kysely<Database>,
  table: Table,
  columns: string[],
  rows: number,
  shape: InsertShape,
) {
  const key = [dialectOf(db), table, columns.join(','), rows, shape.skipConflictOn, shape.returning].join(
    '\u0000',
  );
  let query = compiled.get(key);
  if (!query) {
    const stand = Object.fromEntries(columns.map((c) => [c, null]));
    const values = Array.from({ length: rows }, () => stand) as Insertable<Database[Table]>[];
    let insert = db.insertInto(table).values(values);
    const conflict = shape.skipConflictOn;
    if (conflict) insert = insert.onConflict((oc) => oc.column(conflict as never).doNothing());
    query = (shape.returning ? insert.returning(shape.returning as never) : insert).compile();
    if (compiled.size >= MAX_SHAPES) compiled.clear();
    compiled.set(key, query);
  }
  return query;
}

function parametersOf(table: Table, columns: string[], rows: ReadonlyArray<object>): unknown[] {
  const parameters: unknown[] = [];
  for (const row of rows) {
    for (const column of columns) {
      if (!(column in row)) throw new Error(`insertRows(${table}): a row has no “${column}”`);
      parameters.push((row as Record<string, unknown>)[column] ?? null);
    }
  }
  return parameters;
}

function columnsOf(row: object): string[] {
  return Object.keys(row).filter((c) => (row as Record<string, unknown>)[c] !== undefined);
}

/**
 * Inserts `rows`, which must all have the columns of the first (a column left undefined there is left out
 * for every row, as Kysely does), and returns the `returning` column of the rows inserted, in no particular
 * order. Callers keep a statement's values under the database's limit (SQLite's is
 * 32,766).
 */
export async function insertRows<T extends Table>(
  db: Kysely<Database>,
  table: T,
  rows: ReadonlyArray<Insertable<Database[T]>>,
  shape: InsertShape = {},
): Promise<Array<Record<string, unknown>>> {
  const [first] = rows;
  if (!first) return [];
  const columns = columnsOf(first);
  const query = compiledInsert(db, table, columns, rows.length, shape);
  const result = await db.executeQuery<Record<string, unknown>>({
    ...query,
    parameters: parametersOf(table, columns, rows),
  });
  return result.rows;
}

/** Inserts one row and returns its new id. */
export async function insertRowReturningId<T extends Table>(
  db: Kysely<Database>,
  table: T,
  row: Insertable<Database[T]>,
): Promise<number> {
  const columns = columnsOf(row);
  const query = compiledInsert(db, table, columns, 1, { returning: 'id' });
  const result = await db.executeQuery<{ id: number }>({
    ...query,
    parameters: parametersOf(table, columns, [row]),
  });
  const id = result.rows[0]?.id;
  if (id === undefined) throw new Error(`insert into ${table} returned no id`);
  return Number(id);
}
