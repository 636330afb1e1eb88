// Scheduled publication on both databases: due articles are published by one atomic UPDATE, never twice
// when instances tick together, and an article due while the app was down goes out on the next start.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestStorage, testDatabases } from '../../../test/support/databases.js';
import {
  countingEvents,
  fieldsFor,
  minutesAfter,
  type Newsroom,
  newsroom,
  T0,
} from '../../../test/support/editorial.js';
import { createArticle } from './drafts.js';
import { loadArticle } from './editable.js';
import { publishDueArticles, startScheduler } from './scheduler.js';
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

  it('publishes what is due and leaves what is not', async () => {
    const due = await scheduled(10, 'Due soon');
    const later = await scheduled(120, 'Due later');
    const events = countingEvents();
    expect(await publishDueArticles({ db: storage.db, events }, minutesAfter(T0, 9))).toEqual([]);
    expect(events.reasons).toEqual([]);
    const published = await publishDueArticles({ db: storage.db, events }, minutesAfter(T0, 11));
    expect(published).toEqual([{ id: due, slug: 'due-soon' }]);
    expect(events.reasons).toEqual(['scheduled articles published']);
    const article = await loadArticle(storage.db, due);
    expect(article.status).toBe('published');
    expect(article.publishedAt).toBe(minutesAfter(T0, 11).toISOString());
    expect(article.scheduledAt).toBeNull();
    expect((await loadArticle(storage.db, later)).status).toBe('scheduled');
  });

  it('publishes an article once when several instances tick at the same moment', async () => {
    await scheduled(10, 'Only once');
    const events = countingEvents();
    const ticks = await Promise.all(
      Array.from({ length: 4 }, () => publishDueArticles({ db: storage.db, events }, minutesAfter(T0, 11))),
    );
    expect(ticks.flat()).toHaveLength(1);
    expect(events.reasons).toHaveLength(1);
  });

  it('publishes on start an article that fell due while nothing was running', async () => {
    const id = await scheduled(10, 'Due during downtime');
    const events = countingEvents();
    const published: number[] = [];
    // The "restart": a fresh scheduler on the same database, its clock long past the scheduled time.
    const scheduler = startScheduler({
      db: storage.db,
      events,
      clock: () => minutesAfter(T0, 600),
      intervalMs: 60_000,
      onPublished: (articles) => published.push(...articles.map((a) => a.id)),
    });
    await scheduler.stop();
    expect(published).toEqual([id]);
    expect((await loadArticle(storage.db, id)).status).toBe('published');
  });
});
