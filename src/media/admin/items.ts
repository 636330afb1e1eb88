// Adding an image from the newsroom and changing its words and rights later: who may, what is checked
// (every problem at once, so the form shows them together), and who is told.
import type { Kysely } from 'kysely';
import { canEditMedia, canUploadMedia, type StaffMember } from '../../admin/guardian.js';
import { type FieldErrors, Forbidden, Invalid, NotFound } from '../../http/errors.js';
import type { ContentEvents } from '../../storage/content-events.js';
import type { Database } from '../../storage/schema.js';
import type { FileStore } from '../file-store.js';
import {
  discardStoredImage,
  insertStoredImage,
  MAX_UPLOAD_BYTES,
  type MediaDetailsInput,
  parseMediaDetails,
  storeImage,
  updateMediaDetails,
} from '../library.js';
import { type MediaItem, mediaTag } from '../media.js';
import { inspectImage } from '../variants.js';
import { findLibraryRow } from './queries.js';

export interface UploadedFile {
  filename: string;
  data: Buffer;
  /** The file went past MAX_UPLOAD_BYTES; `data` is then empty. */
  tooLarge: boolean;
  /** What the browser said the request weighed, to name the size of a file that was too large. */
  declaredBytes: number | null;
}

/** The words and rights as typed into a form: every value a string, checked by the media library. */
export type DetailsForm = { [K in keyof MediaDetailsInput]-?: string };

export interface UploadInput {
  file: UploadedFile | null;
  details: DetailsForm;
}

// The library validates every value with its schema; the cast only admits that a typed form is not yet one.
const asInput = (details: DetailsForm) => details as MediaDetailsInput;

const MB = 1024 * 1024;

/** "That file is 52 MB; the limit is 40 MB." — the size when known, never a bare "413". */
export function tooLargeMessage(bytes: number | null): string {
  const limit = `${Math.round(MAX_UPLOAD_BYTES / MB)} MB`;
  const size = bytes === null ? 0 : Math.round(bytes / MB);
  if (bytes === null || size <= MAX_UPLOAD_BYTES / MB) return `That file is larger than the ${limit} limit.`;
  return `That file is ${size} MB; the limit is ${limit}.`;
}

async function fileProblem(file: UploadedFile | null): Promise<string | null> {
  if (!file || (file.data.length === 0 && !file.tooLarge)) return 'Choose an image to upload.';
  if (file.tooLarge) return tooLargeMessage(file.declaredBytes);
  try {
    await inspectImage(file.data);
    return null;
  } catch (error) {
    if (error instanceof Invalid) return error.fields.file ?? error.message;
    throw error;
  }
}

/**
 * Adds an image to the library for this staff member. The words and the file are checked together so one
 * round trip names every problem; only then are the variants rendered and stored.
 */
export async function uploadImage(
  deps: { db: Kysely<Database>; store: FileStore },
  staff: StaffMember,
  input: UploadInput,
  now: Date,
): Promise<MediaItem> {
  if (!canUploadMedia(staff)) throw new Forbidden('You may not add images to the library.');
  const fields: FieldErrors = {};
  try {
    parseMediaDetails(asInput(input.details));
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    Object.assign(fields, error.fields);
  }
  const problem = await fileProblem(input.file);
  if (problem) fields.file = problem;
  if (Object.keys(fields).length > 0) {
    throw new Invalid('The image was not added. Please correct the marked fields.', fields);
  }
  const file = input.file!;
  const stored = await storeImage(
    deps.store,
    { ...asInput(input.details), data: file.data, filename: file.filename },
    now,
  );
  stored.row.uploaded_by = staff.id;
  try {
    return await insertStoredImage(deps.db, stored);
  } catch (error) {
    await discardStoredImage(deps.store, stored);
    throw error;
  }
}

/** Changes an image's words and rights, then tells every instance so cached pages show the new credit. */
export async function editMediaDetails(
  deps: { db: Kysely<Database>; events: ContentEvents },
  staff: StaffMember,
  id: number,
  details: DetailsForm,
  now: Date,
): Promise<MediaItem> {
  const row = await findLibraryRow(deps.db, id);
  if (!row) throw new NotFound('We could not find that image in the library.');
  if (!canEditMedia(staff, { uploadedBy: row.uploaded_by })) {
    throw new Forbidden("Only editors, and whoever uploaded it, may change this image's details.");
  }
  const item = await updateMediaDetails(deps.db, id, asInput(details), now);
  await deps.events.changed([mediaTag(id)]);
  return item;
}
