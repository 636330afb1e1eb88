// Where media files live: a small interface (local disk today, S3-compatible storage later) and the
// local-disk store. Keys are paths such as `3f2a…/640.webp`; once written, a key's content never changes.
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { Invalid } from '../http/errors.js';

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
}

// Segments of letters, digits, dot, dash and underscore, none of them '.' or '..', no leading dot.
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** True when the key is a relative path that cannot climb out of the store or name a hidden file. */
export function isSafeKey(key: string): boolean {
  if (key.length === 0 || key.length > 300) return false;
  return key.split('/').every((segment) => SEGMENT.test(segment) && !segment.includes('..'));
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

  async put(key: string, data: Buffer, _contentType: string): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    // Write aside, flush, then rename: readers and crashes see either no file or the whole file.
    // The '.tmp' suffix never passes the route's extension check, so a leftover is never served.
    const temp = `${path}.${randomUUID()}.tmp`;
    try {
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
      throw error;
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

  async delete(key: string): Promise<void> {
    try {
      await unlink(this.pathOf(key));
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }
}
