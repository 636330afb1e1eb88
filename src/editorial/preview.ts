// The saved draft as the reader site's Article, so the preview is the real article page, not a lookalike.
import type { Kysely } from 'kysely';
import { canViewArticle, type StaffMember } from '../admin/guardian.js';
import type { Article, AuthorRef } from '../articles/model.js';
import { mediaIdsOf } from '../articles/render/document.js';
import { Forbidden } from '../http/errors.js';
import { findMediaByIds } from '../media/media.js';
import { listSections } from '../site/sections.js';
import type { Database } from '../storage/schema.js';
import { activeNotices } from './corrections.js';
import { type EditableArticle, loadArticle } from './editable.js';
import { selectAuthorChoices, selectTagsBySlug } from './queries/bylines-and-tags.js';
import { slugify } from './slug.js';

export async function articleForPreview(
  db: Kysely<Database>,
  actor: StaffMember,
  id: number,
  now: Date,
): Promise<{ editable: EditableArticle; article: Article }> {
  const editable = await loadArticle(db, id);
  if (!canViewArticle(actor, editable))
    throw new Forbidden('Contributors can preview only the articles they created.');
  const { fields } = editable;
  const [sections, authorRows, tagRows, media, corrections] = await Promise.all([
    listSections(db),
    selectAuthorChoices(db),
    selectTagsBySlug(db, fields.tags.map(slugify)),
    findMediaByIds(db, [
      ...mediaIdsOf(fields.body),
      ...(fields.heroMediaId ? [fields.heroMediaId] : []),
      ...(fields.socialImageId ? [fields.socialImageId] : []),
    ]),
    activeNotices(db, id),
  ]);
  const authorsById = new Map<number, AuthorRef>(
    authorRows.map((a) => [
      a.id,
      {
        id: a.id,
        slug: a.slug,
        name: a.name,
        jobTitle: a.job_title,
        bio: a.bio,
        photoMediaId: a.photo_media_id,
      },
    ]),
  );
  // Not yet published: the preview shows it as if it went out now (or at its scheduled time).
  const scheduledAt = editable.status === 'scheduled' ? editable.scheduledAt : null;
  const publishedAt = editable.publishedAt ?? scheduledAt ?? now.toISOString();
  const article: Article = {
    id: editable.id,
    version: editable.version,
    slug: fields.slug,
    headline: fields.headline,
    socialHeadline: fields.socialHeadline || null,
    seoHeadline: fields.seoHeadline || null,
    metaDescription: fields.metaDescription || null,
    canonicalUrl: fields.canonicalUrl || null,
    noindex: fields.noindex,
    socialDescription: fields.socialDescription || null,
    socialImage: fields.socialImageId ? (media.get(fields.socialImageId) ?? null) : null,
    dek: fields.dek,
    workType: fields.workType,
    section: sections.find((s) => s.id === fields.sectionId) ?? null,
    hero: fields.heroMediaId ? (media.get(fields.heroMediaId) ?? null) : null,
    authors: fields.authorIds.flatMap((a) => authorsById.get(a) ?? []),
    publishedAt,
    updatedAt: editable.updatedAt,
    // ISO strings compare as times.
    modifiedAt: [editable.modifiedAt, publishedAt].sort().at(-1)!,
    body: fields.body,
    tags: tagRows.map(({ id, slug, name }) => ({ id, slug, name })),
    dateline: fields.dateline || null,
    media,
    corrections,
  };
  return { editable, article };
}
