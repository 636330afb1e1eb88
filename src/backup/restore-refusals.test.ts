// Every way a restore refuses: input that is not a whole Broadsheet backup, a schema newer than this version,
// a backup of the other database, an installation that already has content or is in use, and a failure
// midway. Each gives one clear sentence, and afterwards the installation is exactly as it was.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everyFile, everyRow } from '../../test/support/backup-contents.js';
import { newInstallation } from '../../test/support/backup-targets.js';
import { addTag } from '../../test/support/content.js';
import { type TestStorage, testDatabases } from '../../test/support/databases.js';
import { LocalFileStore } from '../media/file-store.js';
import { openStorage } from '../storage/db.js';
import { MIGRATION_NAMES } from '../storage/migrate.js';
import { BackupError } from './backup-error.js';
import { createBackup } from './create-backup.js';
import { restoreBackup } from './restore-backup.js';

/** Unpacks an archive, lets `change` edit the files, and packs it again. */
async function repack(
  archive: string,
  out: string,
  change: (folder: string) => Promise<void>,
): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'broadsheet-repack-'));
  try {
    await tar.extract({ file: archive, cwd: folder });
    await change(folder);
    await tar.create({ gzip: true, file: out, cwd: folder }, ['.']);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

describe.each(testDatabases)('restore refuses, and changes nothing, on $name', (database) => {
  let source: TestStorage;
  let dir: string;
  let archive: string;
  let mediaKey: string;

  beforeAll(async () => {
    source = await database.open();
    dir = await mkdtemp(join(tmpdir(), 'broadsheet-refusals-'));
    const store = new LocalFileStore(join(dir, 'media'));
    await addTag(source.db, 'kept', 'Kept');
    // A media row with its files, written as an upload would have.
    mediaKey = 'a1b2c3/original.jpg';
    await store.put(mediaKey, Buffer.from('original bytes'), 'image/jpeg');
    await store.put('a1b2c3/640.webp', Buffer.from('variant bytes'), 'image/webp');
    await source.db
      .insertInto('media')
      .values({
        storage_key: mediaKey,
        mime_type: 'image/jpeg',
        width: 10,
        height: 10,
        bytes: 14,
        alt_text: 'A test image',
        caption: '',
        credit_person: '',
        credit_organization: '',
        rights: 'own',
        license_url: null,
        license_expires_at: null,
        copyright_notice: null,
        fallback_key: null,
        uploaded_by: null,
        updated_at: null,
        variants: JSON.stringify([{ format: 'webp', width: 640, key: 'a1b2c3/640.webp' }]),
        created_at: '2026-11-20T10:00:00.000Z',
      })
      .execute();
    archive = join(dir, 'good.tar.gz');
    await createBackup({ databaseUrl: source.url!, store, file: archive });
  });

  afterAll(async () => {
    await source.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  /** Restores `file` into a new empty installation and expects `message`; then checks nothing was written. */
  async function refused(file: string, message: RegExp, options: { knownMigrations?: string[] } = {}) {
    const url = await newInstallation(database.name, dir, 'migrated');
    const media = join(dir, `media-${Math.random().toString(36).slice(2)}`);
    const error = await restoreBackup({
      databaseUrl: url,
      store: new LocalFileStore(media),
      file,
      ...options,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
    expect((error as Error).message).not.toContain('127.0.0.1');
    const target = openStorage(url, { poolSize: 2 });
    try {
      for (const [table, rows] of Object.entries(await everyRow(target.db, target.dialect)))
        expect(rows, table).toEqual([]);
    } finally {
      await target.close();
    }
    expect((await everyFile(media)).size).toBe(0);
    // No half-made copy of the database is left beside the target.
    expect((await readdir(dir)).filter((name) => name.includes('.restoring-'))).toEqual([]);
  }

  it('a file that is not an archive', async () => {
    const file = join(dir, 'notes.tar.gz');
    await writeFile(file, 'these are not the droids\n'.repeat(50));
    await refused(file, /is not a \.tar\.gz archive/);
  });

  it('a missing file', async () => {
    await refused(join(dir, 'nowhere.tar.gz'), /There is no file at .*nowhere\.tar\.gz/);
  });

  it('an archive cut short', async () => {
    const file = join(dir, 'cut.tar.gz');
    const whole = await readFile(archive);
    await writeFile(file, whole.subarray(0, Math.floor(whole.length * 0.6)));
    await refused(file, /damaged or cut short/);
  });

  it('an archive without a manifest', async () => {
    const file = join(dir, 'no-manifest.tar.gz');
    await repack(archive, file, (folder) => rm(join(folder, 'manifest.json')));
    await refused(file, /not a Broadsheet backup: it has no manifest\.json/);
  });

  it('an archive of something else', async () => {
    const folder = join(dir, 'other');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'photo.jpg'), 'jpeg');
    const file = join(dir, 'other.tar.gz');
    await tar.create({ gzip: true, file, cwd: folder }, ['photo.jpg']);
    await refused(file, /holds photo\.jpg, which no Broadsheet backup does/);
  });

  it('a backup from a newer schema', async () => {
    await refused(
      archive,
      new RegExp(
        `made by a newer Broadsheet: its schema has migration ${MIGRATION_NAMES.at(-1)}.*Upgrade Broadsheet`,
      ),
      {
        knownMigrations: MIGRATION_NAMES.slice(0, -1),
      },
    );
  });

  it('a backup in a newer archive format', async () => {
    const file = join(dir, 'format-2.tar.gz');
    await repack(archive, file, async (folder) => {
      const manifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8'));
      await writeFile(join(folder, 'manifest.json'), JSON.stringify({ ...manifest, formatVersion: 2 }));
    });
    await refused(file, /archive format \(version 2\) is newer than this Broadsheet reads/);
  });

  it('a media file altered inside the archive', async () => {
    const file = join(dir, 'altered.tar.gz');
    await repack(archive, file, (folder) => writeFile(join(folder, 'media', mediaKey), 'other bytes!!!'));
    await refused(file, /media file a1b2c3\/original\.jpg in the archive differs from its manifest/);
  });

  it('a damaged database inside an archive that reads whole', async () => {
    const file = join(dir, 'damaged-rows.tar.gz');
    await repack(archive, file, (folder) =>
      database.name === 'sqlite'
        ? writeFile(join(folder, 'database', 'broadsheet.sqlite'), 'SQLite format 3\0 but nothing after it')
        : writeFile(join(folder, 'database', 'tags.jsonl'), '["1", "kept", \n'),
    );
    await refused(
      file,
      database.name === 'sqlite'
        ? /The archive's database (cannot be opened|does not match its manifest or is damaged)/
        : /Row 1 of tags in the archive is damaged\. Nothing was restored\./,
    );
  });

  it('a backup of the other database', async () => {
    const file = join(dir, 'other-dialect.tar.gz');
    await repack(archive, file, async (folder) => {
      const manifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8'));
      const other = manifest.dialect === 'sqlite' ? 'postgres' : 'sqlite';
      await writeFile(join(folder, 'manifest.json'), JSON.stringify({ ...manifest, dialect: other }));
    });
    await refused(file, /This backup is of a (SQLite|PostgreSQL) database and this installation uses/);
  });

  it('an installation that already has content, which it leaves as it was', async () => {
    const url = await newInstallation(database.name, dir, 'migrated');
    const target = openStorage(url, { poolSize: 2 });
    const media = join(dir, 'busy-media');
    await new LocalFileStore(media).put('own/file.jpg', Buffer.from('theirs'), 'image/jpeg');
    try {
      await addTag(target.db, 'theirs', 'Theirs');
      const before = await everyRow(target.db, target.dialect);
      if (target.dialect === 'sqlite') await target.close();
      const error = await restoreBackup({
        databaseUrl: url,
        store: new LocalFileStore(media),
        file: archive,
      }).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(/already holds content \(tags: 1\).*Nothing was changed\./);
      const after = target.dialect === 'sqlite' ? openStorage(url) : target;
      expect(await everyRow(after.db, after.dialect)).toEqual(before);
      if (after !== target) await after.close();
      expect([...(await everyFile(media)).keys()]).toEqual(['own/file.jpg']);
    } finally {
      if (target.dialect === 'postgres') await target.close();
    }
  });

  it('a failure while writing the media: the files written are removed and the database stays empty', async () => {
    const url = await newInstallation(database.name, dir, 'migrated');
    const media = join(dir, 'failing-media');
    const real = new LocalFileStore(media);
    let puts = 0;
    const failing = Object.assign(Object.create(real) as LocalFileStore, {
      put: async (key: string, data: Buffer, type: string) => {
        if (++puts === 2) throw new Error('disk unplugged');
        return real.put(key, data, type);
      },
    });
    await expect(restoreBackup({ databaseUrl: url, store: failing, file: archive })).rejects.toThrow(
      'disk unplugged',
    );
    expect(puts).toBe(2);
    expect((await everyFile(media)).size).toBe(0);
    const target = openStorage(url, { poolSize: 2 });
    try {
      for (const rows of Object.values(await everyRow(target.db, target.dialect))) expect(rows).toEqual([]);
    } finally {
      await target.close();
    }
  });

  if (database.name === 'sqlite') {
    it('a database file a server has open', async () => {
      const url = await newInstallation('sqlite', dir, 'migrated');
      const server = openStorage(url);
      try {
        await server.db.selectFrom('tags').selectAll().execute();
        const error = await restoreBackup({
          databaseUrl: url,
          store: new LocalFileStore(join(dir, 'open-media')),
          file: archive,
        }).catch((e: unknown) => e);
        expect((error as Error).message).toMatch(/The database is in use .*stop the server/);
        expect(await server.db.selectFrom('tags').selectAll().execute()).toEqual([]);
      } finally {
        await server.close();
      }
      expect((await everyFile(join(dir, 'open-media'))).size).toBe(0);
    });
  }

  it('and the good archive still restores', async () => {
    const url = await newInstallation(database.name, dir, 'absent');
    const media = join(dir, 'good-media');
    const result = await restoreBackup({ databaseUrl: url, store: new LocalFileStore(media), file: archive });
    expect(result.rows.tags).toBe(1);
    expect((await everyFile(media)).get(mediaKey)?.toString()).toBe('original bytes');
  });
});

// A file of zero bytes (a backup whose copy never began) is neither gzip nor tar.
describe('restore of an empty file', () => {
  it('says it is not an archive', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-empty-'));
    try {
      const file = join(dir, 'empty.tar.gz');
      await writeFile(file, '');
      const error = await restoreBackup({
        databaseUrl: `sqlite:${join(dir, 'db.sqlite')}`,
        store: new LocalFileStore(join(dir, 'm')),
        file,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BackupError);
      expect((error as Error).message).toMatch(
        /empty\.tar\.gz is not a \.tar\.gz archive; nothing was restored\./,
      );
      expect((await everyFile(join(dir, 'm'))).size).toBe(0);
      expect(await readdir(dir)).toEqual(['empty.tar.gz']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
