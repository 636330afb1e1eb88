// The workflow on both databases: every permission rule, each step only from where it makes sense, publish
// validation naming each missing thing, and caches told about every public change.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestStorage, testDatabases } from '../../test/support/databases.js';
import {
  type CountingEvents,
  countingEvents,
  fieldsFor,
  minutesAfter,
  type Newsroom,
  newsroom,
  T0,
} from '../../test/support/editorial.js';
import type { StaffMember } from '../admin/guardian.js';
import { articleTag, LATEST } from '../articles/cache-tags.js';
import { type DomainError, Forbidden, Invalid } from '../http/errors.js';
import { createArticle } from './drafts.js';
import { loadArticle } from './editable.js';
import { publishReadiness } from './publish-readiness.js';
import { listRevisions } from './revisions.js';
import {
  publishArticle,
  returnToDraft,
  scheduleArticle,
  submitForReview,
  unpublishArticle,
} from './workflow.js';

describe.each(testDatabases)('the workflow on $name', (database) => {
  let storage: TestStorage;
  let room: Newsroom;
  let events: CountingEvents;
  const deps = () => ({ db: storage.db, events });
  const draftBy = (who: StaffMember, overrides = {}) =>
    createArticle(storage.db, who, fieldsFor(room, overrides), 'manual', T0);
  const status = async (id: number) => (await loadArticle(storage.db, id)).status;

  beforeEach(async () => {
    storage = await database.open();
    room = await newsroom(storage.db);
    events = countingEvents();
  });
  afterEach(async () => {
    await storage.cleanup();
  });

  it('takes a contributor’s draft through review to publication by an editor', async () => {
    const { id } = await draftBy(room.contributor);
    await submitForReview(deps(), room.contributor, id, minutesAfter(T0, 1));
    expect(await status(id)).toBe('review');
    await publishArticle(deps(), room.editor, id, minutesAfter(T0, 2));
    const article = await loadArticle(storage.db, id);
    expect(article.status).toBe('published');
    expect(article.publishedAt).toBe(minutesAfter(T0, 2).toISOString());
    expect(events.changes).toEqual([expect.arrayContaining([articleTag(id), LATEST])]);
  });

  it('keeps every step taken in the article’s history, with who took it and through what', async () => {
    const { id } = await draftBy(room.contributor);
    await submitForReview(deps(), room.contributor, id, minutesAfter(T0, 1));
    await returnToDraft(deps(), room.editor, id, minutesAfter(T0, 2));
    await publishArticle(deps(), { ...room.editor, via: 'Zapier' }, id, minutesAfter(T0, 3));
    await expect(publishArticle(deps(), room.editor, id, minutesAfter(T0, 4))).rejects.toBeInstanceOf(
      Invalid,
    );
    await unpublishArticle(deps(), room.editor, id, minutesAfter(T0, 5));
    const { activity } = await listRevisions(storage.db, room.editor, id);
    expect(activity).toEqual([
      {
        action: 'unpublished',
        by: 'Eli Editor',
        via: null,
        at: minutesAfter(T0, 5).toISOString(),
        note: null,
      },
      {
        action: 'published',
        by: 'Eli Editor',
        via: 'Zapier',
        at: minutesAfter(T0, 3).toISOString(),
        note: null,
      },
      { action: 'returned', by: 'Eli Editor', via: null, at: minutesAfter(T0, 2).toISOString(), note: null },
      {
        action: 'submitted',
        by: 'Cora Contributor',
        via: null,
        at: minutesAfter(T0, 1).toISOString(),
        note: null,
      },
    ]);
  });

  it('never lets a contributor publish, schedule or unpublish, even their own article', async () => {
    const { id } = await draftBy(room.contributor);
    await expect(publishArticle(deps(), room.contributor, id, T0)).rejects.toBeInstanceOf(Forbidden);
    await expect(
      scheduleArticle(deps(), room.contributor, id, minutesAfter(T0, 60), T0),
    ).rejects.toBeInstanceOf(Forbidden);
    await publishArticle(deps(), room.editor, id, T0);
    await expect(unpublishArticle(deps(), room.contributor, id, T0)).rejects.toBeInstanceOf(Forbidden);
    expect(await status(id)).toBe('published');
    expect(events.changes).toEqual([expect.arrayContaining([articleTag(id), LATEST])]);
  });

  it('lets a contributor submit only their own drafts, and only drafts', async () => {
    const own = await draftBy(room.contributor);
    const others = await draftBy(room.otherContributor, { authorIds: [room.secondAuthorId] });
    await expect(submitForReview(deps(), room.contributor, others.id, T0)).rejects.toBeInstanceOf(Forbidden);
    await submitForReview(deps(), room.contributor, own.id, T0);
    const again = (await submitForReview(deps(), room.contributor, own.id, T0).catch(
      (e) => e,
    )) as DomainError;
    expect(again).toBeInstanceOf(Invalid);
    expect(again.message).toBe('An article that is in review cannot be submitted for review.');
    // Taking it back to keep writing is the writer's right; scheduling is not.
    await returnToDraft(deps(), room.contributor, own.id, T0);
    expect(await status(own.id)).toBe('draft');
  });

  it('lets editors and admins do every step', async () => {
    for (const who of [room.editor, room.admin]) {
      const { id } = await draftBy(who);
      await scheduleArticle(deps(), who, id, minutesAfter(T0, 60), T0);
      expect(await status(id)).toBe('scheduled');
      await returnToDraft(deps(), who, id, T0);
      await publishArticle(deps(), who, id, T0);
      await unpublishArticle(deps(), who, id, minutesAfter(T0, 1));
      expect(await status(id)).toBe('unpublished');
      await publishArticle(deps(), who, id, minutesAfter(T0, 2));
      // Republishing keeps the first publication time.
      expect((await loadArticle(storage.db, id)).publishedAt).toBe(T0.toISOString());
    }
    // Per person: published, unpublished, published again; scheduling and returning to draft show readers nothing.
    expect(events.changes).toHaveLength(6);
  });

  it('names every missing thing before publishing', async () => {
    await storage.db.updateTable('media').set({ alt_text: '' }).execute();
    const { id } = await draftBy(room.editor, {
      sectionId: null,
      authorIds: [],
      body: {
        type: 'doc',
        content: [
          { type: 'image', attrs: { mediaId: room.mediaId } },
          { type: 'image', attrs: { mediaId: 424242 } },
        ],
      },
    });
    const error = (await publishArticle(deps(), room.editor, id, T0).catch((e) => e)) as DomainError;
    expect(error).toBeInstanceOf(Invalid);
    expect(error.fields).toEqual({
      body: 'Write the body: it has no text yet.',
      sectionId: 'Choose a section.',
      authorIds: 'Add at least one author.',
      heroMediaId: 'The hero image has no alt text. Describe it in the media library.',
      bodyImages:
        'Image 1 in the body (“Caption for kharkiv”) has no alt text; image 2 in the body is no longer in the ' +
        'library. Fix each image in the media library.',
    });
    expect(error.message).toMatch(/^This article cannot be published yet: Write the body/);
    expect(await status(id)).toBe('draft');
    expect(events.changes).toEqual([]);
  });

  it('schedules only a complete article, and only for the future', async () => {
    const incomplete = await draftBy(room.editor, { authorIds: [] });
    const missing = (await scheduleArticle(
      deps(),
      room.editor,
      incomplete.id,
      minutesAfter(T0, 60),
      T0,
    ).catch((e) => e)) as DomainError;
    expect(missing.fields.authorIds).toBe('Add at least one author.');
    const { id } = await draftBy(room.editor);
    const past = (await scheduleArticle(deps(), room.editor, id, minutesAfter(T0, -1), T0).catch(
      (e) => e,
    )) as DomainError;
    expect(past.fields.scheduledAt).toBe('Choose a time in the future.');
    await scheduleArticle(deps(), room.editor, id, minutesAfter(T0, 60), T0);
    const article = await loadArticle(storage.db, id);
    expect(article.scheduledAt).toBe(minutesAfter(T0, 60).toISOString());
  });

  it('judges image licences at the moment of publication: now, or the scheduled time', async () => {
    // The hero's licence runs until two hours after T0.
    await storage.db
      .updateTable('media')
      .set({ license_expires_at: minutesAfter(T0, 120).toISOString() })
      .execute();
    const { id } = await draftBy(room.editor);
    const late = (await scheduleArticle(deps(), room.editor, id, minutesAfter(T0, 180), T0).catch(
      (e) => e,
    )) as DomainError;
    expect(late).toBeInstanceOf(Invalid);
    expect(late.fields.heroMediaId).toMatch(
      /^The hero image’s licence ended on 1 May 2026\. Renew it in the media library or choose another image\.$/,
    );
    expect(await status(id)).toBe('draft');
    // Before it ends the article may go out, with a warning to act.
    const readiness = await publishReadiness(deps(), await loadArticle(storage.db, id), T0);
    expect(readiness.problems).toEqual({});
    expect(readiness.warnings).toEqual([
      'The hero image: Licence ends in 1 day (1 May 2026). Renew it or replace the image before then.',
    ]);
    await scheduleArticle(deps(), room.editor, id, minutesAfter(T0, 60), T0);
    expect(await status(id)).toBe('scheduled');
    // Once it has ended, publishing now is refused too.
    const after = (await publishArticle(deps(), room.editor, id, minutesAfter(T0, 121)).catch(
      (e) => e,
    )) as DomainError;
    expect(after.fields.heroMediaId).toContain('licence ended');
  });

  it('refuses steps from the wrong status', async () => {
    const { id } = await draftBy(room.editor);
    const unpublish = (await unpublishArticle(deps(), room.editor, id, T0).catch((e) => e)) as DomainError;
    expect(unpublish.message).toBe('An article that is draft cannot be unpublished.');
    await publishArticle(deps(), room.editor, id, T0);
    const twice = (await publishArticle(deps(), room.editor, id, T0).catch((e) => e)) as DomainError;
    expect(twice.message).toBe('An article that is published cannot be published again.');
  });
});
