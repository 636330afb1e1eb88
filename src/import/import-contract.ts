// The import run's contract with whoever starts it: the command line (`npm run import`) and the newsroom's
// import screen, whose job runs it on the server and runs it again after a restart (items already written
// are found by their source ids and skipped, so running again continues where it stopped).
import type { SourceSystem } from './source-model.js';

export interface ImportOptions {
  system: SourceSystem;
  /** The WXR file or Ghost JSON export. */
  file: string;
  /** WordPress's wp-content/uploads folder, or Ghost's content/images folder. */
  uploadsDir?: string;
  /** Where the old site's files can be fetched when no folder is given (defaults to the site's own address). */
  mediaBaseUrl?: string;
  /** Read and report, write nothing. */
  dryRun: boolean;
  /** The staff member the run acts as (recorded in revisions); null from the command line. */
  staffId?: number | null;
}

export type ImportKind =
  | 'people'
  | 'sections'
  | 'tags'
  | 'media'
  | 'articles'
  | 'pages'
  | 'comments'
  | 'redirects';

export interface ImportCount {
  imported: number;
  updated: number;
  skipped: number;
  failed: number;
}

export interface ImportWarning {
  kind: ImportKind | 'file';
  title: string;
  oldUrl?: string;
  message: string;
}

export interface ImportReport {
  system: SourceSystem;
  sourceSite: string;
  dryRun: boolean;
  counts: Record<ImportKind, ImportCount>;
  warnings: ImportWarning[];
  /** Old address → new address, every one made by this run. */
  redirects: Array<{ from: string; to: string }>;
  /** True when the file held no posts, pages or media at all. */
  empty: boolean;
}

export interface ImportProgress {
  /** 'reading' (first pass: people, terms, media) then 'writing' (posts, pages, comments). */
  phase: 'reading' | 'writing' | 'done';
  /** Items handled so far in this phase, and the whole file's, when known. */
  done: number;
  total?: number;
  counts: Record<ImportKind, ImportCount>;
}

export type ProgressListener = (progress: ImportProgress) => void;
