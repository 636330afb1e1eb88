// Row types of the newsroom's imports from WordPress and Ghost (src/import/admin/).
import type { Generated } from 'kysely';

export type ImportJobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ImportJobsTable {
  id: Generated<number>;
  system: 'wordpress' | 'ghost';
  /** The uploaded export, under IMPORT_DIR. */
  file_path: string;
  file_name: string;
  /** JSON: { dryRun, mediaBaseUrl }. */
  options: string;
  status: ImportJobStatus;
  /** JSON: the run's last ImportProgress. */
  progress: string | null;
  /** JSON: the run's ImportReport. */
  report: string | null;
  error: string | null;
  lease_owner: string | null;
  lease_until: string | null;
  attempts: Generated<number>;
  created_by: number | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}
