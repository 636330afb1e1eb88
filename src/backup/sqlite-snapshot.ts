// SQLite's half of a backup: the online backup API copies the live file page by page into the archive's
// database/broadsheet.sqlite (consistent while the server writes: a copy overtaken by a write starts again,
// and after the first step the rest goes in one step, so it converges); a restore checks that copy, brings it
// up to this version's schema beside the target and renames it into place, so the target is never half-made.
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import type SQLite from 'better-sqlite3';
import { openStorage } from '../storage/db.js';
import { migrateToLatest } from '../storage/migrate.js';
import { BackupError } from './backup-error.js';
import { type DatabaseSnapshot, isBookkeeping, notEmptyMessage, SCRATCH_TABLES } from './database-tables.js';
import type { Manifest, TableManifest } from './manifest.js';
import type { MediaRow } from './media-files.js';

const require = createRequire(import.meta.url);
const Driver = () => require('better-sqlite3') as typeof SQLite;

export const SQLITE_SNAPSHOT = 'database/broadsheet.sqlite';

/** Copies the database at `file` into `folder`'s snapshot while others may be writing to it. */
export async function snapshotSqlite(file: string, folder: string): Promise<DatabaseSnapshot> {
  if (!(await stat(file).catch(() => null))?.isFile()) {
    throw new BackupError(
      `There is no SQLite database at ${file} (DATABASE_URL), so there is nothing to back up.`,
    );
  }
  const target = join(folder, SQLITE_SNAPSHOT);
  await mkdir(dirname(target), { recursive: true });
  const source = new (Driver())(resolve(file), { fileMustExist: true, readonly: true });
  try {
    await source.backup(target, { progress: () => 1_000_000_000 });
  } finally {
    source.close();
  }
  const copy = new (Driver())(target);
  try {
    // The copy is a file on its own: no write-ahead log beside it in the archive.
    copy.pragma('journal_mode = DELETE');
    return describe(copy);
  } finally {
    copy.close();
  }
}

function tablesOf(db: SQLite.Database): string[] {
  const rows = db
    .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`)
    .all() as { name: string }[];
  return rows.map((r) => r.name).filter((name) => !isBookkeeping(name));
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

function countRows(db: SQLite.Database, table: string): number {
  return (db.prepare(`select count(*) as n from ${quote(table)}`).get() as { n: number }).n;
}

function appliedMigrations(db: SQLite.Database): string[] {
  const exists = db
    .prepare(`select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'`)
    .get();
  if (!exists) return [];
  return (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map(
    (r) => r.name,
  );
}

function describe(db: SQLite.Database): DatabaseSnapshot {
  const tables: Record<string, TableManifest> = {};
  for (const table of tablesOf(db)) {
    const columns = (db.prepare(`pragma table_info(${quote(table)})`).all() as { name: string }[]).map(
      (c) => c.name,
    );
    tables[table] = { columns, rows: countRows(db, table) };
  }
  const media = db
    .prepare('select storage_key, mime_type, variants, fallback_key from media')
    .all() as MediaRow[];
  return { migrations: appliedMigrations(db), tables, media };
}

/** The tables of an existing database file that hold rows a restore would overwrite. */
function contentIn(file: string): Map<string, number> {
  const db = new (Driver())(file, { fileMustExist: true });
  try {
    const counts = new Map<string, number>();
    for (const table of tablesOf(db)) {
      if (SCRATCH_TABLES.includes(table)) continue;
      const rows = countRows(db, table);
      if (rows > 0) counts.set(table, rows);
    }
    return counts;
  } finally {
    db.close();
  }
}

/** Checks the archived copy against its manifest: a file SQLite reads whole, its keys holding, its counts. */
function checkCopy(file: string, manifest: Manifest): void {
  let db: SQLite.Database;
  try {
    db = new (Driver())(file, { fileMustExist: true });
  } catch {
    throw new BackupError(
      "The archive's database file cannot be opened; the archive is damaged. Nothing was restored.",
    );
  }
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(String(integrity));
    if ((db.pragma('foreign_key_check') as unknown[]).length > 0) throw new Error('foreign keys');
    const found = describe(db);
    if (found.migrations.join() !== manifest.migrations.join()) throw new Error('migrations');
    for (const [table, { rows }] of Object.entries(manifest.tables)) {
      if (found.tables[table]?.rows !== rows) throw new Error(`rows of ${table}`);
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(
      `The archive's database does not match its manifest or is damaged (${(error as Error).message}). Nothing was restored.`,
    );
  } finally {
    db.close();
  }
}

/**
 * Puts the snapshot in place of the database at `targetFile`, which must be missing or hold no content.
 * `beforeCommit` runs last of all before the rename (the media are written there), so that a failure
 * anywhere leaves the target as it was.
 */
export async function restoreSqlite(
  snapshotFile: string,
  targetFile: string,
  manifest: Manifest,
  beforeCommit: () => Promise<void>,
): Promise<void> {
  const target = resolve(targetFile);
  await mkdir(dirname(target), { recursive: true });
  const temp = join(dirname(target), `.${basename(target)}.restoring-${randomBytes(4).toString('hex')}`);
  const removeTemp = () =>
    Promise.all(['', '-wal', '-shm', '-journal'].map((suffix) => rm(`${temp}${suffix}`, { force: true })));
  try {
    await copyFile(snapshotFile, temp);
    checkCopy(temp, manifest);
    // An older backup is brought up to this version here, before it replaces anything.
    const storage = openStorage(`sqlite:${temp}`);
    try {
      await migrateToLatest(storage.db);
    } finally {
      await storage.close();
    }
    if (await stat(target).catch(() => null)) {
      const content = contentIn(target);
      if (content.size > 0) throw new BackupError(notEmptyMessage(content));
      // Closing the last connection removes the write-ahead log; one still there means a server has it open,
      // and renaming under it would leave that server writing into a file no longer in place.
      if (await stat(`${target}-wal`).catch(() => null)) {
        throw new BackupError(
          'The database is in use (its write-ahead log is open): stop the server, then restore. Nothing was changed.',
        );
      }
    }
    await beforeCommit();
    await rename(temp, target);
  } finally {
    await removeTemp();
  }
}
