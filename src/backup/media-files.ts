// The media half of a backup: which files the snapshot's media rows name (the database is the record of
// what exists, whatever the store can list), copied out of the FileStore into the archive's media/ folder,
// and back into a store on restore, checked against the manifest's size and digest on the way in.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type FileStore, isSafeKey } from '../media/file-store.js';
import { BackupError } from './backup-error.js';
import type { MediaFileManifest } from './manifest.js';

/** A media row as the snapshot holds it: the original and its variants (a JSON list of { format, key }). */
export interface MediaRow {
  storage_key: string;
  mime_type: string;
  variants: string;
  fallback_key: string | null;
}

const VARIANT_TYPES: Record<string, string> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
};

/** Every file the rows name, each once, with the type it is served as. */
export function mediaFilesOf(rows: readonly MediaRow[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const row of rows) {
    files.set(row.storage_key, row.mime_type);
    let variants: { format?: string; key?: string }[] = [];
    try {
      variants = JSON.parse(row.variants);
    } catch {
      // A row whose list does not parse still has its original backed up; the report counts no variants.
    }
    for (const v of variants) {
      if (typeof v.key === 'string' && !files.has(v.key)) {
        files.set(v.key, VARIANT_TYPES[v.format ?? ''] ?? 'application/octet-stream');
      }
    }
    if (row.fallback_key && !files.has(row.fallback_key)) {
      const ext = row.fallback_key.split('.').pop() ?? '';
      files.set(row.fallback_key, VARIANT_TYPES[ext] ?? 'application/octet-stream');
    }
  }
  return files;
}

export interface StagedMedia {
  files: MediaFileManifest[];
  /** Keys a row names but the store does not have: reported, not fatal, so a damaged site can still be saved. */
  missing: string[];
}

/** Copies the files into `folder/media/<key>`, one at a time (each read is a whole file in memory). */
export async function stageMedia(
  store: FileStore,
  files: Map<string, string>,
  folder: string,
): Promise<StagedMedia> {
  const staged: MediaFileManifest[] = [];
  const missing: string[] = [];
  for (const [key, contentType] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const data = isSafeKey(key) ? await store.get(key) : null;
    if (!data) {
      missing.push(key);
      continue;
    }
    const path = join(folder, 'media', key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, data);
    staged.push({ key, contentType, bytes: data.length, sha256: sha256(data) });
  }
  return { files: staged, missing };
}

/** Reads every file of the manifest from the unpacked archive, refusing one that is missing or altered. */
export async function checkStagedMedia(folder: string, files: readonly MediaFileManifest[]): Promise<void> {
  for (const file of files) {
    if (!isSafeKey(file.key))
      throw new BackupError(`The manifest names a media file "${file.key}" that is not a valid key.`);
    const data = await readFile(join(folder, 'media', file.key)).catch(() => null);
    if (!data)
      throw new BackupError(
        `The archive lacks the media file ${file.key} its manifest lists; nothing was restored.`,
      );
    if (data.length !== file.bytes || sha256(data) !== file.sha256) {
      throw new BackupError(
        `The media file ${file.key} in the archive differs from its manifest entry; nothing was restored.`,
      );
    }
  }
}

/**
 * Writes the files into the store. Returns the keys it added, so that a restore failing later removes
 * exactly those and never a file that was there before; on a failure here it removes them itself.
 */
export async function restoreMedia(
  store: FileStore,
  folder: string,
  files: readonly MediaFileManifest[],
): Promise<string[]> {
  const added: string[] = [];
  try {
    for (const file of files) {
      const existed = await store.exists(file.key);
      await store.put(file.key, await readFile(join(folder, 'media', file.key)), file.contentType);
      if (!existed) added.push(file.key);
    }
    return added;
  } catch (error) {
    await removeMedia(store, added);
    throw error;
  }
}

export async function removeMedia(store: FileStore, keys: readonly string[]): Promise<void> {
  for (const key of keys) await store.delete(key).catch(() => {});
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
