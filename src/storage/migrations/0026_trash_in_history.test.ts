// 0026 on a database with history in it, on both dialects: down then up again keeps every workflow step and
// every writer's unread return notice (SQLite rebuilds the table, and dropping the old one deletes the notices
// by cascade), and the CHECK takes the trash's two steps after it and no unknown one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestStorage, testDatabases } from '../../../test/support/databases.js';
import { fieldsFor, newsroom, T0 } from '../../../test/support/editorial.js';
import { createArticle } from '../../editorial/drafts.js';
import { down, up } from './0026_trash_in_history.js';

describe.each(testDatabases)('migration 0026 on $name', (database) => {
  let storage: TestStorage;
  beforeEach(async () => {
    storage = await database.open();
  });
  afterEach(async () => {
    await storage.cleanup();
  });

  const step = (articleId: number, staffId: number, action: string) =>
    storage.db
      .insertInto('article_activity')
      .values({
        article_id: articleId,
        // biome-ignore lint/suspicious/noExplicitAny: the CHECK, not the type, is what is tested.
        action: action as any,
        staff_id: staffId,
        via: null,
        created_at: T0.toISOString(),
        note: action === 'returned' ? 'Source the second quote.' : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

  it('keeps the steps and the return notices through down and up, and allows the trash steps after', async () => {
    const room = await newsroom(storage.db);
    const { id } = await createArticle(storage.db, room.contributor, fieldsFor(room), 'manual', T0);
    await step(id, room.contributor.id, 'submitted');
    const returned = await step(id, room.editor.id, 'returned');
    await storage.db
      .insertInto('review_notices')
      .values({ activity_id: returned.id, staff_id: room.contributor.id, seen_at: null })
      .execute();
    await step(id, room.contributor.id, 'trashed');
    const before = await storage.db.selectFrom('article_activity').selectAll().orderBy('id').execute();

    await storage.db.transaction().execute((trx) => down(trx));
    await expect(step(id, room.contributor.id, 'trashed')).rejects.toThrow(/check/i);
    await storage.db.transaction().execute((trx) => up(trx));

    const after = await storage.db.selectFrom('article_activity').selectAll().orderBy('id').execute();
    // Down forgets the trash's steps, which the older CHECK cannot hold; every other step is kept as it was.
    expect(after).toEqual(before.filter((s) => s.action !== 'trashed'));
    expect(await storage.db.selectFrom('review_notices').selectAll().execute()).toEqual([
      { activity_id: returned.id, staff_id: room.contributor.id, seen_at: null },
    ]);
    await step(id, room.editor.id, 'restored');
    await expect(step(id, room.editor.id, 'deleted')).rejects.toThrow(/check/i);
    // Deleting the article still takes its steps and their notices with it.
    await storage.db.deleteFrom('articles').where('id', '=', id).execute();
    expect(await storage.db.selectFrom('review_notices').selectAll().execute()).toEqual([]);
  });
});
