// An article as the newsroom edits it: every editable field with its status, version and who saved it last,
// read from the database, and the check that this person may open it for editing.
import type { Kysely, Selectable } from 'kysely';
import { canEditArticle, canViewArticle, type StaffMember } from '../admin/guardian.js';
import { listStaff } from '../admin/staff/staff.js';
import { Forbidden, NotFound } from '../http/errors.js';
import type { ContentEvents } from '../storage/content-events.js';
import type { ArticleRevisionsTable, ArticleStatus, ArticlesTable, Database } from '../storage/schema.js';
import type { ArticleFields } from './fields.js';
import { selectArticle } from './queries/articles.js';
import { selectAuthorIds, selectTagNames } from './queries/bylines-and-tags.js';

export type RevisionKind = ArticleRevisionsTable['kind'];

/**
 * Who makes a change: a staff member, and the channel when it is not the editor (the admin API names its
 * token), so the article's history says how each change came.
 */
export type Actor = StaffMember & { via?: string };

export interface EditorialDeps {
  db: Kysely<Database>;
  /** Told whenever something readers can see changes, so every instance drops its cached pages. */
  events: ContentEvents;
}

export interface EditableArticle {
  id: number;
  status: ArticleStatus;
  version: number;
  createdBy: number | null;
  savedBy: number | null;
  savedAt: string | null;
  publishedAt: string | null;
  scheduledAt: string | null;
  updatedAt: string | null;
  modifiedAt: string;
  fields: ArticleFields;
}

function articleFrom(row: Selectable<ArticlesTable>, authorIds: number[], tags: string[]): EditableArticle {
  return {
    id: row.id,
    status: row.status,
    version: row.version,
    createdBy: row.created_by,
    savedBy: row.saved_by,
    savedAt: row.saved_at,
    publishedAt: row.published_at,
    scheduledAt: row.scheduled_at,
    updatedAt: row.updated_at,
    modifiedAt: row.modified_at,
    fields: {
      headline: row.headline,
      seoHeadline: row.seo_headline ?? '',
      socialHeadline: row.social_headline ?? '',
      metaDescription: row.meta_description ?? '',
      canonicalUrl: row.canonical_url ?? '',
      noindex: row.noindex === 1,
      socialDescription: row.social_description ?? '',
      socialImageId: row.social_image_id,
      dek: row.dek,
      slug: row.slug,
      sectionId: row.section_id,
      tags,
      authorIds,
      workType: row.work_type,
      dateline: row.dateline ?? '',
      heroMediaId: row.hero_media_id,
      body: JSON.parse(row.body),
    },
  };
}

export async function loadArticle(db: Kysely<Database>, id: number): Promise<EditableArticle> {
  const row = await selectArticle(db, id);
  if (!row) throw new NotFound('There is no such article.');
  const [authorIds, tags] = await Promise.all([selectAuthorIds(db, id), selectTagNames(db, id)]);
  return articleFrom(row, authorIds, tags);
}

/** The article for its edit page; a contributor may open only their own drafts and submissions. */
export async function loadForEditing(db: Kysely<Database>, actor: StaffMember, id: number) {
  const article = await loadArticle(db, id);
  if (!canEditArticle(actor, article)) {
    throw new Forbidden(
      article.createdBy === actor.id
        ? 'This article is no longer a draft, so only editors can change it.'
        : 'Contributors can edit only the drafts they created.',
    );
  }
  return article;
}

/** The article to read in the newsroom (preview, revisions, the admin API): editors any, a contributor their own. */
export async function loadForViewing(db: Kysely<Database>, actor: StaffMember, id: number) {
  const article = await loadArticle(db, id);
  if (!canViewArticle(actor, article))
    throw new Forbidden('Contributors can see only the articles they created.');
  return article;
}

export async function staffName(db: Kysely<Database>, id: number | null): Promise<string | null> {
  if (id === null) return null;
  return (await listStaff(db)).find((s) => s.id === id)?.name ?? null;
}
