// `npm run import -- wordpress ./export.xml [--uploads DIR | --media-base URL] [--dry-run]`,
// `npm run import -- ghost ./export.json [--images DIR] [--dry-run]` and
// `npm run import -- broadsheet ./site-export.tar.gz [--dry-run]`: the run from the command line, with the
// server's own settings (database, media store, app secret), progress on stderr and the report on stdout.
// The change is announced through the database's record of changes, so running servers drop their caches.
// A Broadsheet archive is the export domain's to read: it is handed in (scripts/import.ts), so this domain
// never imports export/ (which imports this one's report types).
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { type Config, loadConfig } from '../config.js';
import type { ReservedPaths } from '../http/reserved-paths.js';
import type { FileStore } from '../media/file-store.js';
import { openFileStore } from '../media/open-file-store.js';
import { openContentEvents } from '../server/content-events.js';
import type { ContentEvents } from '../storage/content-events.js';
import { openStorage, type Storage } from '../storage/db.js';
import { migrateToLatest } from '../storage/migrate.js';
import type { Database } from '../storage/schema.js';
import { bodyConversion } from './body-conversion.js';
import { heapKeeper } from './heap-keeper.js';
import type { ImportDeps } from './import-context.js';
import type { ImportOptions } from './import-contract.js';
import { mediaFetcher } from './media-fetch.js';
import { type ArchiveReport, archiveReportText, reportText } from './report.js';
import { runImport } from './run-import.js';
import { SourceFileError, type SourceReader, type SourceSystem } from './source-model.js';

export const IMPORT_USAGE =
  'Usage: npm run import -- wordpress <export.xml> [--uploads <dir> | --media-base <url>] [--dry-run]\n' +
  '       npm run import -- ghost <export.json> [--images <dir>] [--dry-run]\n' +
  '       npm run import -- broadsheet <site-export.tar.gz> [--dry-run]';

/** A mistake in how the command was called: said with the usage, exit code 2. */
export class UsageError extends Error {}

export function readImportArgs(args: string[]): ImportOptions {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      uploads: { type: 'string' },
      images: { type: 'string' },
      'media-base': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const [system, file, ...rest] = positionals;
  if (system !== 'wordpress' && system !== 'ghost')
    throw new UsageError('Name the system: wordpress, ghost or broadsheet.');
  if (!file) throw new UsageError('Name the export file.');
  if (rest.length > 0) throw new UsageError(`Unexpected ${rest[0]}.`);
  if (system === 'ghost' && values.uploads)
    throw new UsageError('A Ghost import takes --images, not --uploads.');
  if (system === 'wordpress' && values.images)
    throw new UsageError('A WordPress import takes --uploads, not --images.');
  const mediaBase = values['media-base'];
  if (mediaBase && !/^https?:\/\/[^\s]+$/i.test(mediaBase))
    throw new UsageError('--media-base must be an http(s) address.');
  const folder = values.uploads ?? values.images;
  return {
    system: system as SourceSystem,
    file: resolve(file),
    uploadsDir: folder ? resolve(folder) : undefined,
    mediaBaseUrl: mediaBase,
    dryRun: values['dry-run'] === true,
    staffId: null,
  };
}

export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  secret: (configured: string | undefined) => Promise<string | undefined>;
  /** The addresses the app answers itself (its built route list), so no imported page hides one. */
  reservedPaths?: (opened: OpenedSite) => Promise<ReservedPaths>;
  /** A full garbage collection (`global.gc` under `node --expose-gc`), to keep a long run's heap small. */
  collectGarbage?: () => void;
}

/** What the command opened, for whoever builds the app's route list from the same settings. */
export interface OpenedSite {
  config: Config;
  storage: Storage;
  files: FileStore;
  events: ContentEvents;
  secret: string;
}

/** A Broadsheet archive's import (src/export/archive-import.ts), handed in by scripts/import.ts. */
export interface ArchiveImport {
  run(
    deps: { db: Kysely<Database>; store: FileStore; secret: string },
    file: string,
    options: { dryRun: boolean },
  ): Promise<ArchiveReport>;
  /** A refusal it means (a bad or incomplete archive, a site not empty): said as it is, exit code 1. */
  refused(error: unknown): boolean;
}

