// What the newsroom's import screen asks of the import domain: start a job from an uploaded export (its
// system told by its content), and read jobs back for the list, the job's page and its progress.
import type { Kysely } from 'kysely';
import { Invalid, NotFound } from '../../http/errors.js';
import type { Database } from '../../storage/schema.js';
import { detectSystem } from './detect-format.js';
import {
  type ImportJob,
  type ImportJobOptions,
  insertImportJob,
  selectImportJob,
  selectImportJobs,
} from './job-queries.js';

export type { ImportJob, ImportJobOptions } from './job-queries.js';

export interface UploadedExportFile {
  path: string;
  fileName: string;
  bytes: number;
  tooLarge: boolean;
}

export function tooLargeMessage(maxBytes: number): string {
  return `The file is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB the import takes. Ask whoever runs the server to raise IMPORT_MAX_MB, or run the import from the command line (npm run import).`;
}

export async function startImportJob(
  db: Kysely<Database>,
  upload: {
    file: UploadedExportFile | null;
    options: ImportJobOptions;
    staffId: number;
    maxBytes: number;
    now: Date;
  },
): Promise<number> {
  const { file } = upload;
  if (file?.tooLarge) {
    const message = tooLargeMessage(upload.maxBytes);
    throw new Invalid(message, { file: message });
  }
  if (!file || file.bytes === 0) {
    const message = file ? 'The file is empty.' : 'Choose the export file to import.';
    throw new Invalid(message, { file: message });
  }
  const system = await detectSystem(file.path);
  return insertImportJob(db, {
    system,
    filePath: file.path,
    fileName: file.fileName.slice(0, 200),
    options: upload.options,
    createdBy: upload.staffId,
    now: upload.now,
  });
}

export async function importJob(db: Kysely<Database>, id: number): Promise<ImportJob> {
  const job = await selectImportJob(db, id);
  if (!job) throw new NotFound('There is no such import.');
  return job;
}

export function recentImportJobs(db: Kysely<Database>): Promise<ImportJob[]> {
  return selectImportJobs(db, 50);
}
