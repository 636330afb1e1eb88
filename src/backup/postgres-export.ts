// PostgreSQL's half of a backup, as a logical export through the app's own connection rather than pg_dump:
// every table read in one REPEATABLE READ, READ ONLY transaction (one snapshot, however long it takes, while
// the server keeps writing), each value as PostgreSQL's own text for it, one JSON array per row in
// database/<table>.jsonl. Why not pg_dump: its output names the schema it came from, so it restores only into
// that same schema, and it needs a client binary of the server's major version beside Node; this export
// restores into any empty schema, inside one transaction, and checks the schema's migrations first.
import { createReadStream } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type Kysely, sql, type Transaction } from 'kysely';
import { migrateUpTo } from '../storage/migrate.js';
import type { Database } from '../storage/schema.js';
import { BackupError } from './backup-error.js';
import { type DatabaseSnapshot, isBookkeeping, notEmptyMessage, SCRATCH_TABLES } from './database-tables.js';
import type { Manifest, TableManifest } from './manifest.js';
import type { MediaRow } from './media-files.js';

type Db = Kysely<Database> | Transaction<Database>;

const READ_BATCH = 1000;
// PostgreSQL takes at most 65,535 parameters in a statement; fewer keep each statement's memory small.
const PARAMETERS_PER_INSERT = 10_000;

export const tableFile = (table: string) => `database/${table}.jsonl`;

async function tablesOf(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  return rows.map((r) => r.name).filter((name) => !isBookkeeping(name));
}

/** The columns a row can be written with: generated ones are computed again by the database. */
async function columnsOf(db: Db, table: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select column_name as name from information_schema.columns
    where table_schema = current_schema() and table_name = ${table} and is_generated = 'NEVER'
    order by ordinal_position`.execute(db);
  return rows.map((r) => r.name);
}

async function orderColumnsOf(db: Db, table: string, columns: string[]): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select a.attname as name from pg_index i
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
    where i.indrelid = to_regclass(quote_ident(${table})) and i.indisprimary
    order by array_position(i.indkey, a.attnum)`.execute(db);
  return rows.length > 0 ? rows.map((r) => r.name) : columns;
}

async function appliedMigrations(db: Db): Promise<string[]> {
  const { rows } = await sql<{
    found: string | null;
  }>`select to_regclass('kysely_migration')::text as found`.execute(db);
  if (!rows[0]?.found) return [];
  const names = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return names.rows.map((r) => r.name);
}

const ids = (names: string[]) => sql.join(names.map((n) => sql.ref(n)));

/** Writes every table of the current schema into `folder`, all from one snapshot. */
export async function exportPostgres(db: Kysely<Database>, folder: string): Promise<DatabaseSnapshot> {
  await mkdir(join(folder, 'database'), { recursive: true });
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const migrations = await appliedMigrations(trx);
      const tables: Record<string, TableManifest> = {};
      for (const table of await tablesOf(trx)) {
        const columns = await columnsOf(trx, table);
        const order = await orderColumnsOf(trx, table, columns);
        const asText = sql.join(columns.map((c) => sql`${sql.ref(c)}::text`));
        const file = await open(join(folder, tableFile(table)), 'w', 0o600);
        let count = 0;
        try {
          for (;;) {
            const { rows } = await sql<{ r: (string | null)[] }>`
              select array[${asText}]::text[] as r from ${sql.table(table)}
              order by ${ids(order)} limit ${READ_BATCH} offset ${count}`.execute(trx);
            if (rows.length > 0) await file.write(rows.map((row) => `${JSON.stringify(row.r)}\n`).join(''));
            count += rows.length;
            if (rows.length < READ_BATCH) break;
          }
        } finally {
          await file.close();
        }
        tables[table] = { columns, rows: count };
      }
      const media = (
        await sql<MediaRow>`select storage_key, mime_type, variants, fallback_key from media`.execute(trx)
      ).rows;
      return { migrations, tables, media };
    });
}

/**
 * Brings the target schema to the backup's migrations: none yet (a new database) is migrated up to them; the
 * same is fine; a schema ahead of the backup is refused, since an older backup's rows may not fit it.
 */
async function prepareSchema(db: Kysely<Database>, manifest: Manifest): Promise<void> {
  const applied = await appliedMigrations(db);
  const wanted = manifest.migrations;
  const isPrefix = applied.every((name, i) => wanted[i] === name);
  if (!isPrefix) {
    throw new BackupError(
      `This database's schema (at ${applied.at(-1)}) is newer than the backup's (at ${wanted.at(-1)}): restore into a new, empty database, and Broadsheet brings it up to date afterwards. Nothing was changed.`,
    );
  }
  if (applied.length === 0) {
    const strays = await tablesOf(db);
    if (strays.length > 0) {
      throw new BackupError(
        `This database schema has tables (${strays.slice(0, 3).join(', ')}) but no Broadsheet migrations: restore into a new, empty database. Nothing was changed.`,
      );
    }
  }
  if (applied.length < wanted.length) await migrateUpTo(db, wanted.at(-1)!);
}

interface ForeignKey {
  table: string;
  name: string;
}

