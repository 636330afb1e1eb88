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
  // A trashed article is out of every newsroom screen and of every save and step until it is restored.
  if (row.trashed_at !== null)
    throw new NotFound('This article is in the trash. Restore it from the trash to work on it again.');
  const [authorIds, tags] = await Promise.all([selectAuthorIds(db, id), selectTagNames(db, id)]);
  return articleFrom(row, authorIds, tags);
}

/** Why a contributor may not change their own submitted article, and what they can do about it. */
export const IN_REVIEW_MESSAGE =
  'This article is submitted for review, so it cannot be changed while an editor reviews it. ' +
  'You can edit it again if an editor returns it to you, or if you take it back to draft.';

/** The article to change; a contributor may change only their own drafts. */
export async function loadForEditing(db: Kysely<Database>, actor: StaffMember, id: number) {
  const article = await loadArticle(db, id);
  if (!canEditArticle(actor, article)) {
    throw new Forbidden(
      article.createdBy !== actor.id
        ? 'Contributors can edit only the drafts they created.'
        : article.status === 'review'
          ? IN_REVIEW_MESSAGE
          : 'This article is no longer a draft, so only editors can change it.',
    );
  }
  return article;
}

/**
 * The article for its edit page: to change, or (a contributor's own article while an editor reviews it) to
 * read, with the way back to editing it. Anything else they may not change stays closed to them.
 */
export async function loadForEditPage(db: Kysely<Database>, actor: StaffMember, id: number) {
  const article = await loadArticle(db, id);
  if (canEditArticle(actor, article)) return { article, readOnly: false };
  if (article.status === 'review' && canViewArticle(actor, article)) return { article, readOnly: true };
  return { article: await loadForEditing(db, actor, id), readOnly: false };
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
