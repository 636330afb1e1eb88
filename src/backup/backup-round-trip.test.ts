// A newsroom backed up and restored on each database: every row of every table and every media file comes
// back identical, into an installation that is new, migrated and empty, or older than the backup's schema.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everyFile, everyRow, seedNewsroom } from '../../test/support/backup-contents.js';
import { newInstallation } from '../../test/support/backup-targets.js';
import { type TestStorage, testDatabases } from '../../test/support/databases.js';
import { LocalFileStore } from '../media/file-store.js';
import { openStorage } from '../storage/db.js';
import { MIGRATION_NAMES } from '../storage/migrate.js';
import { type BackupResult, createBackup } from './create-backup.js';
import { restoreBackup } from './restore-backup.js';

const SECRET = 'the-old-installations-secret-0123456789';

describe.each(testDatabases)('backup and restore on $name', (database) => {
  let source: TestStorage;
  let dir: string;
  let sourceMedia: string;
  let archive: string;
  let backup: BackupResult;

  beforeAll(async () => {
    source = await database.open();
    dir = await mkdtemp(join(tmpdir(), 'broadsheet-backup-test-'));
    sourceMedia = join(dir, 'media');
    await seedNewsroom(source.db, new LocalFileStore(sourceMedia));
    archive = join(dir, 'site.tar.gz');
    backup = await createBackup({
      databaseUrl: source.url!,
      store: new LocalFileStore(sourceMedia),
      file: archive,
      appSecret: SECRET,
    });
  });

  afterAll(async () => {
    await source.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes an archive only its owner may read, with a manifest of migrations, counts and files', async () => {
    expect((await stat(archive)).mode & 0o777).toBe(0o600);
    const { manifest } = backup;
    expect(manifest.dialect).toBe(database.name);
    expect(manifest.migrations).toEqual(MIGRATION_NAMES);
    expect(manifest.broadsheetVersion).toMatch(/^\d+\.\d+\.\d+/);
    const rows = await everyRow(source.db, source.dialect);
    // everyRow reads SQLite's search index through article_search, not FTS5's tables behind it.
    const listed = Object.keys(manifest.tables).filter((t) => !t.startsWith('article_search_'));
    expect(listed.sort()).toEqual(Object.keys(rows).sort());
    for (const [table, list] of Object.entries(rows))
      expect(manifest.tables[table]?.rows, table).toBe(list.length);
    expect(manifest.tables.articles!.rows).toBeGreaterThan(12);
    expect(manifest.tables.comments!.rows).toBe(120);
    const files = await everyFile(sourceMedia);
    expect(files.size).toBeGreaterThan(5);
    expect(manifest.media.map((f) => f.key).sort()).toEqual([...files.keys()].sort());
    expect(backup.missingMedia).toEqual([]);
  });

  for (const state of ['migrated', 'absent'] as const) {
    it(`restores every row and media file byte for byte into a ${state === 'absent' ? 'new, unmigrated' : 'migrated, empty'} installation`, async () => {
      const url = await newInstallation(database.name, dir, state);
      const media = join(dir, `restored-${state}`);
      const result = await restoreBackup({
        databaseUrl: url,
        store: new LocalFileStore(media),
        file: archive,
        // The secret the backup was made with, or another one: the restore tells which.
        appSecret: state === 'migrated' ? SECRET : 'a-new-installations-own-secret-987654321',
      });
      expect(result.sameSecret).toBe(state === 'migrated');
      expect(JSON.stringify(result.manifest)).not.toContain(SECRET);
      expect(result.rows.comments).toBe(120);
      expect(result.mediaFiles).toBe(backup.manifest.media.length);

      const target = openStorage(url, { poolSize: 2 });
      try {
        expect(await everyRow(target.db, target.dialect)).toEqual(await everyRow(source.db, source.dialect));
        const restored = await everyFile(media);
        const original = await everyFile(sourceMedia);
        expect([...restored.keys()]).toEqual([...original.keys()]);
        for (const [key, bytes] of original) expect(restored.get(key)?.equals(bytes), key).toBe(true);

        // New rows get new ids after the restored ones (PostgreSQL's sequences were moved past them).
        const last = await target.db
          .selectFrom('tags')
          .select((eb) => eb.fn.max('id').as('id'))
          .executeTakeFirstOrThrow();
        const added = await target.db
          .insertInto('tags')
          .values({ slug: 'after-restore', name: 'After' })
          .returning('id')
          .executeTakeFirstOrThrow();
        expect(added.id).toBeGreaterThan(Number(last.id));
      } finally {
        await target.close();
      }
    });
  }

  it('restores an older schema’s backup and brings it up to this version', async () => {
    const previous = MIGRATION_NAMES.at(-2)!;
    const oldUrl = await newInstallation(database.name, dir, { upTo: previous });
    const old = openStorage(oldUrl, { poolSize: 2 });
    try {
      await old.db.insertInto('tags').values({ slug: 'from-the-past', name: 'Old' }).execute();
    } finally {
      await old.close();
    }
    const oldArchive = join(dir, 'old.tar.gz');
    const made = await createBackup({
      databaseUrl: oldUrl,
      store: new LocalFileStore(join(dir, 'none')),
      file: oldArchive,
    });
    expect(made.manifest.migrations.at(-1)).toBe(previous);

    const url = await newInstallation(database.name, dir, 'absent');
    const restored = await restoreBackup({
      databaseUrl: url,
      store: new LocalFileStore(join(dir, 'old-media')),
      file: oldArchive,
      appSecret: SECRET,
    });
    // A backup made without a secret cannot say whether the new one matches.
    expect(restored.sameSecret).toBeNull();
    const target = openStorage(url, { poolSize: 2 });
    try {
      const names = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
        target.db,
      );
      expect(names.rows.map((r) => r.name)).toEqual(MIGRATION_NAMES);
      expect(await target.db.selectFrom('tags').select('slug').execute()).toEqual([
        { slug: 'from-the-past' },
      ]);
    } finally {
      await target.close();
    }
  });
});
