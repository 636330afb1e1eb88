// Revisions on both databases: a readable diff between any two (words, names for ids, link targets) and a
// one-click restore that is itself a new revision, leaving the history whole.
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
import { Forbidden, NotFound } from '../http/errors.js';
import { createArticle, saveArticle } from './drafts.js';
import { loadArticle } from './editable.js';
import type { FieldDiff } from './field-diff.js';
import type { ArticleFields } from './fields.js';
import { compareRevisions, listRevisions, pendingRestore, restoreRevision } from './revisions.js';
import { publishArticle } from './workflow.js';

function changed(diff: FieldDiff) {
  return {
    removed: diff.parts.filter((p) => p.removed).map((p) => p.value.trim()),
    added: diff.parts.filter((p) => p.added).map((p) => p.value.trim()),
  };
}

describe.each(testDatabases)('revisions on $name', (database) => {
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

  async function saveAs(id: number, change: Partial<ArticleFields>, minute: number) {
    const current = await loadArticle(storage.db, id);
    return saveArticle(
      deps(),
      room.editor,
      id,
      { ...current.fields, ...change },
      {
        baseVersion: current.version,
        kind: 'manual',
        now: minutesAfter(T0, minute),
      },
    );
  }

  it('shows what changed between any two revisions, in words and names', async () => {
    const { id } = await createArticle(storage.db, room.editor, fieldsFor(room), 'manual', T0);
    await saveAs(id, { headline: 'Russia Withdraws From Kharkiv' }, 1);
    await saveAs(
      id,
      {
        authorIds: [room.authorId, room.secondAuthorId],
        body: {
          type: 'doc',
          content: [
            {
              type: 'paragraph',
              content: [
                { type: 'text', text: 'According to ' },
                {
                  type: 'text',
                  text: 'the ministry',
                  marks: [{ type: 'link', attrs: { href: 'https://gov.example/mod' } }],
                },
                { type: 'text', text: ', troops are leaving.' },
              ],
            },
          ],
        },
      },
      2,
    );
    const { changes, from, to } = await compareRevisions(storage.db, room.editor, id, 1, 3);
    expect(from.version).toBe(1);
    expect(to.version).toBe(3);
    expect(changes.map((c) => c.label)).toEqual(['Headline', 'Authors', 'Body']);
    expect(changed(changes[0]!)).toEqual({
      removed: ['Withdrawing', 'After Heavy Losses'],
      added: ['Withdraws'],
    });
    expect(changed(changes[1]!).added.join(' ')).toContain('Ben Writer');
    expect(
      changes[2]!.parts
        .filter((p) => p.added)
        .map((p) => p.value)
        .join(''),
    ).toContain('[→ https://gov.example/mod]');

    // Either direction, and only what differs.
    const back = await compareRevisions(storage.db, room.editor, id, 2, 1);
    expect(back.changes.map((c) => c.label)).toEqual(['Headline']);
  });

  it('restores an old revision as a new one, keeping the whole history', async () => {
    const { id } = await createArticle(
      storage.db,
      room.editor,
      fieldsFor(room, { body: bodyOf('The original.') }),
      'manual',
      T0,
    );
    await saveAs(id, { body: bodyOf('A rewrite.'), headline: 'Rewritten' }, 1);
    const restored = await restoreRevision(deps(), room.editor, id, 1, minutesAfter(T0, 2));
    expect(restored.article.version).toBe(3);
    expect(restored.article.fields.body).toEqual(bodyOf('The original.'));
    expect(restored.article.fields.headline).toBe(fieldsFor(room).headline);
    const { revisions } = await listRevisions(storage.db, room.editor, id);
    expect(revisions.map((r) => [r.version, r.kind])).toEqual([
      [3, 'restore'],
      [2, 'manual'],
      [1, 'manual'],
    ]);
    expect(events.changes).toEqual([]);
  });

  it('leaves a published story as it is on a restore: the old version becomes the change to Update', async () => {
    const { id } = await createArticle(storage.db, room.editor, fieldsFor(room), 'manual', T0);
    await publishArticle(deps(), room.editor, id, T0);
    await saveAs(id, { dek: 'A mistaken dek.' }, 1);
    events.changes.length = 0;
    const outcome = await restoreRevision(deps(), room.editor, id, 1, minutesAfter(T0, 2));
    expect(outcome.pending).toBe(true);
    const live = await loadArticle(storage.db, id);
    expect(live.version).toBe(2);
    expect(live.fields.dek).toBe('A mistaken dek.');
    expect(events.changes).toEqual([]);
    const { revisions } = await listRevisions(storage.db, room.editor, id);
    expect(revisions.map((r) => r.kind)).not.toContain('restore');
    // What the editor is told would change: only the dek, not fields the two versions share.
    const pending = await pendingRestore(storage.db, live, 1);
    expect(pending.fields.dek).toBe(fieldsFor(room).dek);
    expect(pending.changed).toEqual(['Dek']);
    await expect(pendingRestore(storage.db, live, 9)).rejects.toBeInstanceOf(NotFound);
  });

  it('shows a contributor the history of their own articles only', async () => {
    const own = await createArticle(storage.db, room.contributor, fieldsFor(room), 'manual', T0);
    const others = await createArticle(
      storage.db,
      room.otherContributor,
      fieldsFor(room, { authorIds: [room.secondAuthorId] }),
      'manual',
      T0,
    );
    await expect(listRevisions(storage.db, room.contributor, own.id)).resolves.toBeTruthy();
    await expect(listRevisions(storage.db, room.contributor, others.id)).rejects.toBeInstanceOf(Forbidden);
    await expect(restoreRevision(deps(), room.contributor, others.id, 1, T0)).rejects.toBeInstanceOf(
      Forbidden,
    );
  });
});
