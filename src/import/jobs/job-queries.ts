// The import jobs' SQL. A claim is one conditional UPDATE per row: the row is taken only if it is still
// queued, or running under a lease that ran out (its server stopped), so however many instances poll, one
// runs it. Every later write names the lease owner: an instance that lost its lease writes nothing more.
import type { Kysely, Selectable } from 'kysely';
import type { Database, ImportJobStatus, ImportJobsTable } from '../../storage/schema.js';
import type { ImportProgress, ImportReport } from '../import-contract.js';
import type { SourceSystem } from '../source-model.js';

type Db = Kysely<Database>;

export interface ImportJobOptions {
  dryRun: boolean;
  /** Fetch images the export names from the old site (from mediaBaseUrl, else the site's own address). */
  fetchMedia: boolean;
  mediaBaseUrl?: string;
}

export interface ImportJob {
  id: number;
  system: SourceSystem;
  filePath: string;
  fileName: string;
  options: ImportJobOptions;
  status: ImportJobStatus;
  progress: ImportProgress | null;
  report: ImportReport | null;
  error: string | null;
  attempts: number;
  createdBy: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

type Row = Selectable<ImportJobsTable>;

function parsed<T>(json: string | null): T | null {
  return json === null ? null : (JSON.parse(json) as T);
}

function job(row: Row): ImportJob {
  return {
    id: Number(row.id),
    system: row.system,
    filePath: row.file_path,
    fileName: row.file_name,
    options: JSON.parse(row.options) as ImportJobOptions,
    status: row.status,
    progress: parsed<ImportProgress>(row.progress),
    report: parsed<ImportReport>(row.report),
    error: row.error,
    attempts: Number(row.attempts),
    createdBy: row.created_by,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export async function insertImportJob(
  db: Db,
  values: {
    system: SourceSystem;
    filePath: string;
    fileName: string;
    options: ImportJobOptions;
    createdBy: number;
    now: Date;
  },
): Promise<number> {
  const row = await db
    .insertInto('import_jobs')
    .values({
      system: values.system,
      file_path: values.filePath,
      file_name: values.fileName,
      options: JSON.stringify(values.options),
      status: 'queued',
      created_by: values.createdBy,
      created_at: values.now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function selectImportJob(db: Db, id: number): Promise<ImportJob | undefined> {
  const row = await db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? job(row) : undefined;
}

export async function selectImportJobs(db: Db, limit: number): Promise<ImportJob[]> {
  const rows = await db.selectFrom('import_jobs').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => job(r));
}

/** The oldest job waiting, or running under an expired lease, now leased to `owner`; undefined when none. */
export async function claimImportJob(
  db: Db,
  options: { owner: string; now: Date; leaseUntil: Date },
): Promise<ImportJob | undefined> {
  const now = options.now.toISOString();
  const candidates = await db
    .selectFrom('import_jobs')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('status', '=', 'queued'),
        eb.and([eb('status', '=', 'running'), eb('lease_until', '<', now)]),
      ]),
    )
    .orderBy('id')
    .limit(5)
    .execute();
  for (const { id } of candidates) {
    const taken = await db
      .updateTable('import_jobs')
      .set((eb) => ({
        status: 'running',
        lease_owner: options.owner,
        lease_until: options.leaseUntil.toISOString(),
        attempts: eb('attempts', '+', 1),
        started_at: eb.fn.coalesce('started_at', eb.val(now)),
      }))
      .where('id', '=', id)
      .where((eb) =>
        eb.or([
          eb('status', '=', 'queued'),
          eb.and([eb('status', '=', 'running'), eb('lease_until', '<', now)]),
        ]),
      )
      .returningAll()
      .executeTakeFirst();
    if (taken) return job(taken);
  }
  return undefined;
}

/** Writes the run's progress and keeps the lease; false when another instance holds it now. */
export async function recordProgress(
  db: Db,
  id: number,
  owner: string,
  progress: ImportProgress | null,
  leaseUntil: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('import_jobs')
    .set({
      lease_until: leaseUntil.toISOString(),
      ...(progress ? { progress: JSON.stringify(progress) } : {}),
    })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function finishImportJob(
  db: Db,
  id: number,
  owner: string,
  outcome: {
    status: Extract<ImportJobStatus, 'done' | 'failed'>;
    report?: ImportReport;
    error?: string;
    now: Date;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('import_jobs')
    .set({
      status: outcome.status,
      report: outcome.report ? JSON.stringify(outcome.report) : null,
      error: outcome.error ?? null,
      lease_owner: null,
      lease_until: null,
      finished_at: outcome.now.toISOString(),
    })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
