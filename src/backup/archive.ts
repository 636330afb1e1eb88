// The archive file: a gzip-compressed tar of a staged folder (manifest.json first, then database/ and
// media/), written aside and renamed so that a backup cut off midway never leaves a file that looks whole;
// and read back into a private temporary folder, where a damaged or foreign file is told apart from a backup.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as tar from 'tar';
import { BackupError } from './backup-error.js';
import { MANIFEST_NAME, type Manifest, parseManifest } from './manifest.js';

/** Packs `folder` into `file`; the archive holds password hashes and readers' emails, so only its owner reads it. */
export async function writeArchive(folder: string, file: string): Promise<void> {
  const partial = `${file}.${randomBytes(4).toString('hex')}.partial`;
  try {
    await mkdir(dirname(file), { recursive: true });
    await tar.create({ gzip: true, file: partial, cwd: folder, portable: true, mode: 0o600 }, [
      MANIFEST_NAME,
      'database',
      'media',
    ]);
    await chmod(partial, 0o600);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

export interface OpenedArchive {
  folder: string;
  manifest: Manifest;
  /** Removes the unpacked copy. */
  dispose(): Promise<void>;
}

// Only what writeArchive puts in: nothing else is unpacked, so a crafted archive cannot drop files elsewhere.
const EXPECTED = /^(manifest\.json|database(\/[\w.-]+)?\/?|media(\/[\w.-]+)*\/?)$/;

/** Unpacks a backup into a new temporary folder and reads its manifest; a BackupError for anything else. */
export async function openArchive(file: string): Promise<OpenedArchive> {
  const info = await stat(file).catch(() => null);
  if (!info) throw new BackupError(`There is no file at ${file}.`);
  if (!info.isFile()) throw new BackupError(`${file} is not a file.`);
  const folder = await mkdtemp(join(tmpdir(), 'broadsheet-restore-'));
  // Retried: when a damaged archive stops the unpacking, files it began may still be closing.
  const dispose = () => rm(folder, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  try {
    let unexpected: string | undefined;
    await tar.extract({
      file,
      cwd: folder,
      strict: true,
      filter: (path, entry) => {
        const name = path.replace(/^(\.\/)+/, '');
        const type = 'type' in entry ? entry.type : 'File';
        // The archive's own top folder ('./'), as other tar tools write it, is no content.
        if (name === '' || name === '.') return false;
        const ok = EXPECTED.test(name) && (type === 'File' || type === 'Directory');
        if (!ok) unexpected ??= name;
        return ok;
      },
    });
    if (unexpected !== undefined)
      throw new BackupError(
        `The archive holds ${unexpected}, which no Broadsheet backup does; it was not restored.`,
      );
    const text = await readFile(join(folder, MANIFEST_NAME), 'utf8').catch(() => null);
    if (text === null)
      throw new BackupError(`${file} is an archive but not a Broadsheet backup: it has no ${MANIFEST_NAME}.`);
    return { folder, manifest: parseManifest(text), dispose };
  } catch (error) {
    await dispose().catch(() => {});
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} ${describeUnreadable(error)}; nothing was restored.`);
  }
}

function describeUnreadable(error: unknown): string {
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  // A file that is neither gzip nor tar reads as a tar header that does not check out.
  if (
    code === 'TAR_BAD_ARCHIVE' ||
    code === 'TAR_ENTRY_INVALID' ||
    /Unrecognized archive format/i.test(message)
  ) {
    return 'is not a .tar.gz archive';
  }
  if (
    code.startsWith('Z_') ||
    code === 'TAR_ABORT' ||
    /unexpected end|truncated|incorrect header/i.test(message)
  ) {
    return 'is damaged or cut short (the archive does not read to its end)';
  }
  return `could not be read (${code || message})`;
}
