// Scheduled publication on both databases: each due article is checked as publishing by hand checks it and
// claimed by one atomic UPDATE, so it is published (or, not ready, held back to draft with a note) exactly
// once when instances tick together; an article due while the app was down goes out on the next start.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestStorage, testDatabases } from '../../test/support/databases.js';
import {
  countingEvents,
  fieldsFor,
  minutesAfter,
  type Newsroom,
  newsroom,
  T0,
} from '../../test/support/editorial.js';
import { updateMediaDetails } from '../media/library.js';
import { missedSchedule } from './article-status.js';
import { createArticle, saveArticle } from './drafts.js';
import { loadArticle } from './editable.js';
import { holdBackScheduled, publishScheduled } from './queries/due.js';
import { publishDueArticles } from './scheduler.js';
import { scheduleArticle } from './workflow.js';

describe.each(testDatabases)('the scheduler on $name', (database) => {
  let storage: TestStorage;
  let room: Newsroom;

  beforeEach(async () => {
    storage = await database.open();
    room = await newsroom(storage.db);
  });
  afterEach(async () => {
    await storage.cleanup();
  });

  async function scheduled(minutes: number, headline: string) {
    const { id } = await createArticle(storage.db, room.editor, fieldsFor(room, { headline }), 'manual', T0);
    await scheduleArticle(
      { db: storage.db, events: countingEvents() },
      room.editor,
      id,
      minutesAfter(T0, minutes),
      T0,
    );
    return id;
  }

  /** What the reproduced bug did: the story emptied after it was scheduled, by a path that checked nothing. */
  async function emptyAfterScheduling(id: number) {
    const db = storage.db;
    await db
      .updateTable('articles')
      .set({ section_id: null, body: JSON.stringify({ type: 'doc', content: [] }) })
      .where('id', '=', id)
      .execute();
    await db.deleteFrom('article_authors').where('article_id', '=', id).execute();
  }

  it('publishes what is due and leaves what is not', async () => {
    const due = await scheduled(10, 'Due soon');
    const later = await scheduled(120, 'Due later');
    const events = countingEvents();
    expect(await publishDueArticles({ db: storage.db, events }, minutesAfter(T0, 9))).toEqual({
      published: [],
      heldBack: [],
      failed: [],
    });
    expect(events.changes).toEqual([]);
    const tick = await publishDueArticles({ db: storage.db, events }, minutesAfter(T0, 11));
    expect(tick.published).toEqual([{ id: due, slug: 'due-soon', problems: {} }]);
    expect(tick.heldBack).toEqual([]);
    expect(events.changes).toHaveLength(1);
    const article = await loadArticle(storage.db, due);
    expect(article.status).toBe('published');
    expect(article.publishedAt).toBe(minutesAfter(T0, 11).toISOString());
    expect(article.scheduledAt).toBeNull();
    expect((await loadArticle(storage.db, later)).status).toBe('scheduled');
  });

  it('never publishes a due article that is no longer ready: it goes back to draft with its note', async () => {
    const empty = await scheduled(10, 'Emptied after scheduling');
    const ready = await scheduled(10, 'Still ready');
    await emptyAfterScheduling(empty);
    const events = countingEvents();
    const tick = await publishDueArticles({ db: storage.db, events }, minutesAfter(T0, 11));
    expect(tick.published.map((a) => a.id)).toEqual([ready]);
    expect(tick.heldBack).toEqual([
      {
        id: empty,
        slug: 'emptied-after-scheduling',
        problems: {
          body: 'Write the body: it has no text yet.',
          sectionId: 'Choose a section.',
          authorIds: 'Add at least one author.',
        },
      },
    ]);
    const held = await loadArticle(storage.db, empty);
    expect(held.status).toBe('draft');
    expect(held.publishedAt).toBeNull();
    expect(held.modifiedAt).toBe(minutesAfter(T0, 11).toISOString());
    // The note the list and the editor show: when it was due.
    expect(missedSchedule(held)).toBe(minutesAfter(T0, 10).toISOString());
    // Only the published one changed what readers see.
    expect(events.changes).toHaveLength(1);
    // Held back once, it stays a draft: later ticks leave it alone.
    const again = await publishDueArticles({ db: storage.db, events }, minutesAfter(T0, 30));
    expect(again).toEqual({ published: [], heldBack: [], failed: [] });
    expect((await loadArticle(storage.db, empty)).status).toBe('draft');
  });

  it('holds back an article whose image licence ended between scheduling and its time', async () => {
    const id = await scheduled(2 * 24 * 60, 'Hero licence runs out');
    await updateMediaDetails(
      storage.db,
      room.mediaId,
      {
        altText: 'Alt for kharkiv',
        caption: 'Caption for kharkiv',
        creditPerson: 'Ann Photographer',
        creditOrganization: 'Agency',
        rights: 'licensed',
        licenseExpiresAt: '2026-05-02',
      },
      minutesAfter(T0, 5),
    );
    const tick = await publishDueArticles(
      { db: storage.db, events: countingEvents() },
      minutesAfter(T0, 2 * 24 * 60 + 1),
    );
    expect(tick.published).toEqual([]);
    expect(tick.heldBack.map((a) => a.id)).toEqual([id]);
    expect(tick.heldBack[0]!.problems.heroMediaId).toContain('licence ended on 2 May 2026');
    expect((await loadArticle(storage.db, id)).status).toBe('draft');
  });

  it('publishes an article once when several instances tick at the same moment', async () => {
    await scheduled(10, 'Only once');
    const events = countingEvents();
    const ticks = await Promise.all(
      Array.from({ length: 4 }, () => publishDueArticles({ db: storage.db, events }, minutesAfter(T0, 11))),
    );
    expect(ticks.flatMap((t) => t.published)).toHaveLength(1);
    expect(ticks.flatMap((t) => t.heldBack)).toHaveLength(0);
    expect(events.changes).toHaveLength(1);
  });

  it('holds back a not-ready article once when several instances tick at the same moment', async () => {
    const id = await scheduled(10, 'Held once');
    await emptyAfterScheduling(id);
    const events = countingEvents();
    const ticks = await Promise.all(
      Array.from({ length: 4 }, () => publishDueArticles({ db: storage.db, events }, minutesAfter(T0, 11))),
    );
    expect(ticks.flatMap((t) => t.heldBack.map((a) => a.id))).toEqual([id]);
    expect(ticks.flatMap((t) => t.published)).toHaveLength(0);
    expect(events.changes).toEqual([]);
  });

  it('claims only the version it checked: one saved in between is left for the next tick', async () => {
    const id = await scheduled(10, 'Saved meanwhile');
    const checked = await loadArticle(storage.db, id);
    await saveArticle(
      { db: storage.db, events: countingEvents() },
      room.editor,
      id,
      { ...checked.fields, dek: 'A later dek.' },
      { baseVersion: checked.version, kind: 'manual', now: minutesAfter(T0, 10) },
    );
    const at = minutesAfter(T0, 11).toISOString();
    expect(await publishScheduled(storage.db, id, checked.version, at)).toBe(false);
    expect(await holdBackScheduled(storage.db, id, checked.version, at)).toBe(false);
    expect((await loadArticle(storage.db, id)).status).toBe('scheduled');
    const tick = await publishDueArticles({ db: storage.db, events: countingEvents() }, minutesAfter(T0, 11));
    expect(tick.published.map((a) => a.id)).toEqual([id]);
    expect((await loadArticle(storage.db, id)).fields.dek).toBe('A later dek.');
  });

  it('publishes on start an article that fell due while nothing was running', async () => {
    const id = await scheduled(10, 'Due during downtime');
    const held = await scheduled(10, 'Emptied during downtime');
    await emptyAfterScheduling(held);
    // The "restart": the first tick (the background jobs run one at start), long past the scheduled time.
    const tick = await publishDueArticles(
      { db: storage.db, events: countingEvents() },
      minutesAfter(T0, 600),
    );
    expect(tick.published.map((a) => a.id)).toEqual([id]);
    expect(tick.heldBack.map((a) => a.id)).toEqual([held]);
    expect((await loadArticle(storage.db, id)).status).toBe('published');
    expect((await loadArticle(storage.db, held)).status).toBe('draft');
  });
});
