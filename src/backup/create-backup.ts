// `npm run backup`: one consistent snapshot of the database, every media file its rows name, and a manifest,
// staged in a private temporary folder and packed into one .tar.gz.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileStore } from '../media/file-store.js';
import { dialectOf, openStorage } from '../storage/db.js';
import { writeArchive } from './archive.js';
import { broadsheetVersion } from './broadsheet-version.js';
import {
  ARCHIVE_FORMAT,
  FORMAT_VERSION,
  MANIFEST_NAME,
  type Manifest,
  secretFingerprint,
} from './manifest.js';
import { mediaFilesOf, stageMedia } from './media-files.js';
import { exportPostgres } from './postgres-export.js';
import { snapshotSqlite } from './sqlite-snapshot.js';

export interface BackupOptions {
  databaseUrl: string;
  store: FileStore;
  /** Where the archive goes; an existing file there is replaced only once the new one is whole. */
  file: string;
  now?: Date;
  /** The installation's app secret, when it has one: only its fingerprint goes into the manifest. */
  appSecret?: string;
}

export interface BackupResult {
  file: string;
  manifest: Manifest;
  /** Files a media row names that the store did not have. */
  missingMedia: string[];
}

/** A file name that says when, and nothing of where from (no host or database name). */
export function defaultBackupName(now: Date): string {
  return `broadsheet-backup-${now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-')}.tar.gz`;
}

export async function createBackup(options: BackupOptions): Promise<BackupResult> {
  const createdAt = (options.now ?? new Date()).toISOString();
  const folder = await mkdtemp(join(tmpdir(), 'broadsheet-backup-'));
  try {
    const snapshot =
      dialectOf(options.databaseUrl) === 'sqlite'
        ? await snapshotSqlite(options.databaseUrl.slice('sqlite:'.length), folder)
        : await withPostgres(options.databaseUrl, (db) => exportPostgres(db, folder));
    await mkdir(join(folder, 'media'), { recursive: true });
    // The files are read after the snapshot: a file's content never changes once written, and a file that
    // a row of the snapshot names is kept by the store at least until that row is deleted.
    const media = await stageMedia(options.store, mediaFilesOf(snapshot.media), folder);
    const manifest: Manifest = {
      format: ARCHIVE_FORMAT,
      formatVersion: FORMAT_VERSION,
      createdAt,
      broadsheetVersion: broadsheetVersion(),
      dialect: dialectOf(options.databaseUrl),
      migrations: snapshot.migrations,
      tables: snapshot.tables,
      media: media.files,
      ...(options.appSecret ? { secretFingerprint: secretFingerprint(options.appSecret) } : {}),
    };
    await writeFile(join(folder, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
    await writeArchive(folder, options.file);
    return { file: options.file, manifest, missingMedia: media.missing };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function withPostgres<T>(
  url: string,
  work: (db: ReturnType<typeof openStorage>['db']) => Promise<T>,
): Promise<T> {
  // A backup may read for long: no statement timeout of a web request's length.
  const storage = openStorage(url, { poolSize: 2, statementTimeoutMs: 600_000 });
  try {
    return await work(storage.db);
  } finally {
    await storage.close();
  }
}
