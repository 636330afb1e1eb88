// Whether an article may go out: complete (headline, slug, body, section, byline) and accessible (every
// image described, its licence running at the moment of publication), each missing thing named by field.
import { documentText, mediaIdsOf } from '../articles/render/document.js';
import { Invalid } from '../http/errors.js';
import { describeLicence, expiryDate, licenceState } from '../media/admin/rights.js';
import { findMediaByIds, type MediaItem } from '../media/media.js';
import { missingParts } from './completeness.js';
import type { EditableArticle, EditorialDeps } from './editable.js';

const capitalised = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

export interface PublishReadiness {
  /** What must change before readers may see the article, by field; empty when it may be published. */
  problems: Record<string, string>;
  /** What may go out but needs attention soon: image licences ending within the library's warning window. */
  warnings: string[];
}

/**
 * Whether the article may be published at `at` (now, or the time it is scheduled for). Every image it uses
 * needs alt text, and a licence that still runs at that moment: the library's expiry warnings become a
 * refusal once the licence has ended.
 */
export async function publishReadiness(
  deps: Pick<EditorialDeps, 'db'>,
  article: EditableArticle,
  at: Date,
): Promise<PublishReadiness> {
  const { fields } = article;
  const problems: Record<string, string> = missingParts({
    headline: fields.headline,
    slug: fields.slug,
    bodyText: documentText(fields.body),
    sectionId: fields.sectionId,
    authorCount: fields.authorIds.length,
  });
  const warnings: string[] = [];

  const bodyImages = mediaIdsOf(fields.body);
  const media = await findMediaByIds(deps.db, [
    ...(fields.heroMediaId ? [fields.heroMediaId] : []),
    ...(fields.socialImageId ? [fields.socialImageId] : []),
    ...bodyImages,
  ]);
  const licence = (item: MediaItem, name: string): string | null => {
    const state = licenceState(item.licenseExpiresAt, at);
    if (state === 'expired') return `${name}’s licence ended on ${expiryDate(item.licenseExpiresAt!)}`;
    if (state === 'expiring') {
      warnings.push(
        `${capitalised(name)}: ${describeLicence(item.licenseExpiresAt, at)} Renew it or replace the image before then.`,
      );
    }
    return null;
  };
  // The hero and the social card's image: each must still be in the library, described, and licensed.
  const chosen = [
    { field: 'heroMediaId', id: fields.heroMediaId, name: 'the hero image' },
    { field: 'socialImageId', id: fields.socialImageId, name: 'the social image' },
  ] as const;
  for (const { field, id, name } of chosen) {
    if (!id) continue;
    const item = media.get(id);
    if (!item) problems[field] = `${capitalised(name)} is no longer in the library. Choose another.`;
    else if (!item.altText.trim())
      problems[field] = `${capitalised(name)} has no alt text. Describe it in the media library.`;
    else {
      const ended = licence(item, name);
      if (ended)
        problems[field] = `${capitalised(ended)}. Renew it in the media library or choose another image.`;
    }
  }
  const imageProblems = bodyImages.flatMap((id, i) => {
    const item = media.get(id);
    if (!item) return [`image ${i + 1} in the body is no longer in the library`];
    const name = `image ${i + 1} in the body${item.caption ? ` (“${item.caption}”)` : ''}`;
    if (!item.altText.trim()) return [`${name} has no alt text`];
    const ended = licence(item, name);
    return ended ? [ended] : [];
  });
  if (imageProblems.length > 0) {
    const text = imageProblems.join('; ');
    problems.bodyImages = `${capitalised(text)}. Fix each image in the media library.`;
  }
  return { problems, warnings };
}

/** The moment a scheduled article will be checked again: its time, or now if the scheduler is about to. */
export function publicationTime(article: EditableArticle, now: Date): Date {
  if (article.status !== 'scheduled' || !article.scheduledAt) return now;
  return new Date(Math.max(Date.parse(article.scheduledAt), now.getTime()));
}

/**
 * A save must leave a scheduled article ready to publish at its time, or the scheduler would hold it back.
 * Such a save is refused, the typed text shown again with what is missing beside each field, rather than
 * quietly returning the article to draft: whoever scheduled it expects it to go out at that time, and a story
 * unscheduled by a save would miss its slot with nobody the wiser. Whoever does mean to keep working on it as
 * a draft has "Cancel the schedule", which keeps what they typed.
 *
 * An Update of a published article is held to the same checks, but only for what the save itself breaks: an
 * emptied body or a removed byline must never reach readers, while a problem the live story already has (a
 * licence that ended since) must not stop the editor fixing a typo in it.
 */
export async function requireStillPublishable(
  deps: Pick<EditorialDeps, 'db'>,
  current: EditableArticle,
  fields: EditableArticle['fields'],
  now: Date,
) {
  if (current.status !== 'scheduled' && current.status !== 'published') return;
  const at = publicationTime(current, now);
  const { problems } = await publishReadiness(deps, { ...current, fields }, at);
  if (current.status === 'published') {
    const before = (await publishReadiness(deps, current, at)).problems;
    for (const [field, problem] of Object.entries(problems))
      if (before[field] === problem) delete problems[field];
  }
  const list = Object.values(problems);
  if (list.length === 0) return;
  throw new Invalid(
    current.status === 'scheduled'
      ? 'The article was not saved: it is scheduled to publish itself, and these changes would leave it ' +
          `unfinished. ${list.join(' ')} What you typed is kept. Complete it and save again, or cancel the ` +
          'schedule to go on working on it as a draft.'
      : 'The article was not updated: it is published, and these changes would leave the story readers see ' +
          `unfinished. ${list.join(' ')} What you typed is kept; readers still see the published version. ` +
          'Complete it and update again, or unpublish it first.',
    problems,
  );
}

/** Throws Invalid naming every problem that keeps the article from being `verb` at `at`. */
export async function requirePublishable(
  deps: Pick<EditorialDeps, 'db'>,
  article: EditableArticle,
  verb: string,
  at: Date,
) {
  const { problems } = await publishReadiness(deps, article, at);
  const list = Object.values(problems);
  if (list.length > 0) {
    throw new Invalid(`This article cannot be ${verb} yet: ${list.join(' ')}`, problems);
  }
}
