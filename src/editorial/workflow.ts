// The editorial workflow: draft → in review → scheduled → published → unpublished, each step allowed only
// from the statuses it makes sense from and only to the roles guardian.ts names. Publishing checks that the
// story is complete and accessible first, naming each missing thing.

import {
  canEditArticle,
  canPublish,
  canSchedule,
  canSubmitForReview,
  canUnpublish,
  type StaffMember,
} from '../admin/guardian.js';
import { documentText, mediaIdsOf } from '../articles/render/document.js';
import { Forbidden, Invalid } from '../http/errors.js';
import { describeLicence, expiryDate, licenceState } from '../media/admin/rights.js';
import { findMediaByIds, type MediaItem } from '../media/media.js';
import type { ArticleStatus } from '../storage/schema.js';
import { announceListed } from './announce.js';
import { type EditableArticle, type EditorialDeps, loadArticle } from './editable.js';
import * as q from './queries.js';

export const STATUS_LABELS: Record<ArticleStatus, string> = {
  draft: 'Draft',
  review: 'In review',
  scheduled: 'Scheduled',
  published: 'Published',
  unpublished: 'Unpublished',
};

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
  const problems: Record<string, string> = {};
  const warnings: string[] = [];
  if (!fields.headline.trim()) problems.headline = 'Add a headline.';
  if (!fields.slug) problems.slug = 'Add a slug.';
  if (!documentText(fields.body).trim()) problems.body = 'Write the body: it has no text yet.';
  if (!fields.sectionId) problems.sectionId = 'Choose a section.';
  if (fields.authorIds.length === 0) problems.authorIds = 'Add at least one author.';

  const bodyImages = mediaIdsOf(fields.body);
  const media = await findMediaByIds(deps.db, [
    ...(fields.heroMediaId ? [fields.heroMediaId] : []),
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
  if (fields.heroMediaId) {
    const hero = media.get(fields.heroMediaId);
    if (!hero) problems.heroMediaId = 'The hero image is no longer in the library. Choose another.';
    else if (!hero.altText.trim())
      problems.heroMediaId = 'The hero image has no alt text. Describe it in the media library.';
    else {
      const ended = licence(hero, 'the hero image');
      if (ended)
        problems.heroMediaId = `${capitalised(ended)}. Renew it in the media library or choose another image.`;
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

/**
 * The time a draft was due to publish itself, when the scheduler held it back for not being ready
 * (scheduler.ts), for the note the list and the editor show; null for any other article. No column marks
 * it: no other draft has a scheduled_at (every other way out of 'scheduled' clears it), and scheduling or
 * publishing it again replaces it.
 */
export function missedSchedule(article: {
  status: ArticleStatus;
  scheduledAt: string | null;
}): string | null {
  return article.status === 'draft' ? article.scheduledAt : null;
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

async function requirePublishable(deps: EditorialDeps, article: EditableArticle, verb: string, at: Date) {
  const { problems } = await publishReadiness(deps, article, at);
  const list = Object.values(problems);
  if (list.length > 0) {
    throw new Invalid(`This article cannot be ${verb} yet: ${list.join(' ')}`, problems);
  }
}

function refuseFrom(article: EditableArticle, action: string): never {
  throw new Invalid(`An article that is ${STATUS_LABELS[article.status].toLowerCase()} cannot be ${action}.`);
}

export async function submitForReview(deps: EditorialDeps, actor: StaffMember, id: number, now: Date) {
  const article = await loadArticle(deps.db, id);
  if (!canEditArticle(actor, article)) throw new Forbidden('You can submit only your own drafts.');
  if (!canSubmitForReview(actor, article)) refuseFrom(article, 'submitted for review');
  if (!(await q.updateStatus(deps.db, id, ['draft'], { status: 'review', modified_at: now.toISOString() })))
    refuseFrom(await loadArticle(deps.db, id), 'submitted for review');
}

/** Back to draft from review (the writer takes it back, or the editor returns it) or from a schedule. */
export async function returnToDraft(deps: EditorialDeps, actor: StaffMember, id: number, now: Date) {
  const article = await loadArticle(deps.db, id);
  if (article.status === 'scheduled' ? !canSchedule(actor) : !canEditArticle(actor, article)) {
    throw new Forbidden('You may not move this article back to draft.');
  }
  const moved = await q.updateStatus(deps.db, id, ['review', 'scheduled'], {
    status: 'draft',
    scheduled_at: null,
    modified_at: now.toISOString(),
  });
  if (!moved) refuseFrom(article, 'moved back to draft');
}

export async function publishArticle(deps: EditorialDeps, actor: StaffMember, id: number, now: Date) {
  if (!canPublish(actor)) throw new Forbidden('Only editors and admins may publish.');
  const article = await loadArticle(deps.db, id);
  if (article.status === 'published') refuseFrom(article, 'published again');
  await requirePublishable(deps, article, 'published', now);
  const at = now.toISOString();
  const moved = await q.updateStatus(deps.db, id, ['draft', 'review', 'scheduled', 'unpublished'], {
    status: 'published',
    // Republishing keeps the first publication time readers and search engines already know.
    published_at: article.publishedAt ?? at,
    scheduled_at: null,
    modified_at: at,
  });
  if (!moved) refuseFrom(await loadArticle(deps.db, id), 'published');
  await announceListed(deps, [id]);
}

/** Publishes itself at `at` (see scheduler.ts), also if every instance was restarted meanwhile. */
export async function scheduleArticle(
  deps: EditorialDeps,
  actor: StaffMember,
  id: number,
  at: Date,
  now: Date,
) {
  if (!canSchedule(actor)) throw new Forbidden('Only editors and admins may schedule publication.');
  if (Number.isNaN(at.getTime()))
    throw new Invalid('Choose the date and time to publish.', { scheduledAt: 'Choose a date and time.' });
  if (at.getTime() <= now.getTime()) {
    throw new Invalid('The publication time must be in the future; to publish now, press Publish.', {
      scheduledAt: 'Choose a time in the future.',
    });
  }
  const article = await loadArticle(deps.db, id);
  if (article.status === 'published') refuseFrom(article, 'scheduled');
  await requirePublishable(deps, article, 'scheduled', at);
  const moved = await q.updateStatus(deps.db, id, ['draft', 'review', 'scheduled', 'unpublished'], {
    status: 'scheduled',
    scheduled_at: at.toISOString(),
    modified_at: now.toISOString(),
  });
  if (!moved) refuseFrom(await loadArticle(deps.db, id), 'scheduled');
}

export async function unpublishArticle(deps: EditorialDeps, actor: StaffMember, id: number, now: Date) {
  if (!canUnpublish(actor)) throw new Forbidden('Only editors and admins may unpublish.');
  const article = await loadArticle(deps.db, id);
  const moved = await q.updateStatus(deps.db, id, ['published'], {
    status: 'unpublished',
    modified_at: now.toISOString(),
  });
  if (!moved) refuseFrom(article, 'unpublished');
  await announceListed(deps, [id]);
}

/**
 * A wall-clock time typed in the site's time zone (a datetime-local field: "2026-05-01T09:30") as the
 * instant it names. Wall times that occur twice or never around a clock change take the first reading.
 */
export function zonedTime(local: string, timeZone: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m) return new Date(Number.NaN);
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const asUtc = Date.UTC(y!, mo! - 1, d!, h!, mi!, s || 0);
  let guess = asUtc - offsetMs(asUtc, timeZone);
  guess = asUtc - offsetMs(guess, timeZone);
  return new Date(guess);
}

function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The inverse of zonedTime, for showing a stored time in a datetime-local field. */
export function localInputValue(iso: string, timeZone: string): string {
  const instant = Date.parse(iso);
  return new Date(instant + offsetMs(instant, timeZone)).toISOString().slice(0, 16);
}
