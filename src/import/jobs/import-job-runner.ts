// Runs the newsroom's uploaded imports on the server, one at a time per machine (server/background-jobs.ts
// asks for the next one every few seconds, and again at once after one ran): claims the oldest waiting job,
// or one whose server stopped mid-run (its lease ran out), and runs the import with a listener that writes
// its progress to the row at most once a second. The lease is renewed while it runs; a job claimed again
// simply runs again, since the import skips what it already wrote.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.js';
import type { ImportOptions, ImportProgress, ImportReport, ProgressListener } from '../import-contract.js';
import { SourceFileError } from '../source-model.js';
import { claimImportJob, finishImportJob, type ImportJob, recordProgress } from './job-queries.js';

/** The import run, as the job calls it (server-import.ts binds runImport's dependencies). */
export type RunImport = (
  options: ImportOptions,
  onProgress: ProgressListener,
  job: { fetchMedia: boolean },
) => Promise<ImportReport>;

/** A job that has stopped its server this many times is not tried again. */
export const MAX_ATTEMPTS = 5;

export interface ImportJobDeps {
  db: Kysely<Database>;
  run: RunImport;
  clock: () => Date;
  /** Names this instance in the lease. */
  owner?: string;
  leaseMs?: number;
  progressEveryMs?: number;
  log: { error(details: object, message: string): void };
}

function importOptions(job: ImportJob): ImportOptions {
  return {
    system: job.system,
    file: job.filePath,
    dryRun: job.options.dryRun,
    mediaBaseUrl: job.options.fetchMedia ? job.options.mediaBaseUrl : undefined,
    staffId: job.createdBy,
  };
}

/** What the newsroom is told of a failed run. */
export function failureMessage(error: unknown): string {
  if (error instanceof SourceFileError) return `${error.message}. Nothing was written.`;
  const message = error instanceof Error ? error.message : String(error);
  return `The import stopped: ${message}. What it wrote before stays; starting the same file again continues from there.`;
}

/**
 * Claims and runs one job; false when there was none. `stopping` tells it the process is going down: a run
 * that fails then is left to its lease (the next start runs it again) rather than marked failed.
 */
export async function runNextImportJob(
  deps: ImportJobDeps,
  stopping: () => boolean = () => false,
): Promise<boolean> {
  const owner = deps.owner ?? `${hostname()}:${process.pid}`;
  const leaseMs = deps.leaseMs ?? 60_000;
  const everyMs = deps.progressEveryMs ?? 1000;
  const leaseUntil = () => new Date(deps.clock().getTime() + leaseMs);
  const job = await claimImportJob(deps.db, { owner, now: deps.clock(), leaseUntil: leaseUntil() });
  if (!job) return false;
  const finish = async (outcome: { report?: ImportReport; error?: string }) => {
    const status = outcome.report ? 'done' : 'failed';
    await finishImportJob(deps.db, job.id, owner, { status, ...outcome, now: deps.clock() });
    // The export holds the old site's people and their addresses: it is not kept once read.
    await rm(job.filePath, { force: true });
  };
  if (job.attempts > MAX_ATTEMPTS) {
    await finish({
      error: `The import was started ${MAX_ATTEMPTS} times and the server stopped each time; it is not tried again.`,
    });
    return true;
  }
  if (!existsSync(job.filePath)) {
    await finish({
      error:
        'The uploaded file is no longer on this server (with several servers, IMPORT_DIR must be a folder they share). Upload it again.',
    });
    return true;
  }

  let writes: Promise<unknown> = Promise.resolve();
  let writtenAt = 0;
  let latest: ImportProgress | null = null;
  const write = () => {
    const progress = latest;
    latest = null;
    writtenAt = Date.now();
    writes = writes
      .then(() => recordProgress(deps.db, job.id, owner, progress, leaseUntil()))
      .catch((error) => deps.log.error({ err: error, job: job.id }, 'writing import progress failed'));
  };
  const onProgress: ProgressListener = (progress) => {
    latest = progress;
    if (Date.now() - writtenAt >= everyMs) write();
  };
  // A long step without progress still keeps the lease.
  const heartbeat = setInterval(write, Math.max(1000, Math.floor(leaseMs / 4)));
  heartbeat.unref();
  try {
    const report = await deps.run(importOptions(job), onProgress, { fetchMedia: job.options.fetchMedia });
    clearInterval(heartbeat);
    if (latest) write();
    await writes;
    await finish({ report });
  } catch (error) {
    clearInterval(heartbeat);
    await writes;
    if (stopping()) return true;
    if (!(error instanceof SourceFileError)) deps.log.error({ err: error, job: job.id }, 'an import failed');
    await finish({ error: failureMessage(error) });
  }
  return true;
}
