// What the library and the picker show: a page of images matching the search and filters, each with the
// articles that use it and the state of its licence, and the images whose licence needs attention now.
import type { Kysely } from 'kysely';
import { canViewArticle, type StaffMember } from '../../admin/guardian.js';
import { NotFound } from '../../http/errors.js';
import { readSiteSettings } from '../../site/settings.js';
import type { Database } from '../../storage/schema.js';
import { type MediaItem, mediaFromRow } from '../media.js';
import type { LibraryQuery } from './library-query.js';
import { findLibraryPage, findLibraryRow, findLicenceAlerts, type LibraryRow } from './queries.js';
import { expiryBounds, type LicenceState, licenceState } from './rights.js';
import { type MediaUses, usesOfMedia } from './usage.js';

export const PAGE_SIZE = 24;
// Alerts sit above the grid; past this many the newsroom filters by "expired" or "ending soon" instead.
const ALERT_LIMIT = 20;

export interface LibraryItem extends MediaItem {
  bytes: number;
  createdAt: string;
  updatedAt: string | null;
  uploadedBy: number | null;
  uploaderName: string | null;
}

export interface LibraryEntry {
  item: LibraryItem;
  licence: LicenceState;
  /** The uses this person may see; unpublished articles they may not open are only counted. */
  uses: MediaUses & { hiddenArticles: number };
  /** The site's logo is this image. */
  isLogo: boolean;
}

export interface LibraryView {
  query: LibraryQuery;
  entries: LibraryEntry[];
  total: number;
  pages: number;
  alerts: LibraryEntry[];
}

function itemFromRow(row: LibraryRow): LibraryItem {
  return {
    ...mediaFromRow(row),
    bytes: row.bytes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    uploadedBy: row.uploaded_by,
    uploaderName: row.uploader_name,
  };
}

/** Another person's unpublished story is not a contributor's to read, not even its headline. */
function visibleTo(viewer: StaffMember, uses: MediaUses): LibraryEntry['uses'] {
  const articles = uses.articles.filter((a) => a.status === 'published' || canViewArticle(viewer, a));
  return { ...uses, articles, hiddenArticles: uses.articles.length - articles.length };
}

async function entriesOf(
  db: Kysely<Database>,
  viewer: StaffMember,
  rows: LibraryRow[],
  now: Date,
  logoMediaId: number | null,
) {
  const uses = await usesOfMedia(
    db,
    rows.map((r) => r.id),
  );
  return rows.map(
    (row): LibraryEntry => ({
      item: itemFromRow(row),
      licence: licenceState(row.license_expires_at, now),
      uses: visibleTo(viewer, uses.get(row.id) ?? { articles: [], authors: [] }),
      isLogo: row.id === logoMediaId,
    }),
  );
}

/** One page of the library for these filters; the licence alerts only on the unfiltered first page. */
export async function browseLibrary(
  db: Kysely<Database>,
  viewer: StaffMember,
  query: LibraryQuery,
  now: Date,
): Promise<LibraryView> {
  const { logoMediaId } = await readSiteSettings(db);
  const bounds = expiryBounds(now);
  const plain = query.q === '' && query.rights === null && query.show === 'all' && query.page === 1;
  const [found, alertRows] = await Promise.all([
    findLibraryPage(
      db,
      query,
      bounds,
      { limit: PAGE_SIZE, offset: (query.page - 1) * PAGE_SIZE },
      logoMediaId,
    ),
    plain ? findLicenceAlerts(db, bounds, ALERT_LIMIT) : Promise.resolve([]),
  ]);
  const [entries, alerts] = await Promise.all([
    entriesOf(db, viewer, found.rows, now, logoMediaId),
    entriesOf(db, viewer, alertRows, now, logoMediaId),
  ]);
  return {
    query,
    entries,
    total: found.total,
    pages: Math.max(1, Math.ceil(found.total / PAGE_SIZE)),
    alerts,
  };
}

/** One image with its uses and licence state for its own page, and the zone its times are shown in. */
export async function libraryEntry(
  db: Kysely<Database>,
  viewer: StaffMember,
  id: number,
  now: Date,
): Promise<{ entry: LibraryEntry; timeZone: string }> {
  const row = await findLibraryRow(db, id);
  if (!row) throw new NotFound('We could not find that image in the library.');
  const { logoMediaId, timeZone } = await readSiteSettings(db);
  return { entry: (await entriesOf(db, viewer, [row], now, logoMediaId))[0]!, timeZone };
}
