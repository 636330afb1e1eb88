// Where media files live: a small interface (a local folder, or S3-compatible storage in s3-file-store.ts)
// and the local-folder store. Keys are paths such as `3f2a…/640.webp`; once written, a key's content never changes.
import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, open, readdir, readFile, rename, rmdir, stat, unlink } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { DomainError, Invalid } from '../http/errors.js';

export interface StoredFileInfo {
  size: number;
  /** A strong validator for conditional requests, quoted as HTTP wants it. */
  etag: string;
}

export interface FileStore {
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<Buffer | null>;
  /** Size and validator without reading the file, so a 304 costs no read. */
  stat(key: string): Promise<StoredFileInfo | null>;
  /** A stream of the file for serving; null when it is missing. */
  stream(key: string): Promise<Readable | null>;
  exists(key: string): Promise<boolean>;
  /** Removes the file; removing a missing file is not an error (cleanup paths call it blindly). */
  delete(key: string): Promise<void>;
  /** Cheaply, whether the store can be reached and written now (for /readyz); rejects when it cannot. */
  check?(): Promise<void>;
  /** Every file with its size, in no set order: what the media command copies between stores. */
  list(): AsyncIterable<ListedFile>;
  /** Lets go of connections (a bucket's); nothing to do for a folder. */
  close(): Promise<void>;
}

export interface ListedFile {
  key: string;
  size: number;
}

// Segments of letters, digits, dot, dash and underscore, none of them '.' or '..', no leading dot.
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** True when the key is a relative path that cannot climb out of the store or name a hidden file. */
export function isSafeKey(key: string): boolean {
  if (key.length === 0 || key.length > 300) return false;
  return key.split('/').every((segment) => SEGMENT.test(segment) && !segment.includes('..'));
}

const NOTHING_SAVED = 'Nothing was saved; ask whoever runs the server to';

const FAILURE_CODES = {
  full: ['MEDIA_DISK_FULL', 507],
  unwritable: ['MEDIA_FOLDER_UNWRITABLE', 507],
  // A bucket that cannot be reached may be back in a moment: 503, and the client may try again.
  unreachable: ['MEDIA_STORAGE_UNREACHABLE', 503],
  refused: ['MEDIA_STORAGE_REFUSED', 507],
} as const;

/**
 * The media storage failed for a reason no retry of the same upload at once will cure: a full disk, a folder
 * the server may not write, a bucket that cannot be reached or that refuses the server's keys. The message
 * names the cause for the person uploading, then what whoever runs the server should do; 507 (Insufficient
 * Storage) or 503 because the server, not the request, is at fault; `errno` (a system error code or S3's
 * error name, never its text) is for the log.
 */
export class MediaStorageFailed extends DomainError {
  constructor(
    readonly reason: keyof typeof FAILURE_CODES,
    /** The cause alone, e.g. "The disk is full, so the image could not be stored." */
    readonly problem: string,
    /** What whoever runs the server should do, finishing "ask whoever runs the server to …". */
    advice: string,
    readonly errno: string,
  ) {
    super(FAILURE_CODES[reason][0], FAILURE_CODES[reason][1], `${problem} ${NOTHING_SAVED} ${advice}`);
  }
}

/** The file system's error as the cause a person can act on, or null for any other failure. */
export function mediaStorageFailure(error: unknown): MediaStorageFailed | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const unwritable = (why: string) =>
    new MediaStorageFailed(
      'unwritable',
      `The media folder cannot be written (${why}).`,
      'check the folder (MEDIA_DIR).',
      code!,
    );
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new MediaStorageFailed(
        'full',
        'The disk is full, so the image could not be stored.',
        'free some space.',
        code,
      );
    case 'EACCES':
    case 'EPERM':
      return unwritable('permission denied');
    case 'EROFS':
      return unwritable('the disk is read-only');
    case 'ENOTDIR':
    case 'EEXIST':
      return unwritable('part of its path is a file, not a folder');
    default:
      return null;
  }
}

/** mkdir -p, with the real cause when it fails: Node's recursive mkdir says ENOENT on a read-only disk. */
async function makeFolder(folder: string): Promise<void> {
  let recursive: unknown;
  try {
    await mkdir(folder, { recursive: true });
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    recursive = error;
  }
  try {
    await mkdir(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    throw code === 'ENOENT' ? recursive : error;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

export class LocalFileStore implements FileStore {
  private readonly root: string;

  constructor(rootDir: string) {
    this.root = resolve(rootDir);
  }

  private pathOf(key: string): string {
    // Our keys are generated, not typed by users; checking anyway keeps a future caller's bug on disk.
    if (!isSafeKey(key))
      throw new Invalid('That is not a valid media file name.', { key: 'is not a safe key' });
    const path = resolve(this.root, key);
    if (!path.startsWith(this.root + sep)) throw new Invalid('That is not a valid media file name.');
    return path;
  }

  /** Writes the file; a full disk or an unwritable folder is MediaStorageFailed, naming the cause. */
  async put(key: string, data: Buffer, _contentType: string): Promise<void> {
    const path = this.pathOf(key);
    // Write aside, flush, then rename: readers and crashes see either no file or the whole file.
    // The '.tmp' suffix never passes the route's extension check, so a leftover is never served.
    const temp = `${path}.${randomUUID()}.tmp`;
    try {
      await makeFolder(dirname(path));
      const handle = await open(temp, 'wx');
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, path);
    } catch (error) {
      await unlink(temp).catch(() => {});
      throw mediaStorageFailure(error) ?? error;
    }
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async stat(key: string): Promise<StoredFileInfo | null> {
    try {
      const info = await stat(this.pathOf(key));
      if (!info.isFile()) return null;
      // Size and write time change whenever the bytes could have; keys are never rewritten anyway.
      return {
        size: info.size,
        etag: `"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`,
      };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async stream(key: string): Promise<Readable | null> {
    try {
      // Opening first turns a missing file into null here rather than an error mid-response.
      const handle = await open(this.pathOf(key), 'r');
      return handle.createReadStream();
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== null;
  }

  /** The folder exists (it is made on first use, as put makes it) and this process may write into it. */
  async check(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await access(this.root, constants.W_OK);
  }

  /** Every stored file; a write's leftover ('.tmp') and anything not named like a key are not files. */
  async *list(): AsyncIterable<ListedFile> {
    let entries: string[];
    try {
      entries = (await readdir(this.root, { recursive: true })) as string[];
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    for (const entry of entries) {
      const key = relative(this.root, join(this.root, entry)).split(sep).join('/');
      if (!isSafeKey(key) || key.endsWith('.tmp')) continue;
      const info = await this.stat(key);
      if (info) yield { key, size: info.size };
    }
  }

  async close(): Promise<void> {}

  /** Removes the file, and its folder once that is empty, so a failed upload leaves no half-made folder. */
  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    try {
      await unlink(path);
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
    const folder = dirname(path);
    // rmdir removes only an empty folder: one still holding another file of the image stays.
    if (folder !== this.root) await rmdir(folder).catch(() => {});
  }
}