function readArchiveArgs(args: string[]): { file: string; dryRun: boolean } {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean', default: false } },
  });
  const [, file, ...rest] = positionals;
  if (!file) throw new UsageError('Name the archive (npm run export makes one).');
  if (rest.length > 0) throw new UsageError(`Unexpected ${rest[0]}.`);
  return { file: resolve(file), dryRun: values['dry-run'] === true };
}

/** Runs the command; resolves to its exit code (0 done, 1 the file or the settings refused, 2 bad usage). */
export async function importCommand(
  args: string[],
  readers: Partial<Record<SourceSystem, SourceReader>>,
  io: CommandIo,
  archive?: ArchiveImport,
): Promise<number> {
  if (args.find((a) => !a.startsWith('-')) === 'broadsheet') return archiveCommand(args, io, archive);
  let options: ImportOptions;
  try {
    options = readImportArgs(args);
    await access(options.file).catch(() => {
      throw new UsageError(`There is no file at ${options.file}.`);
    });
  } catch (error) {
    io.err(`import: ${error instanceof Error ? error.message : String(error)}\n${IMPORT_USAGE}\n`);
    return 2;
  }
  const config = loadConfig(io.env);
  const secret = await io.secret(config.appSecret);
  if (!secret) {
    io.err(
      'import: the app secret is not set (APP_SECRET) and the server has not made one yet: start it once first.\n',
    );
    return 1;
  }
  const storage = openStorage(config.databaseUrl);
  const events = await openContentEvents(config, storage, { serves: false });
  try {
    await migrateToLatest(storage.db);
    const files = await openFileStore(config.mediaStorage);
    const deps: ImportDeps = {
      db: storage.db,
      files,
      events,
      secret,
      readers,
      fetchFile: mediaFetcher(),
      bodies: bodyConversion,
      clock: () => new Date(),
      maxImagePixels: config.images.maxPixels,
      reservedPaths: await io.reservedPaths?.({ config, storage, files, events, secret }),
      betweenBatches: heapKeeper(io.collectGarbage),
    };
    let lastPhase = '';
    const report = await runImport(deps, options, (progress) => {
      if (progress.phase !== lastPhase) io.err(`import: ${progress.phase}\n`);
      lastPhase = progress.phase;
      if (progress.phase === 'writing') {
        const c = progress.counts;
        io.err(
          `import: ${progress.done}${progress.total ? ` of ${progress.total}` : ''} posts and pages (${c.articles.imported} articles, ${c.pages.imported} pages, ${c.comments.imported} comments new)\n`,
        );
      }
    });
    io.out(reportText(report));
    return 0;
  } catch (error) {
    if (error instanceof SourceFileError) {
      io.err(`import: ${options.file} could not be read: ${error.message}. Nothing was written.\n`);
      return 1;
    }
    throw error;
  } finally {
    await events.close();
    await storage.close();
  }
}

async function archiveCommand(args: string[], io: CommandIo, archive?: ArchiveImport): Promise<number> {
  let file: string;
  let dryRun: boolean;
  try {
    if (!archive) throw new UsageError('This command cannot read Broadsheet archives.');
    ({ file, dryRun } = readArchiveArgs(args));
    await access(file).catch(() => {
      throw new UsageError(`There is no file at ${file}.`);
    });
  } catch (error) {
    io.err(`import: ${error instanceof Error ? error.message : String(error)}\n${IMPORT_USAGE}\n`);
    return 2;
  }
  const config = loadConfig(io.env);
  const secret = await io.secret(config.appSecret);
  if (!secret) {
    io.err(
      'import: the app secret is not set (APP_SECRET) and the server has not made one yet: start it once first.\n',
    );
    return 1;
  }
  const storage = openStorage(config.databaseUrl);
  const store = await openFileStore(config.mediaStorage);
  try {
    await migrateToLatest(storage.db);
    io.err('import: checking the archive\n');
    const report = await archive.run({ db: storage.db, store, secret }, file, { dryRun });
    io.out(archiveReportText(report));
    return 0;
  } catch (error) {
    if (archive.refused(error)) {
      io.err(`import: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
    throw error;
  } finally {
    await store.close();
    await storage.close();
  }
}
