// A site that moved in from WordPress and then moves to another Broadsheet keeps its old WordPress addresses:
// a small WXR file imported, the site exported, the archive imported into an empty Broadsheet, and `?p=`,
// `?page_id=`, the old permalink and a category archive answering 301 through the real app there. An archive
// whose kept address leads nowhere, or names one address twice, is refused with nothing written. The import's
// ledger travels too (imports.jsonl), so the same WordPress export imported on the new Broadsheet brings
// nothing twice; an archive made before the ledger was exported is still read.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { type TestStorage, testDatabases } from '../../test/support/databases.js';
import { importDeps } from '../../test/support/import-records.js';
import { buildWxr } from '../../test/support/wxr-builder.js';
import { runImport } from '../import/run-import.js';
import { readWxr } from '../import/wordpress/wxr-reader.js';
import { LocalFileStore } from '../media/file-store.js';
import { localContentEvents } from '../storage/content-events.js';
import { importArchive } from './archive-import.js';
import { writeExportFile } from './create-export.js';

const SECRET = 'the-next-installations-secret-0123456789abcdef';
const OLD = 'https://old.example.org';

const wxr = buildWxr(
  {
    link: OLD,
    authors: [{ id: 1, login: 'ana', displayName: 'Ana Reporter' }],
    categories: [{ id: 10, slug: 'news', name: 'News' }],
  },
  [
    {
      id: 42,
      title: 'Harbour deal signed',
      slug: 'harbour-deal',
      link: `${OLD}/2020/01/04/harbour-deal/`,
      date: '2020-01-04 10:00:00',
      creator: 'ana',
      content: '<p>The deal was signed on the quay.</p>',
      terms: [['category', 'news', 'News']],
    },
    {
      id: 43,
      title: 'About us',
      type: 'page',
      slug: 'about-us',
      link: `${OLD}/about-us/`,
      content: '<p>Who we are.</p>',
    },
  ],
);

