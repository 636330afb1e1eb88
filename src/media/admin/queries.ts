// Every query the newsroom's media library runs: the searchable, filterable page of images, the images whose
// licence needs attention, and one image with who uploaded it. Rows stop here; browse.ts makes them items.
import { type ExpressionBuilder, type Kysely, type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import type { Database, MediaTable } from '../../storage/schema.js';
import type { UsageRights } from '../media.js';

export type LibraryShow = 'all' | 'expired' | 'expiring' | 'unused';

export interface LibraryFilter {
  /** Words to find in the alt text, caption, credit or copyright notice. */
  q: string;
  rights: UsageRights | null;
  show: LibraryShow;
}

export type LibraryRow = Selectable<MediaTable> & { uploader_name: string | null };

type MediaQuery<O> = SelectQueryBuilder<Database, 'media', O>;

/** A LIKE pattern that matches the words literally: % and _ typed by someone are not wildcards. */
export function containsPattern(words: string): string {
  return `%${words.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const SEARCHED = ['alt_text', 'caption', 'credit_person', 'credit_organization', 'copyright_notice'] as const;

function notUsed(eb: ExpressionBuilder<Database, 'media'>, logoMediaId: number | null) {
  const conditions = [
    eb.not(
      eb.exists(
        eb
          .selectFrom('article_media')
          .select('article_media.media_id')
          .whereRef('article_media.media_id', '=', 'media.id'),
      ),
    ),
    // The article's own hero column too: articles written without the editor may have no article_media row.
    eb.not(
      eb.exists(
        eb.selectFrom('articles').select('articles.id').whereRef('articles.hero_media_id', '=', 'media.id'),
      ),
    ),
    // And the social card's image, which only the article's column records.
    eb.not(
      eb.exists(
        eb.selectFrom('articles').select('articles.id').whereRef('articles.social_image_id', '=', 'media.id'),
      ),
    ),
    eb.not(
      eb.exists(
        eb.selectFrom('authors').select('authors.id').whereRef('authors.photo_media_id', '=', 'media.id'),
      ),
    ),
  ];
  if (logoMediaId !== null) conditions.push(eb('media.id', '!=', logoMediaId));
  return eb.and(conditions);
}

function filtered<O>(
  query: MediaQuery<O>,
  filter: LibraryFilter,
  bounds: { now: string; warnUntil: string },
  logoMediaId: number | null,
): MediaQuery<O> {
  let q = query;
  const words = filter.q.trim();
  if (words) {
    const pattern = containsPattern(words);
    // lower() on both sides: PostgreSQL's LIKE is case-sensitive, SQLite's only for ASCII.
    q = q.where((eb) =>
      eb.or(
        SEARCHED.map(
          (column) => sql<boolean>`lower(${sql.ref(`media.${column}`)}) like ${pattern} escape '\\'`,
        ),
      ),
    );
  }
  if (filter.rights) q = q.where('media.rights', '=', filter.rights);
  if (filter.show === 'expired') q = q.where('media.license_expires_at', '<=', bounds.now);
  if (filter.show === 'expiring') {
    q = q
      .where('media.license_expires_at', '>', bounds.now)
      .where('media.license_expires_at', '<=', bounds.warnUntil);
  }
  if (filter.show === 'unused') q = q.where((eb) => notUsed(eb, logoMediaId));
  return q;
}

function withUploader(db: Kysely<Database>) {
  return db
    .selectFrom('media')
    .leftJoin('staff', 'staff.id', 'media.uploaded_by')
    .selectAll('media')
    .select('staff.name as uploader_name');
}

/** One page of the library, newest first, and how many images match in all. */
export async function findLibraryPage(
  db: Kysely<Database>,
  filter: LibraryFilter,
  bounds: { now: string; warnUntil: string },
  page: { limit: number; offset: number },
  logoMediaId: number | null,
): Promise<{ rows: LibraryRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    filtered(withUploader(db), filter, bounds, logoMediaId)
      .orderBy('media.created_at', 'desc')
      .orderBy('media.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    filtered(db.selectFrom('media'), filter, bounds, logoMediaId)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  // PostgreSQL counts in bigint, which pg hands over as a string.
  return { rows, total: Number(count.n) };
}

/** Images whose licence has ended or ends within the warning window, the soonest first. */
export async function findLicenceAlerts(
  db: Kysely<Database>,
  bounds: { warnUntil: string },
  limit: number,
): Promise<LibraryRow[]> {
  return withUploader(db)
    .where('media.license_expires_at', 'is not', null)
    .where('media.license_expires_at', '<=', bounds.warnUntil)
    .orderBy('media.license_expires_at', 'asc')
    .orderBy('media.id', 'asc')
    .limit(limit)
    .execute();
}

export async function findLibraryRow(db: Kysely<Database>, id: number): Promise<LibraryRow | undefined> {
  return withUploader(db).where('media.id', '=', id).executeTakeFirst();
}
