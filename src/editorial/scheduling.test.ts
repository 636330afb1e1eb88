// Scheduling across a restart, on both databases: an editor schedules through the newsroom, the app stops,
// a new app starts on the same database long after the time, and its scheduler publishes the article.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_ORIGIN } from '../../test/support/app.js';
import { addAuthor, addMedia, addSection } from '../../test/support/content.js';
import { type TestStorage, testDatabases } from '../../test/support/databases.js';
import { minutesAfter, T0 } from '../../test/support/editorial.js';
import { addStaff, post, signInAs } from '../../test/support/newsroom.js';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { outboxMailer } from '../mail/mailer.js';
import { LocalFileStore } from '../media/file-store.js';
import { localContentEvents } from '../storage/content-events.js';
import { loadArticle } from './editable.js';
import { publishDueArticles } from './scheduler.js';

/** The app as main.ts builds it, on a database that outlives it, with a clock the test sets. */
async function appOn(storage: TestStorage, mediaDir: string, clock: () => Date) {
  const config = loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test', PUBLIC_URL: TEST_ORIGIN });
  const events = localContentEvents();
  const built = await buildApp({
    config,
    storage,
    files: new LocalFileStore(mediaDir),
    events,
    mailer: outboxMailer(storage.db, { from: config.mailFrom }),
    secret: 'test-secret-test-secret-test-secret-0123',
    clock,
  });
  return { ...built, events };
}

describe.each(testDatabases)('scheduling across a restart on $name', (database) => {
  it('publishes an article that fell due while the app was stopped, once it starts again', async () => {
    const storage = await database.open();
    const mediaDir = await mkdtemp(join(tmpdir(), 'broadsheet-media-'));
    try {
      const db = storage.db;
      const section = await addSection(db, 'world', 'World');
      const author = await addAuthor(db, 'ana-reporter', 'Ana Reporter');
      const media = await addMedia(db, 'kharkiv');
      const editor = await addStaff(db, 'editor', { now: T0 });

      const before = await appOn(storage, mediaDir, () => T0);
      const session = await signInAs(before.app, editor.email);
      const form = {
        headline: 'Published while nobody watched',
        dek: '',
        slug: '',
        sectionId: String(section),
        workType: 'news',
        dateline: '',
        heroMediaId: String(media),
        tags: '',
        authorIds: String(author),
        bodyFormat: 'text',
        bodyText: 'It went out on time.',
        body: '',
      };
      const created = await post(before.app, '/admin/articles', form, session);
      const id = Number(/(\d+)$/.exec(created.headers.location as string)![1]);
      // The site's time zone is UTC by default, so the typed wall time is the UTC time.
      const scheduled = await post(
        before.app,
        `/admin/articles/${id}/schedule`,
        { ...form, baseVersion: '1', scheduledAt: '2026-05-01T10:00' },
        session,
      );
      expect(scheduled.statusCode, scheduled.body.slice(0, 300)).toBe(303);
      expect((await loadArticle(db, id)).scheduledAt).toBe('2026-05-01T10:00:00.000Z');
      expect((await before.app.inject({ url: '/articles/published-while-nobody-watched' })).statusCode).toBe(
        404,
      );
      await before.app.close();

      // Nothing runs between 10:00 and 11:00. Then the app starts again.
      const later = () => minutesAfter(T0, 120);
      const after = await appOn(storage, mediaDir, later);
      // The scheduler's first tick, which the background jobs run at start.
      await publishDueArticles({ db, events: after.events }, later());
      try {
        const page = await after.app.inject({ url: '/articles/published-while-nobody-watched' });
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain('It went out on time.');
        expect((await loadArticle(db, id)).publishedAt).toBe(later().toISOString());
      } finally {
        await after.app.close();
      }
    } finally {
      await storage.cleanup();
      await rm(mediaDir, { recursive: true, force: true });
    }
  });
});
