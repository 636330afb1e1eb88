// An archive the import must refuse, on each database: cut short, a line that is not JSON, a line that breaks
// its schema, a reference to an image the archive lacks, a newer format, and a failure while writing; each
// with a message naming the file (and line), and nothing written: no row, no media file.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addArticle, addAuthor, bodyOf } from '../../test/support/content.js';
import { type TestStorage, testDatabases } from '../../test/support/databases.js';
import { LocalFileStore } from '../media/file-store.js';
import { importImage } from '../media/library.js';
import { loadSharp } from '../media/load-sharp.js';
import { importArchive } from './archive-import.js';
import { writeExportFile } from './create-export.js';

const SECRET = 'an-installations-secret-for-refusals-0123456789';

describe.each(testDatabases)('archive import refusals on $name', (database) => {
  let source: TestStorage;
  let target: TestStorage;
  let dir: string;
  let archive: string;
  let targetMedia: string;

  beforeAll(async () => {
    source = await database.open();
    target = await database.open();
    dir = await mkdtemp(join(tmpdir(), 'broadsheet-refusals-'));
    const store = new LocalFileStore(join(dir, 'source-media'));
    const sharp = await loadSharp();
    const data = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#884422' } })
      .png()
      .toBuffer();
    const image = await importImage(
      source.db,
      store,
      { data, altText: 'A square', rights: 'own' },
      new Date(),
    );
    const author = await addAuthor(source.db, 'ana', 'Ana');
    for (const slug of ['one', 'two', 'three'])
      await addArticle(source.db, {
        slug,
        authorIds: [author],
        heroMediaId: image.id,
        body: bodyOf(`Body of ${slug}`),
      });
    archive = join(dir, 'good.tar.gz');
    await writeExportFile({ db: source.db, store, siteAddress: 'https://old.example.org' }, archive);
    targetMedia = join(dir, 'target-media');
  }, 60_000);

  afterAll(async () => {
    await source?.cleanup();
    await target?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  const run = (file: string) =>
    importArchive({ db: target.db, store: new LocalFileStore(targetMedia), secret: SECRET }, file, {
      dryRun: false,
    });

  async function expectNothingWritten() {
    for (const table of ['articles', 'media', 'authors', 'article_revisions'] as const) {
      const row = await target.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(row.n), table).toBe(0);
    }
    const files = await readdir(targetMedia, { recursive: true, withFileTypes: true }).catch(() => []);
    expect(files.filter((f) => f.isFile()).map((f) => f.name)).toEqual([]);
  }

  /** The good archive with one file changed, packed again. */
  async function altered(name: string, change: (text: string) => string): Promise<string> {
    const folder = await mkdtemp(join(dir, 'unpacked-'));
    await tar.extract({ file: archive, cwd: folder });
    await writeFile(join(folder, name), change(await readFile(join(folder, name), 'utf8')));
    const out = `${folder}.tar.gz`;
    await tar.create({ gzip: true, file: out, cwd: folder }, await readdir(folder));
    return out;
  }

  it('refuses an archive cut short', async () => {
    const bytes = await readFile(archive);
    const cut = join(dir, 'cut.tar.gz');
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(run(cut)).rejects.toThrow(/damaged or cut short.*nothing was imported/);
    await expectNothingWritten();
  });

  it('refuses a line that is not JSON, naming its file and line', async () => {
    const file = await altered('articles.jsonl', (text) => {
      const lines = text.split('\n');
      lines[1] = lines[1]!.slice(0, 40);
      return lines.join('\n');
    });
    await expect(run(file)).rejects.toThrow('articles.jsonl line 2 is not valid JSON; nothing was imported.');
    await expectNothingWritten();
  });

  it('refuses a line that breaks its schema or refers to what the archive lacks', async () => {
    const badStatus = await altered('articles.jsonl', (text) =>
      text.replace('"status":"published"', '"status":"bogus"'),
    );
    await expect(run(badStatus)).rejects.toThrow(/^articles\.jsonl line 1: status: /);
    const missingImage = await altered('articles.jsonl', (text) =>
      text.replace(/"heroMediaId":\d+/, '"heroMediaId":999'),
    );
    await expect(run(missingImage)).rejects.toThrow(
      'articles.jsonl line 1: the hero image #999 is not in the archive',
    );
    await expectNothingWritten();
  });

  it('refuses an archive of a newer format version, saying which', async () => {
    const future = await altered('manifest.json', (text) =>
      text.replace('"formatVersion": 1', '"formatVersion": 2'),
    );
    await expect(run(future)).rejects.toThrow(
      /export format version 2 .*reads version 1\. Update Broadsheet/,
    );
    await expectNothingWritten();
  });

  it('exports a site whose store lost an image, and imports it without that image', async () => {
    const store = new LocalFileStore(join(dir, 'source-media'));
    const image = await source.db.selectFrom('media').select(['id', 'storage_key']).executeTakeFirstOrThrow();
    await store.delete(image.storage_key);
    const damaged = join(dir, 'damaged.tar.gz');
    const manifest = await writeExportFile(
      { db: source.db, store, siteAddress: 'https://old.example.org' },
      damaged,
    );
    expect(manifest.missingMedia).toEqual([{ id: image.id, key: image.storage_key }]);
    expect(manifest.counts.media).toBe(0);
    const other = await database.open();
    try {
      const report = await importArchive(
        { db: other.db, store: new LocalFileStore(join(dir, 'other-media')), secret: SECRET },
        damaged,
        { dryRun: false },
      );
      expect(report.warnings.map((w) => w.message).join()).toContain(`Image #${image.id}'s file was missing`);
      const heroes = await other.db.selectFrom('articles').select('hero_media_id').execute();
      expect(heroes).toEqual([{ hero_media_id: null }, { hero_media_id: null }, { hero_media_id: null }]);
    } finally {
      await other.cleanup();
    }
  });

  it('rolls everything back, media files included, when writing fails midway', async () => {
    // Two articles with one slug pass every check of the archive but not the database's unique slug.
    const clash = await altered('articles.jsonl', (text) => text.replace('"slug":"two"', '"slug":"one"'));
    await expect(run(clash)).rejects.toThrow(/failed while writing .*nothing was imported/);
    await expectNothingWritten();
    // And the good archive still goes in afterwards.
    const report = await run(archive);
    expect(report.counts.articles.imported).toBe(3);
    expect(report.counts.media.imported).toBe(1);
  });
});
