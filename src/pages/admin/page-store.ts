// The newsroom's side of pages: listing, saving (each save a revision, a save from an older version refused),
// publishing, unpublishing and restoring a revision. Every change to a page is announced under its tag.
import type { Insertable, Kysely, Transaction } from 'kysely';
import { type BodyDocument, readStoredBody } from '../../articles/render/document.js';
import { Conflict, Invalid, NotFound } from '../../http/errors.js';
import type { Database, PagesTable } from '../../storage/schema.js';
import type { PageFields } from './page-input.js';

export interface ManagedPage {
  id: number;
  slug: string;
  title: string;
  description: string;
  body: BodyDocument;
  status: 'draft' | 'published';
  version: number;
  publishedAt: string | null;
  updatedAt: string;
}

export interface PageRevision {
  id: number;
  version: number;
  fields: PageFields;
  createdAt: string;
  byName: string | null;
}

type PageRow = Pick<
  Database['pages'],
  'slug' | 'title' | 'body' | 'status' | 'published_at' | 'updated_at'
> & { id: number; description: string; version: number };

function pageFromRow(row: PageRow): ManagedPage {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    body: readStoredBody(row.body),
    status: row.status,
    version: row.version,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
  };
}

const COLUMNS = [
  'id',
  'slug',
  'title',
  'description',
  'body',
  'status',
  'version',
  'published_at',
  'updated_at',
] as const;

export async function listPages(db: Kysely<Database>): Promise<ManagedPage[]> {
  const rows = await db.selectFrom('pages').select(COLUMNS).orderBy('title').execute();
  return rows.map(pageFromRow);
}

export async function findPage(db: Kysely<Database>, id: number): Promise<ManagedPage> {
  const row = await db.selectFrom('pages').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('There is no such page.');
  return pageFromRow(row);
}

async function refuseTakenSlug(trx: Transaction<Database>, slug: string, id: number | null) {
  let query = trx.selectFrom('pages').select('id').where('slug', '=', slug);
  if (id !== null) query = query.where('id', '!=', id);
  if (await query.executeTakeFirst()) {
    throw new Invalid('The page was not saved.', { slug: `/${slug} is taken by another page.` });
  }
}

/** A page's revision: the whole field set as saved, never changed afterwards. */
export async function addRevision(
  trx: Kysely<Database>,
  pageId: number,
  version: number,
  fields: PageFields,
  staffId: number | null,
  now: string,
) {
  await trx
    .insertInto('page_revisions')
    .values({
      page_id: pageId,
      version,
      fields: JSON.stringify(fields),
      created_by: staffId,
      created_at: now,
    })
    .execute();
}

/** A page's row as given (a new draft here; an imported page with its status and dates); its id. */
export async function insertPageRow(db: Kysely<Database>, row: Insertable<PagesTable>): Promise<number> {
  return (await db.insertInto('pages').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** A new page, saved as a draft with its first revision. */
export async function createPage(
  db: Kysely<Database>,
  fields: PageFields,
  staffId: number | null,
  now: Date,
): Promise<number> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    await refuseTakenSlug(trx, fields.slug, null);
    const id = await insertPageRow(trx, {
      slug: fields.slug,
      title: fields.title,
      description: fields.description,
      body: JSON.stringify(fields.body),
      status: 'draft',
      version: 1,
      published_at: null,
      created_by: staffId,
      created_at: at,
      updated_at: at,
    });
    await addRevision(trx, id, 1, fields, staffId, at);
    return id;
  });
}

/**
 * Saves the fields as the next version. `baseVersion` is the version the editor started from: a newer one
 * saved meanwhile refuses this save (nothing is overwritten; the form keeps what was typed). On a published
 * page the save is what readers get.
 */
export async function savePage(
  db: Kysely<Database>,
  id: number,
  fields: PageFields,
  baseVersion: number,
  staffId: number | null,
  now: Date,
): Promise<{ before: ManagedPage; version: number }> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('pages').select(COLUMNS).where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFound('There is no such page.');
    if (row.version !== baseVersion) {
      throw new Conflict(
        'Someone saved this page after you opened it. Your text is below; reload the page to see theirs.',
      );
    }
    await refuseTakenSlug(trx, fields.slug, id);
    const version = row.version + 1;
    await trx
      .updateTable('pages')
      .set({
        slug: fields.slug,
        title: fields.title,
        description: fields.description,
        body: JSON.stringify(fields.body),
        version,
        updated_at: at,
      })
      .where('id', '=', id)
      .execute();
    await addRevision(trx, id, version, fields, staffId, at);
    return { before: pageFromRow(row), version };
  });
}

/** Publishing shows the page at its address; unpublishing takes it away (readers then get a 404). */
export async function setPagePublished(
  db: Kysely<Database>,
  id: number,
  published: boolean,
  now: Date,
): Promise<void> {
  const page = await findPage(db, id);
  await db
    .updateTable('pages')
    .set({
      status: published ? 'published' : 'draft',
      published_at: published ? (page.publishedAt ?? now.toISOString()) : page.publishedAt,
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

export async function listPageRevisions(db: Kysely<Database>, pageId: number): Promise<PageRevision[]> {
  const rows = await db
    .selectFrom('page_revisions')
    .leftJoin('staff', 'staff.id', 'page_revisions.created_by')
    .select([
      'page_revisions.id',
      'page_revisions.version',
      'page_revisions.fields',
      'page_revisions.created_at',
      'staff.name as byName',
    ])
    .where('page_revisions.page_id', '=', pageId)
    .orderBy('page_revisions.version', 'desc')
    .execute();
  return rows.map((r) => {
    const stored = JSON.parse(r.fields) as Omit<PageFields, 'body'> & { body: unknown };
    return {
      id: r.id,
      version: r.version,
      fields: { ...stored, body: readStoredBody(JSON.stringify(stored.body)) },
      createdAt: r.created_at,
      byName: r.byName,
    };
  });
}

/** The fields of one revision of a page, to save again as its newest version. */
export async function pageRevisionFields(
  db: Kysely<Database>,
  pageId: number,
  revisionId: number,
): Promise<PageFields> {
  const revision = (await listPageRevisions(db, pageId)).find((r) => r.id === revisionId);
  if (!revision) throw new NotFound('There is no such revision of this page.');
  return revision.fields;
}
