// Writing and saving on both databases: drafts and their revisions, the conflict rule, who may save what,
// slugs (made from the headline, kept unique, 301s from every old one) and tags created on the fly.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bodyOf } from '../../test/support/content.js';
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
import { articleTag, LATEST } from '../articles/cache-tags.js';
import { currentSlugFor } from '../articles/redirects.js';
import { type DomainError, Forbidden, Invalid } from '../http/errors.js';
import { usesOfOneMedia } from '../media/admin/usage.js';
import { createArticle, saveArticle } from './drafts.js';
import { loadArticle } from './editable.js';
import { listRevisions, restoreRevision } from './revisions.js';
import { StaleSave } from './stale-save.js';
import { publishArticle, scheduleArticle } from './workflow.js';

describe.each(testDatabases)('drafts on $name', (database) => {
  let storage: TestStorage;
  let room: Newsroom;
  let events: CountingEvents;
  const deps = () => ({ db: storage.db, events });

  beforeEach(async () => {
    storage = await database.open();
    room = await newsroom(storage.db);
    events = countingEvents();
  });
  afterEach(async () => {
    await storage.cleanup();
  });

  it('creates a draft with a slug from its headline, its creator and revision 1', async () => {
    const article = await createArticle(storage.db, room.contributor, fieldsFor(room), 'manual', T0);
    expect(article.status).toBe('draft');
    expect(article.version).toBe(1);
    expect(article.createdBy).toBe(room.contributor.id);
    expect(article.fields.slug).toBe('russia-withdrawing-from-kharkiv-after-heavy-losses');
    const { revisions } = await listRevisions(storage.db, room.contributor, article.id);
    expect(revisions).toEqual([
      { version: 1, kind: 'manual', savedBy: 'Cora Contributor', savedAt: T0.toISOString(), via: null },
    ]);
  });

  it('gives a second article with the same headline the next free slug', async () => {
    await createArticle(storage.db, room.editor, fieldsFor(room), 'manual', T0);
    const second = await createArticle(storage.db, room.editor, fieldsFor(room), 'manual', T0);
    expect(second.fields.slug).toBe('russia-withdrawing-from-kharkiv-after-heavy-losses-2');
  });

  it('keeps every save as a revision and skips a save that changes nothing', async () => {
    const article = await createArticle(storage.db, room.editor, fieldsFor(room), 'manual', T0);
    const first = await saveArticle(
      deps(),
      room.editor,
      article.id,
      fieldsFor(room, { dek: 'A new dek.', slug: article.fields.slug }),
      {
        baseVersion: 1,
        kind: 'autosave',
        now: minutesAfter(T0, 1),
      },
    );
    expect(first.saved).toBe(true);
    expect(first.article.version).toBe(2);
    expect(first.article.fields.dek).toBe('A new dek.');
    const again = await saveArticle(deps(), room.editor, article.id, first.article.fields, {
      baseVersion: 2,
      kind: 'autosave',
      now: minutesAfter(T0, 2),
    });
    expect(again.saved).toBe(false);
    const { revisions } = await listRevisions(storage.db, room.editor, article.id);
    expect(revisions.map((r) => [r.version, r.kind])).toEqual([
      [2, 'autosave'],
      [1, 'manual'],
    ]);
  });

  it('refuses a save based on an old version, names who saved, and changes nothing', async () => {
    const article = await createArticle(storage.db, room.editor, fieldsFor(room), 'manual', T0);
    await saveArticle(
      deps(),
      room.admin,
      article.id,
      { ...article.fields, headline: 'The admin’s headline' },
      {
        baseVersion: 1,
        kind: 'manual',
        now: minutesAfter(T0, 1),
      },
    );
    const stale = saveArticle(
      deps(),
      room.editor,
      article.id,
      { ...article.fields, headline: 'The editor’s headline' },
      {
        baseVersion: 1,
        kind: 'manual',
        now: minutesAfter(T0, 2),
      },
    );
    await expect(stale).rejects.toBeInstanceOf(StaleSave);
    const error = (await stale.catch((e) => e)) as StaleSave;
    expect(error.status).toBe(409);
    expect(error.savedByName).toBe('Amara Admin');
    expect(error.current.version).toBe(2);
    expect(error.current.fields.headline).toBe('The admin’s headline');
    expect(error.message).toContain('your text is kept');
    expect((await loadArticle(storage.db, article.id)).fields.headline).toBe('The admin’s headline');
  });

  it('lets exactly one of two saves from the same version through', async () => {
    const article = await createArticle(storage.db, room.editor, fieldsFor(room), 'manual', T0);
    const results = await Promise.allSettled(
      ['First', 'Second'].map((headline, i) =>
        saveArticle(
          deps(),
          room.editor,
          article.id,
          { ...article.fields, headline },
          {
            baseVersion: 1,
            kind: 'manual',
            now: minutesAfter(T0, i + 1),
          },
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(StaleSave);
    const { revisions } = await listRevisions(storage.db, room.editor, article.id);
    expect(revisions.map((r) => r.version)).toEqual([2, 1]);
  });

  it('lets a contributor save only their own unpublished drafts', async () => {
    const own = await createArticle(storage.db, room.contributor, fieldsFor(room), 'manual', T0);
    const change = (who: typeof room.editor, baseVersion: number) =>
      saveArticle(
        deps(),
        who,
        own.id,
        { ...own.fields, dek: `Changed by ${who.name}` },
        {
          baseVersion,
          kind: 'manual',
          now: minutesAfter(T0, 1),
        },
      );
    await expect(change(room.otherContributor, 1)).rejects.toBeInstanceOf(Forbidden);
    await expect(change(room.contributor, 1)).resolves.toMatchObject({ saved: true });
    await publishArticle(deps(), room.editor, own.id, minutesAfter(T0, 2));
    const refused = await change(room.contributor, 2).catch((e) => e);
    expect(refused).toBeInstanceOf(Forbidden);
    expect(refused.message).toBe('This article is no longer a draft, so only editors can change it.');
    await expect(change(room.editor, 2)).resolves.toMatchObject({ saved: true });
  });

  it('records a 301 from every old slug of a published article, and none for a draft', async () => {
    const article = await createArticle(
      storage.db,
      room.editor,
      fieldsFor(room, { slug: 'first-slug' }),
      'manual',
      T0,
    );
    const save = async (slug: string, minute: number) => {
      const current = await loadArticle(storage.db, article.id);
      return saveArticle(
        deps(),
        room.editor,
        article.id,
        { ...current.fields, slug },
        {
          baseVersion: current.version,
          kind: 'manual',
          now: minutesAfter(T0, minute),
        },
      );
    };
    await save('draft-slug', 1);
    expect(await currentSlugFor(storage.db, 'first-slug')).toBeNull();

    await publishArticle(deps(), room.editor, article.id, minutesAfter(T0, 2));
    events.changes.length = 0;
    await save('second-slug', 3);
    await save('third-slug', 4);
    expect(events.changes).toEqual([
      expect.arrayContaining([articleTag(article.id), LATEST]),
      expect.arrayContaining([articleTag(article.id), LATEST]),
    ]);
    expect(await currentSlugFor(storage.db, 'draft-slug')).toBe('third-slug');
    expect(await currentSlugFor(storage.db, 'second-slug')).toBe('third-slug');
    expect(await currentSlugFor(storage.db, 'first-slug')).toBeNull();

    // Taking an old slug back: it is the article's address again, not a redirect to itself.
    await save('second-slug', 5);
    expect(await currentSlugFor(storage.db, 'second-slug')).toBeNull();
    expect(await currentSlugFor(storage.db, 'third-slug')).toBe('second-slug');
  });

  it('refuses a slug another article uses or used, naming it', async () => {
    const first = await createArticle(
      storage.db,
      room.editor,
      fieldsFor(room, { headline: 'First story', slug: 'taken' }),
      'manual',
      T0,
    );
    const second = await createArticle(
      storage.db,
      room.editor,
      fieldsFor(room, { headline: 'Second story' }),
      'manual',
      T0,
    );
    const attempt = (slug: string, baseVersion: number) =>
      saveArticle(
        deps(),
        room.editor,
        second.id,
        { ...second.fields, slug },
        {
          baseVersion,
          kind: 'manual',
          now: minutesAfter(T0, 1),
        },
      ).catch((e: DomainError) => e);
    const taken = await attempt('taken', 1);
    expect(taken).toBeInstanceOf(Invalid);
    expect((taken as DomainError).fields.slug).toBe(
      'Another article already uses this slug: “First story”. Choose another.',
    );

    await publishArticle(deps(), room.editor, first.id, minutesAfter(T0, 1));
    await saveArticle(
      deps(),
      room.editor,
      first.id,
      { ...first.fields, slug: 'moved' },
      {
        baseVersion: 1,
        kind: 'manual',
        now: minutesAfter(T0, 2),
      },
    );
    const used = await attempt('taken', 1);
    expect((used as DomainError).fields.slug).toContain('used to belong to another article');
  });

  it('creates tags on the fly and reuses existing ones by their spelling', async () => {
    const article = await createArticle(
      storage.db,
      room.editor,
      fieldsFor(room, { tags: ['Ukraine', 'NATO'] }),
      'manual',
      T0,
    );
    const saved = await saveArticle(
      deps(),
      room.editor,
      article.id,
      { ...article.fields, tags: ['ukraine', 'War in Europe'] },
      {
        baseVersion: 1,
        kind: 'manual',
        now: minutesAfter(T0, 1),
      },
    );
    expect(saved.article.fields.tags.sort()).toEqual(['Ukraine', 'War in Europe']);
    const tags = await storage.db.selectFrom('tags').select('name').orderBy('name').execute();
    expect(tags.map((t) => t.name)).toEqual(['NATO', 'Ukraine', 'War in Europe']);
  });

  it('tells the media library which articles use which images', async () => {
    const body = {
      type: 'doc' as const,
      content: [{ type: 'image' as const, attrs: { mediaId: room.mediaId } }],
    };
    const article = await createArticle(storage.db, room.editor, fieldsFor(room, { body }), 'manual', T0);
    const uses = await usesOfOneMedia(storage.db, room.mediaId);
    expect(uses.articles).toHaveLength(1);
    expect(uses.articles[0]).toMatchObject({
      articleId: article.id,
      status: 'draft',
      roles: ['hero', 'body'],
    });
    await saveArticle(
      deps(),
      room.editor,
      article.id,
      { ...article.fields, heroMediaId: null, body: bodyOf('No pictures.') },
      {
        baseVersion: 1,
        kind: 'manual',
        now: minutesAfter(T0, 1),
      },
    );
    expect((await usesOfOneMedia(storage.db, room.mediaId)).articles).toEqual([]);
  });

  it('names references that no longer exist', async () => {
    const error = await createArticle(
      storage.db,
      room.editor,
      fieldsFor(room, { sectionId: 9999, authorIds: [room.authorId, 9998], heroMediaId: 9997 }),
      'manual',
      T0,
    ).catch((e: DomainError) => e);
    expect(error).toBeInstanceOf(Invalid);
    expect((error as DomainError).fields).toEqual({
      sectionId: 'That section no longer exists. Choose another.',
      authorIds: 'One of the authors no longer exists.',
      heroMediaId: 'That image is not in the library.',
    });
  });

  it('never autosaves a published article, so half-typed text never goes live', async () => {
    const article = await createArticle(storage.db, room.editor, fieldsFor(room), 'manual', T0);
    await publishArticle(deps(), room.editor, article.id, minutesAfter(T0, 1));
    const error = await saveArticle(
      deps(),
      room.editor,
      article.id,
      { ...article.fields, body: bodyOf('Half a sen') },
      {
        baseVersion: 1,
        kind: 'autosave',
        now: minutesAfter(T0, 2),
      },
    ).catch((e: DomainError) => e);
    expect(error).toBeInstanceOf(Invalid);
    expect((await loadArticle(storage.db, article.id)).fields.body).toEqual(article.fields.body);
  });

  it('tells the writer when the newer version is their own, from another tab or window', async () => {
    const article = await createArticle(storage.db, room.editor, fieldsFor(room), 'manual', T0);
    const save = (dek: string, baseVersion: number) =>
      saveArticle(
        deps(),
        room.editor,
        article.id,
        { ...article.fields, dek },
        {
          baseVersion,
          kind: 'manual',
          now: minutesAfter(T0, 1),
        },
      );
    await save('From the first tab.', 1);
    const error = (await save('From the second tab.', 1).catch((e) => e)) as StaleSave;
    expect(error).toBeInstanceOf(StaleSave);
    expect(error.savedByYou).toBe(true);
    expect(error.message).toMatch(/^You saved a newer version of this article in another tab or window\. /);
    expect(error.message).not.toContain('Someone else');
    expect(error.message).toContain('your text is kept');
  });

  describe('of a scheduled article', () => {
    async function scheduledArticle(overrides = {}) {
      const article = await createArticle(storage.db, room.editor, fieldsFor(room, overrides), 'manual', T0);
      await scheduleArticle(deps(), room.editor, article.id, minutesAfter(T0, 60), T0);
      return loadArticle(storage.db, article.id);
    }

    it('refuses a save that would leave it unready, naming each missing thing, and changes nothing', async () => {
      const article = await scheduledArticle();
      const error = (await saveArticle(
        deps(),
        room.editor,
        article.id,
        { ...article.fields, sectionId: null, authorIds: [], body: { type: 'doc', content: [] } },
        { baseVersion: article.version, kind: 'manual', now: minutesAfter(T0, 5) },
      ).catch((e) => e)) as DomainError;
      expect(error).toBeInstanceOf(Invalid);
      expect(error.fields).toEqual({
        body: 'Write the body: it has no text yet.',
        sectionId: 'Choose a section.',
        authorIds: 'Add at least one author.',
      });
      expect(error.message).toContain('it is scheduled to publish itself');
      expect(error.message).toContain('Choose a section.');
      expect(error.message).toContain('What you typed is kept.');
      const stored = await loadArticle(storage.db, article.id);
      expect(stored.status).toBe('scheduled');
      expect(stored.version).toBe(article.version);
      expect(stored.fields).toEqual(article.fields);
    });

    it('refuses an image whose licence will have ended by its time', async () => {
      const article = await scheduledArticle();
      await storage.db
        .updateTable('media')
        .set({ license_expires_at: minutesAfter(T0, 30).toISOString() })
        .where('id', '=', room.mediaId)
        .execute();
      const error = (await saveArticle(
        deps(),
        room.editor,
        article.id,
        { ...article.fields, dek: 'A new dek.' },
        { baseVersion: article.version, kind: 'manual', now: minutesAfter(T0, 5) },
      ).catch((e) => e)) as DomainError;
      expect(error).toBeInstanceOf(Invalid);
      expect(Object.keys(error.fields)).toEqual(['heroMediaId']);
    });

    it('saves a change that keeps it ready, and it stays scheduled', async () => {
      const article = await scheduledArticle();
      const { saved, article: after } = await saveArticle(
        deps(),
        room.editor,
        article.id,
        { ...article.fields, dek: 'A sharper dek.' },
        { baseVersion: article.version, kind: 'manual', now: minutesAfter(T0, 5) },
      );
      expect(saved).toBe(true);
      expect(after.status).toBe('scheduled');
      expect(after.scheduledAt).toBe(minutesAfter(T0, 60).toISOString());
      expect(after.fields.dek).toBe('A sharper dek.');
    });

    it('never autosaves it: what is saved is what goes out at its time', async () => {
      const article = await scheduledArticle();
      const error = (await saveArticle(
        deps(),
        room.editor,
        article.id,
        { ...article.fields, body: bodyOf('Half a sen') },
        { baseVersion: article.version, kind: 'autosave', now: minutesAfter(T0, 5) },
      ).catch((e) => e)) as DomainError;
      expect(error).toBeInstanceOf(Invalid);
      expect(error.message).toContain('Scheduled articles are not saved automatically');
      expect((await loadArticle(storage.db, article.id)).fields.body).toEqual(article.fields.body);
    });

    it('refuses to restore an unfinished revision over it', async () => {
      const first = await createArticle(
        storage.db,
        room.editor,
        fieldsFor(room, { sectionId: null }),
        'manual',
        T0,
      );
      await saveArticle(
        deps(),
        room.editor,
        first.id,
        { ...first.fields, sectionId: room.sectionId },
        { baseVersion: 1, kind: 'manual', now: minutesAfter(T0, 1) },
      );
      await scheduleArticle(deps(), room.editor, first.id, minutesAfter(T0, 60), minutesAfter(T0, 2));
      const error = (await restoreRevision(deps(), room.editor, first.id, 1, minutesAfter(T0, 3)).catch(
        (e) => e,
      )) as DomainError;
      expect(error).toBeInstanceOf(Invalid);
      expect(error.fields).toEqual({ sectionId: 'Choose a section.' });
      const stored = await loadArticle(storage.db, first.id);
      expect(stored.status).toBe('scheduled');
      expect(stored.fields.sectionId).toBe(room.sectionId);
    });
  });
});
