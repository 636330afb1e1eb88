// `npm run restore`: brings a backup into an empty installation. Everything is checked before anything is
// written (the archive reads to its end, the manifest is one this version can restore, every file matches
// its digest); then the media go in, and the database last of all in one step (a rename on SQLite, a commit
// on PostgreSQL). A failure before that step removes the media it added, so the installation stays as it was.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { FileStore } from '../media/file-store.js';
import { dialectOf, openStorage } from '../storage/db.js';
import { MIGRATION_NAMES, migrateToLatest } from '../storage/migrate.js';
import type { Database } from '../storage/schema.js';
import { openArchive } from './archive.js';
import { BackupError } from './backup-error.js';
import { checkSchemaCompatible, type Manifest, secretFingerprint } from './manifest.js';
import { checkStagedMedia, removeMedia, restoreMedia } from './media-files.js';
import { importPostgres, tableFile } from './postgres-export.js';
import { restoreSqlite, SQLITE_SNAPSHOT } from './sqlite-snapshot.js';

export interface RestoreOptions {
  databaseUrl: string;
  store: FileStore;
  file: string;
  /** The migrations this version knows (a test may pretend to be an older version). */
  knownMigrations?: readonly string[];
  /** The app secret this installation will sign with, if it has one yet. */
  appSecret?: string;
}

export interface RestoreResult {
  manifest: Manifest;
  /** Rows restored per table, as the manifest counted them and the restore checked them. */
  rows: Record<string, number>;
  mediaFiles: number;
  /**
   * Whether this installation has the secret the backup was made with: false means comment bans and limits
   * (keyed hashes) and links already emailed will not match; null when the backup or this side has none.
   */
  sameSecret: boolean | null;
}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const archive = await openArchive(options.file);
  try {
    const { manifest, folder } = archive;
    checkSchemaCompatible(manifest, options.knownMigrations ?? MIGRATION_NAMES);
    const dialect = dialectOf(options.databaseUrl);
    if (manifest.dialect !== dialect) {
      throw new BackupError(
        `This backup is of a ${label(manifest.dialect)} database and this installation uses ${label(dialect)}; restore it into ${label(manifest.dialect)}. Nothing was changed.`,
      );
    }
    await checkDatabaseFiles(folder, manifest);
    await checkStagedMedia(folder, manifest.media);

    let added: string[] = [];
    const writeMedia = async () => {
      added = await restoreMedia(options.store, folder, manifest.media);
    };
    try {
      if (dialect === 'sqlite') {
        await restoreSqlite(
          join(folder, SQLITE_SNAPSHOT),
          options.databaseUrl.slice('sqlite:'.length),
          manifest,
          writeMedia,
        );
      } else {
        await withPostgres(options.databaseUrl, (db) => importPostgres(db, folder, manifest, writeMedia));
      }
    } catch (error) {
      await removeMedia(options.store, added);
      throw error;
    }
    // Committed: an older backup's schema is brought up to this version (SQLite's was, before its rename).
    // A failure here leaves the restored rows at the backup's schema, which the server's start migrates again.
    if (dialect === 'postgres') await withPostgres(options.databaseUrl, migrateToLatest);
    const rows = Object.fromEntries(Object.entries(manifest.tables).map(([table, t]) => [table, t.rows]));
    const sameSecret =
      manifest.secretFingerprint && options.appSecret
        ? secretFingerprint(options.appSecret) === manifest.secretFingerprint
        : manifest.secretFingerprint
          ? false
          : null;
    return { manifest, rows, mediaFiles: manifest.media.length, sameSecret };
  } finally {
    await archive.dispose();
  }
}

const label = (dialect: string) => (dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL');

async function checkDatabaseFiles(folder: string, manifest: Manifest): Promise<void> {
  const files =
    manifest.dialect === 'sqlite' ? [SQLITE_SNAPSHOT] : Object.keys(manifest.tables).map(tableFile);
  for (const file of files) {
    if (!(await stat(join(folder, file)).catch(() => null))) {
      throw new BackupError(`The archive lacks ${file}, which its manifest lists; nothing was restored.`);
    }
  }
}

async function withPostgres<T>(url: string, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  // A restore may write for long: no statement timeout of a web request's length.
  const storage = openStorage(url, { poolSize: 2, statementTimeoutMs: 600_000 });
  try {
    return await work(storage.db);
  } finally {
    await storage.close();
  }
}
