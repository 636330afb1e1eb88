// The demo newsroom plus generated content exported and imported into an empty Broadsheet on each database:
// the same articles (every field but who saved them), bodies, revisions, corrections, media details and
// original bytes, threaded comments in every status, and old addresses answering 301 through the real app.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { seedNewsroom } from '../../test/support/backup-contents.js';
import { type TestStorage, testDatabases } from '../../test/support/databases.js';
import { importedContent, seedExportExtras, UTF8 } from '../../test/support/export-contents.js';
import { LocalFileStore } from '../media/file-store.js';
import { importArchive } from './archive-import.js';
import { writeExportFile } from './create-export.js';
import { openExport } from './open-export.js';

const SECRET = 'the-importing-installations-secret-0123456789';

describe.each(testDatabases)('export and import on $name', (database) => {
  let source: TestStorage;
  let sourceStore: LocalFileStore;
  let dir: string;
  let archive: string;
  let target: TestApp;

  beforeAll(async () => {
    source = await database.open();
    dir = await mkdtemp(join(tmpdir(), 'broadsheet-export-test-'));
    sourceStore = new LocalFileStore(join(dir, 'media'));
    await seedNewsroom(source.db, sourceStore, 6);
    await seedExportExtras(source.db, sourceStore);
    archive = join(dir, 'site-export.tar.gz');
    await writeExportFile(
      { db: source.db, store: sourceStore, siteAddress: 'https://news.example.org' },
      archive,
    );
    target = await buildTestApp({ database });
  }, 120_000);

  afterAll(async () => {
    await target?.close();
    await source?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a manifest with the format, version, site and counts, and no secret or hash', async () => {
    const opened = await openExport(archive);
    try {
      expect(opened.manifest).toMatchObject({
        format: 'broadsheet-export',
        formatVersion: 1,
        personalData: true,
      });
      expect(opened.manifest.site.address).toBe('https://news.example.org');
      expect(opened.manifest.counts.articles).toBeGreaterThan(10);
      expect(opened.manifest.counts.comments).toBe(65);
      const people = await readFile(join(opened.folder, 'people.jsonl'), 'utf8');
      expect(people).not.toMatch(/argon2|password/i);
      const comments = await readFile(join(opened.folder, 'comments.jsonl'), 'utf8');
      expect(comments).toContain('lea.pending@example.org');
      expect(comments).not.toMatch(/key-|hash-|emailKey|ipKey/);
    } finally {
      await opened.dispose();
    }
  });

  it('a dry run checks everything and writes nothing', async () => {
    const report = await importArchive(
      { db: target.storage.db, store: target.files, secret: SECRET },
      archive,
      {
        dryRun: true,
      },
    );
    expect(report.dryRun).toBe(true);
    expect(report.counts.articles.imported).toBeGreaterThan(10);
    expect((await importedContent(target.storage.db)).articles).toEqual([]);
  });

  it('imports into an empty Broadsheet the same content, bodies, media and comments', async () => {
    const report = await importArchive(
      { db: target.storage.db, store: target.files, secret: SECRET },
      archive,
      {
        dryRun: false,
      },
    );
    expect(report.counts.comments.imported).toBe(65);
    const before = await importedContent(source.db);
    const after = await importedContent(target.storage.db);
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
    expect(JSON.stringify(after.articles)).toContain(UTF8);
    const comments = after.comments ?? [];
    expect(comments.map((c) => c.status)).toEqual(
      expect.arrayContaining(['approved', 'pending', 'spam', 'trash', 'erased']),
    );
    expect(Math.max(...comments.map((c) => c.depth as number))).toBe(2);

    // The originals byte for byte; the variants made again on this side.
    const sourceMedia = await source.db
      .selectFrom('media')
      .select(['id', 'storage_key'])
      .orderBy('id')
      .execute();
    const targetMedia = await target.storage.db
      .selectFrom('media')
      .select(['id', 'storage_key', 'variants'])
      .orderBy('id')
      .execute();
    expect(targetMedia.map((m) => m.id)).toEqual(sourceMedia.map((m) => m.id));
    for (const [i, m] of targetMedia.entries()) {
      expect(
        (await target.files.get(m.storage_key))?.equals(
          (await sourceStore.get(sourceMedia[i]!.storage_key))!,
        ),
      ).toBe(true);
      const variants = JSON.parse(m.variants) as Array<{ key: string }>;
      expect(variants.length).toBeGreaterThan(0);
      expect(await target.files.exists(variants[0]!.key)).toBe(true);
    }

    // A commenter's key is made with this installation's secret, so their history and bans work here.
    const email = await target.storage.db
      .selectFrom('comments')
      .select('email_key')
      .where('author_email', '=', 'lea.pending@example.org')
      .executeTakeFirstOrThrow();
    expect(email.email_key).toMatch(/^[\w-]{32}$/);
  }, 300_000);

  it('answers the old addresses with 301 through the real app, and new rows get new ids', async () => {
    const old = await target.app.inject({ method: 'GET', url: '/articles/everything-old' });
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe('/articles/everything-story');
    const story = await target.app.inject({ method: 'GET', url: '/articles/everything-story' });
    expect(story.statusCode).toBe(200);
    expect(story.body).toContain('Everything Ünïcödé');
    const max = await target.storage.db
      .selectFrom('articles')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    const added = await target.storage.db
      .insertInto('tags')
      .values({ slug: 'after-import', name: 'After' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(added.id).toBeGreaterThan(0);
    expect(Number(max.id)).toBeGreaterThan(10);
  });

  it('refuses a Broadsheet that is no longer empty', async () => {
    await expect(
      importArchive({ db: target.storage.db, store: target.files, secret: SECRET }, archive, {
        dryRun: false,
      }),
    ).rejects.toThrow(/not empty .*nothing was imported/);
  });
});
