// What both dialects' snapshots share: what a snapshot reports, which tables are Broadsheet's, which may hold
// rows in an installation that has no content yet, and how a non-empty one is named in the refusal.
import type { TableManifest } from './manifest.js';
import type { MediaRow } from './media-files.js';

/** What a snapshot tells the manifest, and the media rows whose files go into the archive with it. */
export interface DatabaseSnapshot {
  migrations: string[];
  tables: Record<string, TableManifest>;
  media: MediaRow[];
}

/** Kysely's own bookkeeping: the migrations are carried in the manifest, and each side keeps its own lock. */
export const isBookkeeping = (table: string) => table.startsWith('kysely_');

/**
 * Tables a running server fills without anyone adding content (its record of cache changes, rate-limit
 * counters): rows there do not make an installation "not empty", and a restore clears them.
 */
export const SCRATCH_TABLES: readonly string[] = [
  'invalidations',
  'rate_limit_counters',
  // A day's salt is worth nothing after a restore: visitors are counted anew with a fresh one.
  'analytics_salts',
  // The search index is made from the articles, and SQLite's FTS5 keeps bookkeeping rows even when empty.
  ...['', '_config', '_content', '_data', '_docsize', '_idx'].map((part) => `article_search${part}`),
];

/** The refusal for a database that already holds content; nothing has been changed when it is thrown. */
export function notEmptyMessage(counts: ReadonlyMap<string, number>): string {
  const list = [...counts]
    .slice(0, 4)
    .map(([table, rows]) => `${table}: ${rows}`)
    .join(', ');
  return `This installation's database already holds content (${list}${counts.size > 4 ? ', …' : ''}); a backup is restored only into an empty one. Nothing was changed.`;
}
