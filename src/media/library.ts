// The media library: an image comes in with its words and rights, is checked and rendered, its files are
// stored, and only then is its row written, so a row never points at files that are not there.
import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import { z } from 'zod';
import { Invalid, NotFound } from '../http/errors.js';
import type { Database, MediaTable } from '../storage/schema.js';
import type { FileStore } from './file-store.js';
import { type MediaItem, mediaFromRow } from './media.js';
import { renderImage, variantOf } from './variants.js';

// Newspaper photographs rarely pass 25 MB; the limit stops a mistaken upload of a video or a scan.
export const MAX_UPLOAD_BYTES = 40 * 1024 * 1024;

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const httpUrl = z
  .string()
  .trim()
  .url('must be a web address')
  .refine((u) => /^https?:\/\//i.test(u), 'must be a web address');

// The words and rights of an image, the same on upload and on every later edit.
const detailFields = {
  // Readers who cannot see the image hear this; a newsroom image is never decorative.
  altText: text(1000).min(1, 'is required: describe the image for readers who cannot see it'),
  caption: text(2000).default(''),
  creditPerson: text(200).default(''),
  creditOrganization: text(200).default(''),
  rights: z.enum(['own', 'licensed', 'agency', 'public_domain'], {
    message: 'must be one of the usage rights',
  }),
  licenseUrl: z.union([z.literal(''), httpUrl]).nullish(),
  licenseExpiresAt: z
    .union([z.literal(''), z.iso.datetime({ offset: true }), z.iso.date()], {
      message: 'must be a date such as 2025-12-31',
    })
    .nullish(),
  copyrightNotice: text(500).nullish(),
};

// Someone else's picture is always credited to someone; only our own or public-domain ones may not be. A
// licence is granted until a date: without it the library cannot warn before it ends, nor refuse to publish
// the image after. The licence's address stays optional, as many agreements are on paper.
function requireCreditAndTerm(
  input: {
    creditPerson: string;
    creditOrganization: string;
    rights: string;
    licenseExpiresAt?: string | null | undefined;
  },
  ctx: z.RefinementCtx,
): void {
  const credited = input.creditPerson !== '' || input.creditOrganization !== '';
  if (!credited && (input.rights === 'licensed' || input.rights === 'agency')) {
    ctx.addIssue({
      code: 'custom',
      path: ['creditPerson'],
      message: 'is required for licensed and agency images',
    });
  }
  if (input.rights === 'licensed' && !input.licenseExpiresAt) {
    ctx.addIssue({
      code: 'custom',
      path: ['licenseExpiresAt'],
      // A whole sentence: beside a field labelled "Licence ends on", "is required" would not read.
      message: 'Licensed images need the date their licence ends.',
    });
  }
}

const importSchema = z
  .object({
    data: z
      .instanceof(Buffer, { message: 'is required' })
      .refine((b) => b.length > 0, 'is empty')
      .refine((b) => b.length <= MAX_UPLOAD_BYTES, 'is larger than 40 MB'),
    filename: text(255).optional(),
    ...detailFields,
  })
  .superRefine(requireCreditAndTerm);

const detailsSchema = z.object(detailFields).superRefine(requireCreditAndTerm);

export type ImportImageInput = z.input<typeof importSchema>;

export interface ImportOptions {
  /** The folder name of the image's files; random by default, fixed in tests. */
  newId?: () => string;
}

/** An image whose files are stored and whose row is ready to insert. */
export interface StoredImage {
  keys: string[];
  row: Insertable<MediaTable>;
}

export type MediaDetailsInput = z.input<typeof detailsSchema>;

function invalid(message: string, error: z.ZodError): Invalid {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[issue.path.join('.') || 'file'] ??= issue.message;
  return new Invalid(message, fields);
}

function parseInput(input: ImportImageInput) {
  const parsed = importSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw invalid('The image could not be added to the library.', parsed.error);
}

/** Checks an image's words and rights alone, so a form can report them together with the file's problem. */
export function parseMediaDetails(
  input: MediaDetailsInput,
  message = 'The image could not be added to the library.',
) {
  const parsed = detailsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw invalid(message, parsed.error);
}

/** The media columns for an image's words and rights, as stored on upload and on every later edit. */
function detailColumns(valid: z.output<typeof detailsSchema>) {
  return {
    alt_text: valid.altText,
    caption: valid.caption,
    credit_person: valid.creditPerson,
    credit_organization: valid.creditOrganization,
    rights: valid.rights,
    license_url: valid.licenseUrl || null,
    license_expires_at: valid.licenseExpiresAt ? new Date(valid.licenseExpiresAt).toISOString() : null,
    copyright_notice: valid.copyrightNotice || null,
  };
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
  const valid = parseInput(input);
  const id = (options.newId ?? randomUUID)();
  const rendered = await renderImage(valid.data, id);
  const files = [rendered.original, ...rendered.variants];
  const keys = files.map((f) => f.key);
  const writes = await Promise.allSettled(files.map((f) => store.put(f.key, f.data, f.contentType)));
  const failed = writes.find((w) => w.status === 'rejected');
  if (failed) {
    await discardStoredImage(store, { keys });
    throw failed.reason;
  }
  const { original } = rendered;
  return {
    keys,
    row: {
      storage_key: original.key,
      mime_type: original.contentType,
      width: original.width,
      height: original.height,
      bytes: original.data.length,
      ...detailColumns(valid),
      variants: JSON.stringify(rendered.variants.map(variantOf)),
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
