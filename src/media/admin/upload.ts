// Adding an image from the newsroom: who may, what is checked (every problem at once, so the form shows them
// together), and the slow part, rendering and storing the files, in the process's image queue.
import type { Kysely } from 'kysely';
import { canUploadMedia, type StaffMember } from '../../admin/guardian.js';
import { type FieldErrors, Forbidden, Invalid } from '../../http/errors.js';
import type { Database } from '../../storage/schema.js';
import type { FileStore } from '../file-store.js';
import type { ImageQueue } from '../image-queue.js';
import { type ImageHeader, inspectImage } from '../inspect-image.js';
import { discardStoredImage, insertStoredImage, MAX_UPLOAD_BYTES, storeImage } from '../library.js';
import type { MediaItem } from '../media.js';
import { parseMediaDetails } from '../media-details.js';
import { asDetailsInput, type DetailValues } from './detail-values.js';

export interface UploadedFile {
  filename: string;
  data: Buffer;
  /** The file went past MAX_UPLOAD_BYTES; `data` is then empty. */
  tooLarge: boolean;
  /** What the browser said the request weighed, to name the size of a file that was too large. */
  declaredBytes: number | null;
}

export interface UploadInput {
  file: UploadedFile | null;
  details: DetailValues;
}

export interface UploadDeps {
  db: Kysely<Database>;
  store: FileStore;
  images: ImageQueue;
}

const MB = 1024 * 1024;

/** "That file is 52 MB; the limit is 40 MB." — the size when known, never a bare "413". */
export function tooLargeMessage(bytes: number | null): string {
  const limit = `${Math.round(MAX_UPLOAD_BYTES / MB)} MB`;
  const size = bytes === null ? 0 : Math.round(bytes / MB);
  if (bytes === null || size <= MAX_UPLOAD_BYTES / MB) return `That file is larger than the ${limit} limit.`;
  return `That file is ${size} MB; the limit is ${limit}.`;
}

/** The file's header, or what is wrong with the file; only the header is read, no pixel is decoded. */
async function checkFile(file: UploadedFile | null, maxPixels: number): Promise<ImageHeader | string> {
  if (!file || (file.data.length === 0 && !file.tooLarge)) return 'Choose an image to upload.';
  if (file.tooLarge) return tooLargeMessage(file.declaredBytes);
  try {
    return await inspectImage(file.data, maxPixels);
  } catch (error) {
    if (error instanceof Invalid) return error.fields.file ?? error.message;
    throw error;
  }
}

/**
 * Adds an image to the library for this staff member. The words and the file are checked together so one
 * round trip names every problem; only then does the image wait for its turn to be rendered and stored
 * (ImageQueueFull when the line is full).
 */
export async function uploadImage(
  deps: UploadDeps,
  staff: StaffMember,
  input: UploadInput,
  now: Date,
): Promise<MediaItem> {
  if (!canUploadMedia(staff)) throw new Forbidden('You may not add images to the library.');
  const fields: FieldErrors = {};
  try {
    parseMediaDetails(asDetailsInput(input.details));
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    Object.assign(fields, error.fields);
  }
  const header = await checkFile(input.file, deps.images.maxPixels);
  if (typeof header === 'string') fields.file = header;
  if (typeof header === 'string' || Object.keys(fields).length > 0) {
    throw new Invalid('The image was not added. Please correct the marked fields.', fields);
  }
  const file = input.file!;
  const stored = await deps.images.run(() =>
    storeImage(
      deps.store,
      { ...asDetailsInput(input.details), data: file.data, filename: file.filename },
      now,
      { header, maxPixels: deps.images.maxPixels },
    ),
  );
  stored.row.uploaded_by = staff.id;
  try {
    return await insertStoredImage(deps.db, stored);
  } catch (error) {
    await discardStoredImage(deps.store, stored);
    throw error;
  }
}