/**
 * The schema's foreign keys, made to wait for the commit while the rows go in: tables refer to each other in
 * a circle (authors → media → staff → authors), so no order of tables satisfies them row by row. They are
 * checked all at once before the commit, and put back as they were; the changes are part of the transaction.
 */
async function deferForeignKeys(trx: Db): Promise<ForeignKey[]> {
  const { rows } = await sql<ForeignKey>`
    select t.relname as "table", c.conname as name from pg_constraint c
    join pg_class t on t.oid = c.conrelid
    where c.contype = 'f' and c.connamespace = to_regnamespace(current_schema()) and not c.condeferrable`.execute(
    trx,
  );
  for (const key of rows) {
    await sql`alter table ${sql.table(key.table)} alter constraint ${sql.ref(key.name)} deferrable initially deferred`.execute(
      trx,
    );
  }
  return rows;
}

async function checkForeignKeys(trx: Db, keys: ForeignKey[]): Promise<void> {
  try {
    await sql`set constraints all immediate`.execute(trx);
  } catch (error) {
    throw new BackupError(
      `The archive's rows do not hold together (${(error as Error).message}); the archive is damaged. Nothing was restored.`,
    );
  }
  for (const key of keys) {
    await sql`alter table ${sql.table(key.table)} alter constraint ${sql.ref(key.name)} not deferrable`.execute(
      trx,
    );
  }
}

async function insertRows(
  trx: Db,
  table: string,
  columns: string[],
  rows: (string | null)[][],
): Promise<void> {
  const values = sql.join(rows.map((row) => sql`(${sql.join(row)})`));
  await sql`insert into ${sql.table(table)} (${ids(columns)}) values ${values}`.execute(trx);
}

async function copyTable(trx: Db, folder: string, table: string, columns: string[]): Promise<number> {
  const perInsert = Math.max(1, Math.floor(PARAMETERS_PER_INSERT / Math.max(1, columns.length)));
  const lines = createInterface({
    input: createReadStream(join(folder, tableFile(table))),
    crlfDelay: Infinity,
  });
  let batch: (string | null)[][] = [];
  let count = 0;
  for await (const line of lines) {
    if (line === '') continue;
    let row: (string | null)[] | undefined;
    try {
      row = JSON.parse(line);
    } catch {
      row = undefined;
    }
    if (!Array.isArray(row) || row.length !== columns.length) {
      throw new BackupError(`Row ${count + 1} of ${table} in the archive is damaged. Nothing was restored.`);
    }
    batch.push(row);
    count++;
    if (batch.length >= perInsert) {
      await insertRows(trx, table, columns, batch);
      batch = [];
    }
  }
  if (batch.length > 0) await insertRows(trx, table, columns, batch);
  return count;
}

/** Sets every serial column's sequence past the restored ids, so the next row gets a new one. */
async function advanceSequences(trx: Db, tables: string[]): Promise<void> {
  const { rows } = await sql<{ table: string; column: string; sequence: string }>`
    select table_name as "table", column_name as "column",
      pg_get_serial_sequence(quote_ident(table_name), column_name) as sequence
    from information_schema.columns
    where table_schema = current_schema() and (column_default like 'nextval(%' or is_identity = 'YES')`.execute(
    trx,
  );
  for (const { table, column, sequence } of rows) {
    if (!sequence || !tables.includes(table)) continue;
    await sql`select setval(${sequence}, coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(
      trx,
    );
  }
}

/**
 * Writes the archive's rows into the current schema in one transaction: the schema is checked empty inside it,
 * and `beforeCommit` (the media) runs last, so a failure anywhere rolls every row back.
 */
export async function importPostgres(
  db: Kysely<Database>,
  folder: string,
  manifest: Manifest,
  beforeCommit: () => Promise<void>,
): Promise<void> {
  await prepareSchema(db, manifest);
  await db.transaction().execute(async (trx) => {
    const present = await tablesOf(trx);
    // Held to the commit: nothing may write while the schema is found empty and filled.
    if (present.length > 0) {
      await sql`lock table ${sql.join(present.map((t) => sql.table(t)))} in exclusive mode`.execute(trx);
    }
    const content = new Map<string, number>();
    for (const table of present) {
      if (SCRATCH_TABLES.includes(table)) continue;
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(
        trx,
      );
      if ((rows[0]?.n ?? 0) > 0) content.set(table, rows[0]!.n);
    }
    if (content.size > 0) throw new BackupError(notEmptyMessage(content));
    for (const table of SCRATCH_TABLES)
      if (present.includes(table)) await sql`delete from ${sql.table(table)}`.execute(trx);

    const backedUp = Object.keys(manifest.tables);
    const missing = backedUp.find((t) => !present.includes(t));
    if (missing)
      throw new BackupError(
        `The backup has a table ${missing} this database lacks; the manifest is damaged. Nothing was restored.`,
      );
    const keys = await deferForeignKeys(trx);
    for (const table of backedUp) {
      const { columns, rows } = manifest.tables[table]!;
      const copied = await copyTable(trx, folder, table, columns);
      if (copied !== rows) {
        throw new BackupError(
          `The archive holds ${copied} rows of ${table} where its manifest says ${rows}. Nothing was restored.`,
        );
      }
    }
    await checkForeignKeys(trx, keys);
    await advanceSequences(trx, backedUp);
    await beforeCommit();
  });
}
