// The trash on both databases: a never-published article goes in and frees its slug at once, is out of every
// list and of the search index, comes back (under a new slug when its own was taken meanwhile), and is deleted
// for good by hand or after 30 days with everything hanging off it, `article.deleted` queued once. Published
// and once-published articles are refused; guardian.ts's rule holds for each role.
import { sql } from 'kysely';
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
import type { StaffMember } from '../admin/guardian.js';
import { Forbidden, Invalid, NotFound } from '../http/errors.js';
import { dialectOf } from '../storage/prepared.js';
import { createArticle, saveArticle } from './drafts.js';
import { loadArticle } from './editable.js';
import { listArticles, readListQuery } from './listing.js';
import { listRevisions } from './revisions.js';
import {
  deleteTrashedArticle,
  listTrash,
  PUBLISHED_REFUSAL,
  purgeExpiredTrash,
  restoreArticle,
  trashArticle,
} from './trash.js';
import { publishArticle, scheduleArticle, submitForReview, unpublishArticle } from './workflow.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe.each(testDatabases)('the trash on $name', (database) => {
  let storage: TestStorage;
  let room: Newsroom;
  const deps = () => ({ db: storage.db, events: countingEvents() });
  const draftBy = (who: StaffMember, overrides = {}) =>
    createArticle(storage.db, who, fieldsFor(room, overrides), 'manual', T0);
  const listed = async (who: StaffMember, q = '') =>
    (await listArticles(storage.db, who, readListQuery({ q }))).items.map((a) => a.id);

  async function indexed(id: number): Promise<boolean> {
    const { rows } =
      dialectOf(storage.db) === 'postgres'
        ? await sql`select article_id from article_search where article_id = ${id}`.execute(storage.db)
        : await sql`select rowid from article_search where rowid = ${id}`.execute(storage.db);
    return rows.length === 1;
  }

  async function countOf(table: string, column: string, id: number): Promise<number> {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}
      where ${sql.ref(column)} = ${id}`.execute(storage.db);
    return Number(rows[0]!.n);
  }

  async function wantDeletedEvents() {
    await storage.db
      .insertInto('webhook_endpoints')
      .values({
        url: 'https://receiver.example.org/hook',
        events: JSON.stringify(['article.deleted']),
        secret: 'whsec_test',
        created_at: T0.toISOString(),
        updated_at: T0.toISOString(),
      })
      .execute();
  }

  const deletedEvents = () =>
    storage.db
      .selectFrom('webhook_events')
      .select(['type', 'data'])
      .where('type', '=', 'article.deleted')
      .execute();

  beforeEach(async () => {
    storage = await database.open();
    room = await newsroom(storage.db);
  });
  afterEach(async () => {
    await storage.cleanup();
  });

  it('frees the slug at once: the next article with the same headline gets the clean slug, not "-2"', async () => {
    const first = await draftBy(room.contributor);
    expect(first.fields.slug).toBe('russia-withdrawing-from-kharkiv-after-heavy-losses');
    await trashArticle(deps(), room.contributor, first.id, minutesAfter(T0, 1));
    const second = await draftBy(room.editor);
    expect(second.fields.slug).toBe('russia-withdrawing-from-kharkiv-after-heavy-losses');
    // An explicit slug equal to the trashed one is accepted as well.
    const third = await createArticle(
      storage.db,
      room.editor,
      fieldsFor(room, { headline: 'Other', slug: 'other' }),
      'manual',
      T0,
    );
    await trashArticle(deps(), room.editor, third.id, T0);
    const fourth = await createArticle(
      storage.db,
      room.editor,
      fieldsFor(room, { headline: 'Else', slug: 'other' }),
      'manual',
      T0,
    );
    expect(fourth.fields.slug).toBe('other');
  });

  it('hides a trashed article from the lists, the staff search, the index and every editing path', async () => {
    const { id, version } = await draftBy(room.contributor);
    expect(await indexed(id)).toBe(true);
    expect(await listed(room.editor, 'Kharkiv')).toContain(id);
    await trashArticle(deps(), room.contributor, id, T0);
    expect(await indexed(id)).toBe(false);
    expect(await listed(room.editor)).not.toContain(id);
    expect(await listed(room.contributor)).not.toContain(id);
    // Found by a word of the body only through the index: that too finds nothing.
    expect(await listed(room.editor, 'Federation')).not.toContain(id);
    await expect(loadArticle(storage.db, id)).rejects.toThrow(/in the trash/);
    await expect(
      saveArticle(deps(), room.contributor, id, fieldsFor(room, { dek: 'Typed in another tab' }), {
        baseVersion: version,
        kind: 'autosave',
        now: T0,
      }),
    ).rejects.toBeInstanceOf(NotFound);
    await expect(publishArticle(deps(), room.editor, id, T0)).rejects.toBeInstanceOf(NotFound);
    // "trash" is the trash screen's, not a status the list (or the admin API reading it) takes.
    expect(() => readListQuery({ status: 'trash' })).toThrow(Invalid);
    expect((await listTrash(storage.db, room.contributor)).map((t) => t.id)).toEqual([id]);
  });

  it('refuses published and once-published articles: they can only be unpublished', async () => {
    const published = await draftBy(room.editor);
    await publishArticle(deps(), room.editor, published.id, T0);
    await expect(trashArticle(deps(), room.editor, published.id, T0)).rejects.toThrow(PUBLISHED_REFUSAL);
    await unpublishArticle(deps(), room.editor, published.id, minutesAfter(T0, 1));
    await expect(trashArticle(deps(), room.editor, published.id, T0)).rejects.toBeInstanceOf(Invalid);
    // Published once, though its date was cleared since: the history says so.
    await storage.db
      .updateTable('articles')
      .set({ status: 'draft', published_at: null })
      .where('id', '=', published.id)
      .execute();
    await expect(trashArticle(deps(), room.editor, published.id, T0)).rejects.toThrow(PUBLISHED_REFUSAL);
    expect((await loadArticle(storage.db, published.id)).fields.slug).toBe(published.fields.slug);
  });

  it('takes a scheduled article off the schedule as it goes to the trash', async () => {
    const { id } = await draftBy(room.editor);
    await scheduleArticle(deps(), room.editor, id, minutesAfter(T0, 60), T0);
    await trashArticle(deps(), room.editor, id, minutesAfter(T0, 1));
    const row = await storage.db
      .selectFrom('articles')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'draft',
      scheduled_at: null,
      trashed_slug: 'russia-withdrawing-from-kharkiv-after-heavy-losses',
    });
    expect(row.slug).toBe(`trashed~${id}`);
  });

  it('restores as a draft under its own slug, or a new one when its slug was taken meanwhile', async () => {
    const { id } = await draftBy(room.contributor);
    await trashArticle(deps(), room.contributor, id, T0);
    expect(await restoreArticle(deps(), room.contributor, id, minutesAfter(T0, 1))).toEqual({
      id,
      slug: 'russia-withdrawing-from-kharkiv-after-heavy-losses',
      lostSlug: null,
    });
    const back = await loadArticle(storage.db, id);
    expect(back.status).toBe('draft');
    expect(await indexed(id)).toBe(true);
    expect(await listed(room.contributor)).toContain(id);

    await trashArticle(deps(), room.contributor, id, minutesAfter(T0, 2));
    const taker = await draftBy(room.editor);
    expect(taker.fields.slug).toBe('russia-withdrawing-from-kharkiv-after-heavy-losses');
    const restored = await restoreArticle(deps(), room.editor, id, minutesAfter(T0, 3));
    expect(restored).toEqual({
      id,
      slug: 'russia-withdrawing-from-kharkiv-after-heavy-losses-2',
      lostSlug: 'russia-withdrawing-from-kharkiv-after-heavy-losses',
    });
    expect((await loadArticle(storage.db, id)).fields.slug).toBe(restored.slug);
    await expect(restoreArticle(deps(), room.editor, id, T0)).rejects.toThrow(/not in the trash/);
  });

  it('writes each move to the trash and each restore to the article history, with who did it and when', async () => {
    const { id } = await draftBy(room.contributor);
    await trashArticle(deps(), room.contributor, id, minutesAfter(T0, 1));
    await restoreArticle(deps(), room.editor, id, minutesAfter(T0, 2));
    const { activity } = await listRevisions(storage.db, room.editor, id);
    expect(activity.map((a) => [a.action, a.by, a.at])).toEqual([
      ['restored', 'Eli Editor', minutesAfter(T0, 2).toISOString()],
      ['trashed', 'Cora Contributor', minutesAfter(T0, 1).toISOString()],
    ]);
    // A refused move writes nothing.
    await publishArticle(deps(), room.editor, id, minutesAfter(T0, 3));
    await expect(trashArticle(deps(), room.editor, id, minutesAfter(T0, 4))).rejects.toThrow(Invalid);
    const after = await listRevisions(storage.db, room.editor, id);
    expect(after.activity.map((a) => a.action)).toEqual(['published', 'restored', 'trashed']);
  });

  it('lets a writer trash and restore only their own drafts, editors any, and only editors delete', async () => {
    const own = await draftBy(room.contributor);
    const others = await draftBy(room.otherContributor, { authorIds: [room.secondAuthorId] });
    await expect(trashArticle(deps(), room.contributor, others.id, T0)).rejects.toBeInstanceOf(Forbidden);
    const submitted = await draftBy(room.contributor);
    await submitForReview(deps(), room.contributor, submitted.id, T0);
    await expect(trashArticle(deps(), room.contributor, submitted.id, T0)).rejects.toBeInstanceOf(Forbidden);
    await trashArticle(deps(), room.editor, submitted.id, T0);
    await trashArticle(deps(), room.contributor, own.id, T0);
    await trashArticle(deps(), room.admin, others.id, T0);
    // A contributor sees and restores their own, not someone else's.
    expect((await listTrash(storage.db, room.contributor)).map((t) => t.id).sort()).toEqual(
      [own.id, submitted.id].sort(),
    );
    await expect(restoreArticle(deps(), room.contributor, others.id, T0)).rejects.toBeInstanceOf(Forbidden);
    await expect(deleteTrashedArticle(deps(), room.contributor, own.id, T0)).rejects.toBeInstanceOf(
      Forbidden,
    );
    expect((await listTrash(storage.db, room.editor)).length).toBe(3);
  });

  it('empties the trash after 30 days: the article and all it had go, article.deleted queued once', async () => {
    await wantDeletedEvents();
    const { id } = await draftBy(room.contributor);
    await saveArticle(deps(), room.contributor, id, fieldsFor(room, { dek: 'A second version' }), {
      baseVersion: 1,
      kind: 'manual',
      now: minutesAfter(T0, 1),
    });
    await submitForReview(deps(), room.contributor, id, minutesAfter(T0, 2));
    // A never-published article has no comments; if one had, it would go too.
    await storage.db
      .insertInto('comments')
      .values({
        article_id: id,
        depth: 0,
        status: 'pending',
        body: 'Early',
        author_name: 'Reader',
        author_email: 'reader@example.org',
        email_key: 'k',
        author_url: '',
        notify_replies: 0,
        body_hash: 'h',
        spam_score: 0,
        created_at: T0.toISOString(),
        status_changed_at: T0.toISOString(),
      })
      .execute();
    const kept = await draftBy(room.editor, { headline: 'Kept in the newsroom' });
    const trashedAt = minutesAfter(T0, 3);
    await trashArticle(deps(), room.editor, id, trashedAt);
    expect(await countOf('article_media', 'article_id', id)).toBeGreaterThan(0);

    expect(await purgeExpiredTrash(storage.db, new Date(trashedAt.getTime() + 30 * DAY_MS - 60_000))).toBe(0);
    expect(await countOf('articles', 'id', id)).toBe(1);
    const later = new Date(trashedAt.getTime() + 30 * DAY_MS + 60_000);
    expect(await purgeExpiredTrash(storage.db, later)).toBe(1);
    for (const [table, column] of [
      ['articles', 'id'],
      ['article_revisions', 'article_id'],
      ['article_activity', 'article_id'],
      ['article_media', 'article_id'],
      ['article_authors', 'article_id'],
      ['article_tags', 'article_id'],
      ['comments', 'article_id'],
    ] as const) {
      expect(await countOf(table, column, id), table).toBe(0);
    }
    expect(await indexed(id)).toBe(false);
    expect(await purgeExpiredTrash(storage.db, new Date(later.getTime() + DAY_MS))).toBe(0);
    const events = await deletedEvents();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.data)).toEqual({ id, deletedAt: later.toISOString() });
    // Everything else stays.
    expect((await loadArticle(storage.db, kept.id)).fields.headline).toBe('Kept in the newsroom');
    expect(await indexed(kept.id)).toBe(true);
  });

  it('deletes permanently from the trash by an editor, with article.deleted, and only what is in the trash', async () => {
    await wantDeletedEvents();
    const { id } = await draftBy(room.contributor);
    await expect(deleteTrashedArticle(deps(), room.editor, id, T0)).rejects.toThrow(/not in the trash/);
    await trashArticle(deps(), room.contributor, id, T0);
    await deleteTrashedArticle(deps(), room.editor, id, minutesAfter(T0, 5));
    expect(await countOf('articles', 'id', id)).toBe(0);
    expect(await deletedEvents()).toHaveLength(1);
    await expect(deleteTrashedArticle(deps(), room.editor, id, T0)).rejects.toBeInstanceOf(NotFound);
    expect(await deletedEvents()).toHaveLength(1);
  });
});
