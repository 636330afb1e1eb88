// How the import form's multipart body is read: its fields as plain values (the CSRF check reads `_csrf`
// from them), and the export streamed to a file under IMPORT_DIR as it arrives, so a file of hundreds of MB
// never sits in memory. A file past the limit is cut off, deleted and marked; a file that no job took (a
// refused form, a wrong type, a failed CSRF check) is deleted once the answer is sent.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';

import type { UploadedExportFile as UploadedExport } from '../jobs/import-jobs.js';

const unclaimed = new WeakMap<FastifyRequest, string>();

/** The export of a body read by readExportUploads, or null when none was chosen. */
export function uploadedExport(body: unknown): UploadedExport | null {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>).file : undefined;
  return value && typeof value === 'object' && typeof (value as UploadedExport).path === 'string'
    ? (value as UploadedExport)
    : null;
}

/** The job has the file now: it is no longer deleted with the answer. */
export function keepUpload(request: FastifyRequest): void {
  unclaimed.delete(request);
}

export async function readExportUploads(
  app: FastifyInstance,
  options: { dir: string; maxBytes: number },
): Promise<void> {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: options.maxBytes, files: 1, fields: 10, fieldSize: 4000, parts: 12 },
    async onFile(this: FastifyRequest, part: MultipartFile) {
      await mkdir(options.dir, { recursive: true });
      const path = join(options.dir, `${randomUUID()}.export`);
      unclaimed.set(this, path);
      let bytes = 0;
      part.file.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      await pipeline(part.file, createWriteStream(path, { mode: 0o600 }));
      const tooLarge = part.file.truncated;
      if (tooLarge || bytes === 0) await rm(path, { force: true });
      part.value = { path, fileName: part.filename, bytes, tooLarge } satisfies UploadedExport;
    },
  });
  app.addHook('onResponse', async (request) => {
    const path = unclaimed.get(request);
    if (path) await rm(path, { force: true });
  });
}
