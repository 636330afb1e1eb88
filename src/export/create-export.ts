// A Broadsheet export (docs/export-format.md): every file is written into a private temporary folder as its
// rows are read, then the folder is packed as one .tar.gz (manifest.json first), to a file or to a stream
// (the admin's download). Memory holds a batch of rows and one media file, whatever the site's size.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import * as tar from 'tar';
import { broadsheetVersion } from '../backup/broadsheet-version.js';
import type { FileStore } from '../media/file-store.js';
import { readSiteSettings } from '../site/settings.js';
import type { Database } from '../storage/schema.js';
import { writeArticles, writePages } from './export-articles.js';
import { writeImportItems } from './export-import-items.js';
import {
  writeComments,
  writeFronts,
  writeMedia,
  writePeople,
  writeRedirects,
  writeSections,
  writeTags,
} from './export-library.js';
import {
  type CountName,
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  type ExportCounts,
  type ExportManifest,
  LINE_FILES,
  type LineFile,
  MANIFEST_FILE,
  SETTINGS_FILE,
} from './format.js';
import { LineWriter } from './line-writer.js';
import { exportSettings } from './settings-export.js';

export interface ExportDeps {
  db: Kysely<Database>;
  store: FileStore;
  /** The site's public address, recorded in the manifest. */
  siteAddress: string;
  clock?: () => Date;
}

type Missing = Array<{ id: number; key: string }>;
type Writer = (deps: ExportDeps, folder: string, out: LineWriter, missing: Missing) => Promise<void>;

const WRITERS: Record<LineFile, Writer> = {
  'media.jsonl': (d, folder, out, missing) => writeMedia(d.db, d.store, folder, out, missing),
  'people.jsonl': (d, _, out) => writePeople(d.db, out),
  'sections.jsonl': (d, _, out) => writeSections(d.db, out),
  'tags.jsonl': (d, _, out) => writeTags(d.db, out),
  'articles.jsonl': (d, _, out) => writeArticles(d.db, out),
  'pages.jsonl': (d, _, out) => writePages(d.db, out),
  'comments.jsonl': (d, _, out) => writeComments(d.db, out),
  'redirects.jsonl': (d, _, out) => writeRedirects(d.db, out),
  'fronts.jsonl': (d, _, out) => writeFronts(d.db, out),
  'imports.jsonl': (d, _, out) => writeImportItems(d.db, out),
};

/** Writes every file of the export into `folder` and returns its manifest (also written). */
export async function stageExport(deps: ExportDeps, folder: string): Promise<ExportManifest> {
  const createdAt = (deps.clock?.() ?? new Date()).toISOString();
  await mkdir(join(folder, 'media'), { recursive: true });
  const counts = {} as ExportCounts;
  const missingMedia: Missing = [];
  for (const file of LINE_FILES) {
    const out = new LineWriter(join(folder, file));
    try {
      await WRITERS[file](deps, folder, out, missingMedia);
    } finally {
      await out.close();
    }
    counts[file.replace('.jsonl', '') as CountName] = out.count;
  }
  const settings = await exportSettings(deps.db);
  await writeFile(join(folder, SETTINGS_FILE), `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  const site = await readSiteSettings(deps.db);
  const manifest: ExportManifest = {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    broadsheetVersion: broadsheetVersion(),
    site: { name: site.siteName, address: deps.siteAddress },
    createdAt,
    counts,
    personalData: true,
    missingMedia,
  };
  await writeFile(join(folder, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}

/** The staged folder as a gzip-compressed tar stream, manifest.json first so a reader meets it before the rest. */
function packStaged(folder: string): NodeJS.ReadableStream {
  // tar's Pack is a Minipass stream, which pipeline takes as any readable.
  const pack = tar.create({ gzip: true, cwd: folder, portable: true }, [
    MANIFEST_FILE,
    SETTINGS_FILE,
    ...LINE_FILES,
    'media',
  ]);
  return pack as unknown as NodeJS.ReadableStream;
}

async function stagingFolder(): Promise<{ folder: string; dispose: () => Promise<void> }> {
  const folder = await mkdtemp(join(tmpdir(), 'broadsheet-export-'));
  return {
    folder,
    dispose: () => rm(folder, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }),
  };
}

/** Writes the export to `file` (aside, then renamed: an export cut off never leaves a file that looks whole). */
export async function writeExportFile(deps: ExportDeps, file: string): Promise<ExportManifest> {
  const { folder, dispose } = await stagingFolder();
  const partial = `${file}.${randomBytes(4).toString('hex')}.partial`;
  try {
    const manifest = await stageExport(deps, folder);
    await mkdir(dirname(file), { recursive: true });
    // It holds readers' email addresses: only its owner reads it.
    await pipeline(packStaged(folder), createWriteStream(partial, { mode: 0o600 }));
    await chmod(partial, 0o600);
    await rename(partial, file);
    return manifest;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    await dispose();
  }
}

/**
 * Stages the export, then hands back its archive as a stream; the staged copy is removed when the stream
 * ends or is abandoned (a download cancelled midway).
 */
export async function streamExport(
  deps: ExportDeps,
): Promise<{ manifest: ExportManifest; stream: Readable }> {
  const { folder, dispose } = await stagingFolder();
  let manifest: ExportManifest;
  try {
    manifest = await stageExport(deps, folder);
  } catch (error) {
    await dispose();
    throw error;
  }
  const stream = new PassThrough();
  pipeline(packStaged(folder), stream)
    .catch(() => {})
    .finally(() => dispose().catch(() => {}));
  return { manifest, stream };
}
