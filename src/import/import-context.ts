// What every step of one run shares: its dependencies and options, the source site's ledger, the report,
// and the maps from the source's ids and addresses to what now stands for them here.
import type { Kysely } from 'kysely';
import type { ReservedPaths } from '../http/reserved-paths.js';
import type { FileStore } from '../media/file-store.js';
import type { ContentEvents } from '../storage/content-events.js';
import type { Database } from '../storage/schema.js';
import type { BodyConversion } from './body-conversion.js';
import type { ImportOptions } from './import-contract.js';
import type { KeptIds } from './kept-ids.js';
import type { Ledger } from './ledger.js';
import type { FetchFile } from './media-fetch.js';
import type { ReportBuilder } from './report.js';
import type { SourceReader, SourceSystem } from './source-model.js';

export interface ImportLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface ImportDeps {
  db: Kysely<Database>;
  /** Where imported images' files go, as the media library stores every upload. */
  files: FileStore;
  /** Told once after a run, so every instance drops what it had cached. */
  events: ContentEvents;
  /** The app secret: commenters' emails and networks are kept as keyed hashes made with it. */
  secret: string;
  /** The readers of each system's export; tests hand in their own. */
  readers: Partial<Record<SourceSystem, SourceReader>>;
  /** Fetches an image the uploads folder does not hold. */
  fetchFile: FetchFile;
  bodies: BodyConversion;
  clock: () => Date;
  log?: ImportLogger;
  /** Posts written per transaction (write-posts.ts's BATCH when not given). */
  batchSize?: number;
  /** IMAGE_MAX_MEGAPIXELS as pixels; the media library's default when not given. */
  maxImagePixels?: number;
  /** The addresses the app answers itself (http/reserved-paths.ts): a page's slug never takes one. */
  reservedPaths?: ReservedPaths;
  /** Called between batches of records read and written: where the command line keeps its heap small. */
  betweenBatches?: () => void;
}

/** A person's, section's or tag's local row: its id, and its slug (for the old site's archive addresses). */
export interface LocalRef {
  id: number;
  slug: string;
}

export interface PlannedPost {
  type: 'article' | 'page';
  sourceId: string;
  /** The slug it has (or will have) here. */
  slug: string;
}

export interface ImportContext {
  deps: ImportDeps;
  db: Kysely<Database>;
  options: ImportOptions;
  ledger: Ledger;
  report: ReportBuilder;
  /** The source site's address, without a trailing slash. */
  site: string;
  siteHost: string;
  /** The run's start, for rows that need a time of writing. */
  now: string;
  write: boolean;
  /** Person source ids and aliases → the author. */
  people: Map<string, LocalRef>;
  /** Category slug → section. */
  sections: Map<string, LocalRef>;
  /** Tag slug → tag, with its name as the library spells it. */
  tags: Map<string, LocalRef & { name: string }>;
  /** Attachment source id → media id. */
  mediaById: Map<string, number>;
  /** Old file address (no query, no size suffix) → media id and its new address. */
  mediaByUrl: Map<string, { id: number; url: string }>;
  /** Old permalink path → the post or page that had it. */
  postsByPath: Map<string, PlannedPost>;
  /** `article:<source id>` / `page:<source id>` → the slug here, when not the one it asked for (plan-posts.ts). */
  plannedSlugs: Map<string, string>;
  /** Which WordPress ids new rows may keep as their own here (kept-ids.ts). */
  keptIds: KeptIds;
  /** Negative ids handed out in a dry run, where nothing gets a real one. */
  nextDryId: () => number;
}
