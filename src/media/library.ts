// The media library: an image comes in with its words and rights, is checked and rendered, its files are
// stored, and only then is its row written, so a row never points at files that are not there.
import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import { z } from 'zod';
import { NotFound } from '../http/errors.js';
import { parseOrInvalid } from '../http/validation.js';
import type { Database, MediaTable } from '../storage/schema.js';
import type { FileStore } from './file-store.js';
import type { ImageHeader } from './inspect-image.js';
import { fallbackVariant, type MediaItem, mediaFromRow } from './media.js';
import {
  detailColumns,
  detailFields,
  type MediaDetailsInput,
  parseMediaDetails,
  requireCreditAndTerm,
} from './media-details.js';
import { renderImage, variantOf } from './variants.js';

// Newspaper photographs rarely pass 25 MB; the limit stops a mistaken upload of a video or a scan.
export const MAX_UPLOAD_BYTES = 40 * 1024 * 1024;

const importSchema = z
  .object({
    data: z
      .instanceof(Buffer, { message: 'is required' })
      .refine((b) => b.length > 0, 'is empty')
      .refine((b) => b.length <= MAX_UPLOAD_BYTES, 'is larger than 40 MB'),
    filename: z.string().trim().max(255, 'must be at most 255 characters').optional(),
    ...detailFields,
  })
  .superRefine(requireCreditAndTerm);

export type ImportImageInput = z.input<typeof importSchema>;

export interface ImportOptions {
  /** The folder name of the image's files; random by default, fixed in tests. */
  newId?: () => string;
  /** The file's header when the caller has read it already (an upload checks it before queueing). */
  header?: ImageHeader;
  /** The largest image decoded, in pixels (IMAGE_MAX_MEGAPIXELS); the default limit when not given. */
  maxPixels?: number;
}

/** An image whose files are stored and whose row is ready to insert. */
export interface StoredImage {
  keys: string[];
  row: Insertable<MediaTable>;
}

/** Removes files written for an image that never got its row; a failure here leaves litter, not harm. */
export async function discardStoredImage(store: FileStore, stored: Pick<StoredImage, 'keys'>): Promise<void> {
  await Promise.all(stored.keys.map((key) => store.delete(key).catch(() => {})));
}

/**
 * The slow half of an import: validate, render and write the files. Callers that insert many rows in
 * one transaction (the demo seed) run this first, so no transaction waits on image encoding.
 */
export async function storeImage(
  store: FileStore,
  input: ImportImageInput,
  now: Date,
  options: ImportOptions = {},
): Promise<StoredImage> {
  const valid = parseOrInvalid(importSchema, input, 'The image could not be added to the library.');
  const id = (options.newId ?? randomUUID)();
  const rendered = await renderImage(valid.data, id, options.header, options.maxPixels);
  const files = [rendered.original, ...rendered.variants];
  const keys = files.map((f) => f.key);
  try {
    // One file at a time: each write ends in an fsync on one of libuv's four threads, and sixteen at once
    // would take them all from the readers, whose image files are opened on the same threads.
    for (const f of files) await store.put(f.key, f.data, f.contentType);
  } catch (error) {
    await discardStoredImage(store, { keys });
    throw error;
  }
  const { original } = rendered;
  const variants = rendered.variants.map(variantOf);
  return {
    keys,
    row: {
      storage_key: original.key,
      mime_type: original.contentType,
      width: original.width,
      height: original.height,
      bytes: original.data.length,
      ...detailColumns(valid),
      variants: JSON.stringify(variants),
      fallback_key: fallbackVariant({ variants })?.key ?? null,
      created_at: now.toISOString(),
    },
  };
}

/** The quick half: the row for files already stored. Takes a transaction as readily as the database. */
export async function insertStoredImage(db: Kysely<Database>, stored: StoredImage): Promise<MediaItem> {
  const row = await db.insertInto('media').values(stored.row).returningAll().executeTakeFirstOrThrow();
  return mediaFromRow(row);
}

/** Adds an image to the library: checks it by its content, stores its files, then writes its row. */
export async function importImage(
  db: Kysely<Database>,
  store: FileStore,
  input: ImportImageInput,
  now: Date,
  options: ImportOptions = {},
): Promise<MediaItem> {
  const stored = await storeImage(store, input, now, options);
  try {
    return await insertStoredImage(db, stored);
  } catch (error) {
    await discardStoredImage(store, stored);
    throw error;
  }
}

export async function getMedia(db: Kysely<Database>, id: number): Promise<MediaItem> {
  const row = await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('We could not find that image in the library.');
  return mediaFromRow(row);
}

/**
 * Changes an image's words and rights (never its files), checked by the same rules as an upload. Callers
 * announce the change so that cached pages showing the credit are rebuilt.
 */
export async function updateMediaDetails(
  db: Kysely<Database>,
  id: number,
  input: MediaDetailsInput,
  now: Date,
): Promise<MediaItem> {
  const valid = parseMediaDetails(input, 'The image details could not be saved.');
  const row = await db
    .updateTable('media')
    .set({ ...detailColumns(valid), updated_at: now.toISOString() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new NotFound('We could not find that image in the library.');
  return mediaFromRow(row);
}