describe.each(testDatabases)('WordPress addresses through an export on $name', (database) => {
  let source: TestStorage;
  let target: TestApp;
  let dir: string;
  let archive: string;

  beforeAll(async () => {
    source = await database.open();
    dir = await mkdtemp(join(tmpdir(), 'broadsheet-legacy-export-'));
    const store = new LocalFileStore(join(dir, 'source-media'));
    const file = join(dir, 'export.xml');
    await writeFile(file, wxr);
    await runImport(importDeps(source, store, localContentEvents(), readWxr), {
      system: 'wordpress',
      file,
      dryRun: false,
    });
    archive = join(dir, 'site-export.tar.gz');
    await writeExportFile({ db: source.db, store, siteAddress: 'https://first.example.org' }, archive);
    target = await buildTestApp({ database });
  }, 120_000);

  afterAll(async () => {
    await target?.close();
    await source?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  const run = (file: string) =>
    importArchive({ db: target.storage.db, store: target.files, secret: SECRET }, file, { dryRun: false });

  const legacyRows = (db: TestStorage['db']) =>
    db
      .selectFrom('legacy_redirects')
      .select(['old_path', 'target_kind', 'target_id', 'source_site', 'created_at'])
      .orderBy('old_path')
      .execute();

  const ledgerRows = (db: TestStorage['db']) =>
    db
      .selectFrom('import_items')
      .selectAll()
      .orderBy('source_site')
      .orderBy('source_kind')
      .orderBy('source_id')
      .execute();

  /** The archive with one JSON-lines file changed (null: left out, as before it existed), packed again. */
  async function altered(
    change: (lines: string[]) => string[] | null,
    file: 'redirects' | 'imports' = 'redirects',
  ): Promise<string> {
    const folder = await mkdtemp(join(dir, 'unpacked-'));
    await tar.extract({ file: archive, cwd: folder });
    const name = join(folder, `${file}.jsonl`);
    const lines = (await readFile(name, 'utf8')).split('\n').filter(Boolean);
    const changed = change(lines);
    const manifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8'));
    if (changed === null) {
      await rm(name);
      delete manifest.counts[file];
    } else {
      await writeFile(name, changed.map((l) => `${l}\n`).join(''));
      manifest.counts[file] = changed.length;
    }
    await writeFile(join(folder, 'manifest.json'), JSON.stringify(manifest));
    const out = `${folder}.tar.gz`;
    await tar.create({ gzip: true, file: out, cwd: folder }, await readdir(folder));
    return out;
  }

  it('writes the kept addresses into redirects.jsonl as legacy lines', async () => {
    const folder = await mkdtemp(join(dir, 'look-'));
    await tar.extract({ file: archive, cwd: folder });
    const lines = (await readFile(join(folder, 'redirects.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const rows = await legacyRows(source.db);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(lines).toHaveLength(rows.length);
    expect(lines).toContainEqual(
      expect.objectContaining({ kind: 'legacy', oldPath: '?p=42', targetKind: 'article', sourceSite: OLD }),
    );
  });

  it('refuses a kept address that leads to what the archive lacks, or comes twice, writing nothing', async () => {
    const nowhere = await altered((lines) =>
      lines.map((l) => (l.includes('"?p=42"') ? l.replace(/"targetId":\d+/, '"targetId":999') : l)),
    );
    await expect(run(nowhere)).rejects.toThrow(
      /^redirects\.jsonl line \d+: the article #999 is not in the archive/,
    );
    const twice = await altered((lines) => [...lines, lines.find((l) => l.includes('"?p=42"'))!]);
    await expect(run(twice)).rejects.toThrow(/^redirects\.jsonl line \d+: the address \?p=42 comes twice/);
    const badKind = await altered((lines) =>
      lines.map((l) =>
        l.includes('"?p=42"') ? l.replace('"targetKind":"article"', '"targetKind":"post"') : l,
      ),
    );
    await expect(run(badKind)).rejects.toThrow(/^redirects\.jsonl line \d+: targetKind/);
    expect(await legacyRows(target.storage.db)).toEqual([]);
    const articles = await target.storage.db.selectFrom('articles').select('id').execute();
    expect(articles).toEqual([]);
  });

  it('refuses a ledger line naming what the archive lacks, or one old item twice, writing nothing', async () => {
    const nowhere = await altered(
      (lines) =>
        lines.map((l) =>
          l.includes('"sourceKind":"article"') ? l.replace(/"localId":\d+/, '"localId":999') : l,
        ),
      'imports',
    );
    await expect(run(nowhere)).rejects.toThrow(
      /^imports\.jsonl line \d+: the article #999 is not in the archive/,
    );
    const twice = await altered((lines) => [...lines, lines[0]!], 'imports');
    await expect(run(twice)).rejects.toThrow(/^imports\.jsonl line \d+: .* comes twice/);
    expect(await ledgerRows(target.storage.db)).toEqual([]);
  });

  it('reads an archive made before the ledger was exported', async () => {
    const before = await buildTestApp({ database });
    try {
      const report = await importArchive(
        { db: before.storage.db, store: before.files, secret: SECRET },
        await altered(() => null, 'imports'),
        { dryRun: false },
      );
      expect(report.counts.articles.imported).toBe(1);
      expect(await ledgerRows(before.storage.db)).toEqual([]);
    } finally {
      await before.close();
    }
  });

  it('brings them back, so the old WordPress addresses answer 301 on the new Broadsheet', async () => {
    const report = await run(archive);
    const rows = await legacyRows(source.db);
    expect(report.counts.redirects.imported).toBe(rows.length);
    expect(await legacyRows(target.storage.db)).toEqual(rows);
    for (const [from, to] of [
      ['/?p=42', '/articles/harbour-deal'],
      ['/2020/01/04/harbour-deal/', '/articles/harbour-deal'],
      ['/?page_id=43', '/about-us'],
      ['/category/news/', '/sections/news'],
    ]) {
      const response = await target.app.inject({ method: 'GET', url: from! });
      expect(response.statusCode, from).toBe(301);
      expect(response.headers.location, from).toBe(to);
    }
    const story = await target.app.inject({ method: 'GET', url: '/articles/harbour-deal' });
    expect(story.statusCode).toBe(200);
    expect(story.body).toContain('The deal was signed on the quay.');
  });

  it('brings the import ledger too: the same WordPress export on the new Broadsheet brings nothing twice', async () => {
    const ledger = await ledgerRows(source.db);
    expect(ledger.length).toBeGreaterThanOrEqual(4);
    expect(await ledgerRows(target.storage.db)).toEqual(ledger);
    const file = join(dir, 'export-again.xml');
    await writeFile(file, wxr);
    const again = await runImport(importDeps(target.storage, target.files, localContentEvents(), readWxr), {
      system: 'wordpress',
      file,
      dryRun: false,
    });
    expect(again.counts.articles).toMatchObject({ imported: 0, updated: 0 });
    expect(again.counts.pages).toMatchObject({ imported: 0, updated: 0 });
    expect(again.counts.people.imported + again.counts.sections.imported).toBe(0);
    const articles = await target.storage.db.selectFrom('articles').select('slug').execute();
    expect(articles).toEqual([{ slug: 'harbour-deal' }]);
  });
});
