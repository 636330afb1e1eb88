// Inserts compiled once per shape: the same rows Kysely would write, ids back, conflicts skipped, on both
// databases, and a row missing a column refused rather than written with a null it was not given.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStorage, testDatabases } from '../../test/support/databases.js';
import { insertRowReturningId, insertRows } from './row-insert.js';

describe.each(testDatabases)('insertRows on $name', (database) => {
  let storage: TestStorage;
  beforeAll(async () => {
    storage = await database.open();
  });
  afterAll(() => storage.cleanup());

  const now = '2026-01-01T00:00:00.000Z';
  const redirect = (old_path: string, target_id: number) => ({
    old_path,
    target_kind: 'article' as const,
    target_id,
    source_site: 'https://old.example.org',
    created_at: now,
  });

  it('writes many rows in one statement, and again with the same shape and new values', async () => {
    await insertRows(storage.db, 'legacy_redirects', [redirect('/a', 1), redirect('/b', 2)]);
    await insertRows(storage.db, 'legacy_redirects', [redirect('/c', 3), redirect('/d', 4)]);
    const rows = await storage.db
      .selectFrom('legacy_redirects')
      .select(['old_path', 'target_id'])
      .orderBy('old_path')
      .execute();
    expect(rows).toEqual([
      { old_path: '/a', target_id: 1 },
      { old_path: '/b', target_id: 2 },
      { old_path: '/c', target_id: 3 },
      { old_path: '/d', target_id: 4 },
    ]);
  });

  it('skips rows already there and returns only the ones it wrote', async () => {
    const made = await insertRows(storage.db, 'legacy_redirects', [redirect('/a', 9), redirect('/e', 5)], {
      skipConflictOn: 'old_path',
      returning: 'old_path',
    });
    expect(made).toEqual([{ old_path: '/e' }]);
    const kept = await storage.db
      .selectFrom('legacy_redirects')
      .select('target_id')
      .where('old_path', '=', '/a')
      .executeTakeFirstOrThrow();
    expect(kept.target_id).toBe(1);
  });

  it('returns the id of each row it inserts, one after the other', async () => {
    const tag = (slug: string) => insertRowReturningId(storage.db, 'tags', { slug, name: slug });
    const first = await tag('harbour');
    const second = await tag('council');
    expect(second).toBeGreaterThan(first);
    const rows = await storage.db.selectFrom('tags').select(['id', 'slug']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: first, slug: 'harbour' },
      { id: second, slug: 'council' },
    ]);
  });

  it('refuses a row without a column the first row has', async () => {
    const partial = { old_path: '/f', target_kind: 'article', target_id: 6 } as ReturnType<typeof redirect>;
    await expect(insertRows(storage.db, 'legacy_redirects', [redirect('/g', 7), partial])).rejects.toThrow(
      /a row has no “source_site”/,
    );
    const none = await storage.db
      .selectFrom('legacy_redirects')
      .select('old_path')
      .where('old_path', 'in', ['/f', '/g'])
      .execute();
    expect(none).toEqual([]);
  });

  it('writes nothing for no rows', async () => {
    expect(await insertRows(storage.db, 'legacy_redirects', [])).toEqual([]);
  });
});
