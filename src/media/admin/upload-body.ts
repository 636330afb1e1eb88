// How the upload form's multipart body is read: fields as plain values (the CSRF check reads `_csrf` from
// them), and the one file whole, up to the limit; a larger file is marked rather than thrown, so the form
// can come back with the words typed and the file's real size.
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MAX_UPLOAD_BYTES } from '../library.js';
import type { UploadedFile } from './upload.js';

/** What the browser says the request weighs, if it says. */
export function declaredBytes(request: FastifyRequest): number | null {
  const length = Number(request.headers['content-length']);
  return Number.isFinite(length) && length > 0 ? length : null;
}

/** The file of a multipart body read by readUploads, or null when none was sent. */
export function uploadedFile(body: unknown): UploadedFile | null {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>).file : undefined;
  return value && typeof value === 'object' && Buffer.isBuffer((value as UploadedFile).data)
    ? (value as UploadedFile)
    : null;
}

// The parser's own words (busboy's, and Dicer's inside it) for a body that ends before its closing boundary,
// inside a part, or inside a part's header.
const BUSBOY_CUT_OFF =
  /^(Unexpected end of (form|file|multipart data)|(Part|Preamble) terminated early|Malformed part header)/;

/**
 * Whether reading the body failed because it ended early: the connection closed mid-body (multipart's
 * premature-close error, or the socket's "aborted"), or the form itself stops before its end.
 */
export function isCutOffUpload(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'FST_MP_PREMATURE_CLOSE' || code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE')
    return true;
  return BUSBOY_CUT_OFF.test(error.message);
}

/** Registers multipart parsing for the routes of this plugin only. */
export async function readUploads(app: FastifyInstance): Promise<void> {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 30, fieldSize: 20_000, parts: 32 },
    async onFile(this: FastifyRequest, part: MultipartFile) {
      const data = await part.toBuffer();
      const tooLarge = part.file.truncated;
      part.value = {
        filename: part.filename,
        data: tooLarge ? Buffer.alloc(0) : data,
        tooLarge,
        declaredBytes: declaredBytes(this),
      } satisfies UploadedFile;
    },
  });
}
