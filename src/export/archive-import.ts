// Loading a Broadsheet export into an empty Broadsheet (`npm run import -- broadsheet ./site-export.tar.gz`):
// the whole archive is checked first (check-export.ts), then the images are stored and their variants
// rendered again by the media domain, then every row is written in one transaction; a failure anywhere
// rolls the rows back and removes the files this run stored, so nothing is half-imported.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { ArchiveImport } from '../import/import-command.js';
import type { ImportCount, ImportKind } from '../import/import-contract.js';
import type { ArchiveReport } from '../import/report.js';
import type { FileStore } from '../media/file-store.js';
import { discardStoredImage, type StoredImage, storeImage } from '../media/library.js';
import { moveIdCountersPastRows } from '../storage/id-counters.js';
import type { Database } from '../storage/schema.js';
import { checkExport } from './check-export.js';
import { ExportError } from './export-error.js';
import type { ExportCounts } from './format.js';
import {
  insertArticles,
  insertComments,
  insertImportItems,
  insertMedia,
  insertPages,
  insertPeopleAndTerms,
  insertRedirectsAndFronts,
} from './import-rows.js';
import { openExport, readLines } from './open-export.js';
import { settingsRows } from './settings-export.js';

export interface ArchiveImportDeps {
  db: Kysely<Database>;
  store: FileStore;
  /** The installation's secret: commenters' email keys are made again with it. */
  secret: string;
  clock?: () => Date;
}

export type ArchiveImportReport = ArchiveReport;

/** Tables whose rows an import refuses to write over; staff accounts and settings may already exist. */
const CONTENT_TABLES = [
  'articles',
  'pages',
  'media',
  'authors',
  'sections',
  'tags',
  'comments',
  'slug_redirects',
  'legacy_redirects',
  'curated_fronts',
  'import_items',
] as const;

const SERIAL_TABLES = [
  'media',
  'authors',
  'sections',
  'tags',
  'articles',
  'article_revisions',
  'corrections',
  'pages',
  'page_revisions',
  'comments',
];

async function refuseNonEmpty(db: Kysely<Database>): Promise<void> {
  const found: string[] = [];
  for (const table of CONTENT_TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(row.n) > 0) found.push(`${Number(row.n)} ${table.replaceAll('_', ' ')}`);
  }
  if (found.length > 0)
    throw new ExportError(
      `This Broadsheet is not empty (it has ${found.join(', ')}); an archive is imported only into an empty one, so nothing was imported.`,
    );
}

function reportOf(
  counts: ExportCounts,
  dryRun: boolean,
  site: string,
  settings: string[],
): ArchiveImportReport {
  const count = (n: number, skipped = 0): ImportCount => ({ imported: n, updated: 0, skipped, failed: 0 });
  const kinds: Record<ImportKind, ImportCount> = {
    people: count(counts.people),
    sections: count(counts.sections),
    tags: count(counts.tags),
    media: count(counts.media),
    articles: count(counts.articles),
    pages: count(counts.pages),
    comments: count(counts.comments),
    redirects: count(counts.redirects),
  };
  return {
    system: 'broadsheet',
    sourceSite: site,
    dryRun,
    counts: kinds,
    warnings: [],
    redirects: [],
    empty: counts.articles + counts.pages + counts.media === 0,
    fronts: counts.fronts,
    settings,
  };
}

/** Stores each image's files; on a failure, removes those already stored and rethrows. */
async function storeImages(deps: ArchiveImportDeps, folder: string): Promise<Map<number, StoredImage>> {
  const stored = new Map<number, StoredImage>();
  const now = deps.clock?.() ?? new Date();
  try {
    for await (const { value: m } of readLines(folder, 'media.jsonl')) {
      const data = await readFile(join(folder, m.file));
      const image = await storeImage(
        deps.store,
        {
          data,
          filename: m.fileName,
          altText: m.altText,
          caption: m.caption,
          creditPerson: m.creditPerson,
          creditOrganization: m.creditOrganization,
          rights: m.rights,
          licenseUrl: m.licenseUrl,
          licenseExpiresAt: m.licenseExpiresAt,
          copyrightNotice: m.copyrightNotice,
        },
        now,
      );
      stored.set(m.id, image);
      // The original the newsroom uploaded is kept byte for byte: rendering re-encodes it, and the key is
      // ours alone until the row is committed, so no reader has seen the re-encoded one.
      await deps.store.put(image.row.storage_key, data, m.mimeType);
    }
    return stored;
  } catch (error) {
    await discardAll(deps.store, stored);
    throw error;
  }
}

async function discardAll(store: FileStore, stored: Map<number, StoredImage>): Promise<void> {
  for (const image of stored.values()) await discardStoredImage(store, image);
}

export async function importArchive(
  deps: ArchiveImportDeps,
  file: string,
  options: { dryRun: boolean },
): Promise<ArchiveImportReport> {
  const opened = await openExport(file);
  try {
    await refuseNonEmpty(deps.db);
    const counts = await checkExport(opened);
    const rows = settingsRows(opened.settings);
    const report = reportOf(
      counts,
      options.dryRun,
      opened.manifest.site.address,
      rows.map((r) => r.key),
    );
    report.warnings = opened.settings.leftOut.map((name) => ({
      kind: 'file' as const,
      title: 'settings.json',
      message: `The export left out ${name} (a secret or a section it does not carry); set it again here.`,
    }));
    const lost = new Set(opened.manifest.missingMedia.map((m) => m.id));
    for (const m of opened.manifest.missingMedia)
      report.warnings.push({
        kind: 'media',
        title: m.key,
        message: `Image #${m.id}'s file was missing from the old site's store, so it is not imported and the articles, pages and profiles that showed it no longer do.`,
      });
    if (options.dryRun) return report;

    const stored = await storeImages(deps, opened.folder);
    const now = (deps.clock?.() ?? new Date()).toISOString();
    try {
      await deps.db.transaction().execute(async (trx) => {
        // Checked again inside the transaction: another import may have begun since.
        await refuseNonEmpty(trx);
        await insertMedia(trx, opened.folder, stored);
        await insertPeopleAndTerms(trx, opened.folder, lost);
        await insertArticles(trx, opened.folder, lost);
        await insertPages(trx, opened.folder, lost);
        await insertComments(trx, opened.folder, deps.secret);
        await insertRedirectsAndFronts(trx, opened.folder, lost);
        await insertImportItems(trx, opened.folder, lost);
        for (const row of rows)
          await trx
            .insertInto('site_settings')
            .values({ ...row, updated_at: now })
            .onConflict((oc) => oc.column('key').doUpdateSet({ value: row.value, updated_at: now }))
            .execute();
        await moveIdCountersPastRows(trx, SERIAL_TABLES);
      });
    } catch (error) {
      await discardAll(deps.store, stored);
      if (error instanceof ExportError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new ExportError(`The import failed while writing (${message}); nothing was imported.`);
    }
    return report;
  } finally {
    await opened.dispose();
  }
}

/** What `npm run import -- broadsheet` is handed (scripts/import.ts): this import and its own refusals. */
export const archiveImport: ArchiveImport = {
  run: importArchive,
  refused: (error) => error instanceof ExportError,
};
