// Attachments through the import on both databases: a file from the uploads folder stored through the media
// library (variants made, alt, caption and credit kept) and made the post's hero and its body's image; a
// file neither in the folder nor reachable listed as a failure; an address in the export that leads to the
// newsroom's own network refused by the checked lookup; a relative path climbing out of the folder refused.
// A dry run names, without writing or fetching anything, the files the uploads folder lacks.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestStorage, testDatabases } from '../../test/support/databases.js';
import { importDeps, OLD_SITE, post, recordsReader, siteRecords } from '../../test/support/import-records.js';
import { LocalFileStore } from '../media/file-store.js';
import { localContentEvents } from '../storage/content-events.js';
import { mediaFetcher } from './media-fetch.js';
import { runImport } from './run-import.js';
import type { SourceMedia, SourceRecord } from './source-model.js';

const photo = (id: string, relativePath: string, extra: Partial<SourceMedia> = {}): SourceMedia => ({
  kind: 'media',
  sourceId: id,
  url: `${OLD_SITE}/wp-content/uploads/${relativePath}`,
  relativePath,
  title: `Photo ${id}`,
  alt: `Alt of ${id}`,
  caption: `Caption of ${id}`,
  credit: `Credit of ${id}`,
  mimeType: 'image/jpeg',
  pageUrl: `${OLD_SITE}/photo-${id}/`,
  ...extra,
});

describe.each(testDatabases)('media through the import on $name', (database) => {
  let storage: TestStorage;
  let uploads: string;
  let files: LocalFileStore;

  beforeEach(async () => {
    storage = await database.open();
    uploads = await mkdtemp(join(tmpdir(), 'uploads-'));
    files = new LocalFileStore(await mkdtemp(join(tmpdir(), 'import-media-')));
    await mkdir(join(uploads, '2020', '01'), { recursive: true });
    const jpeg = await sharp({ create: { width: 800, height: 500, channels: 3, background: '#557799' } })
      .jpeg()
      .toBuffer();
    await writeFile(join(uploads, '2020', '01', 'harbour.jpg'), jpeg);
  });
  afterEach(() => storage.cleanup());

  async function run(records: SourceRecord[], dryRun = false) {
    const deps = {
      ...importDeps(storage, files, localContentEvents(), recordsReader(records)),
      // The real fetcher, with its real address policy: the old site's name leads to this machine here.
      fetchFile: mediaFetcher({ resolveHost: async () => ['127.0.0.1'], timeoutMs: 2000 }),
    };
    return runImport(deps, { system: 'wordpress', file: 'export.xml', dryRun, uploadsDir: uploads });
  }

  it('stores files from the uploads folder with their words, and lists each one it could not bring', async () => {
    const records = siteRecords(0);
    records.push(
      photo('50', '2020/01/harbour.jpg'),
      photo('51', '2020/01/missing.jpg'),
      photo('52', '../../../etc/passwd.jpg'),
      photo('53', '2020/01/report.pdf', { mimeType: 'application/pdf' }),
      post(1, {
        featuredMediaId: '50',
        body: {
          format: 'html',
          content: `<p>See <a href="${OLD_SITE}/wp-content/uploads/2020/01/harbour-300x200.jpg">the photo</a>.</p>`,
        },
      }),
    );
    const report = await run(records);
    expect(report.counts.media).toEqual({ imported: 1, updated: 0, skipped: 0, failed: 3 });
    const failures = report.warnings.filter((w) => w.kind === 'media').map((w) => `${w.title}: ${w.message}`);
    expect(failures.find((f) => f.startsWith('Photo 51'))).toMatch(/not public/);
    expect(failures.find((f) => f.startsWith('Photo 52'))).toMatch(/could not be brought in/);
    expect(failures.find((f) => f.startsWith('Photo 53'))).toMatch(/only images/);

    const media = await storage.db.selectFrom('media').selectAll().execute();
    expect(media).toHaveLength(1);
    expect([media[0]!.alt_text, media[0]!.caption, media[0]!.credit_person]).toEqual([
      'Alt of 50',
      'Caption of 50',
      'Credit of 50',
    ]);
    expect(JSON.parse(media[0]!.variants).length).toBeGreaterThan(0);
    expect(await files.exists(media[0]!.storage_key)).toBe(true);

    const article = await storage.db
      .selectFrom('articles')
      .select(['id', 'hero_media_id', 'body'])
      .executeTakeFirstOrThrow();
    expect(article.hero_media_id).toBe(media[0]!.id);
    const uses = await storage.db
      .selectFrom('article_media')
      .selectAll()
      .where('article_id', '=', article.id)
      .execute();
    expect(uses).toEqual([{ article_id: article.id, media_id: media[0]!.id, role: 'hero' }]);
    // A link to a resized copy of the old file leads to the library's file now.
    expect(article.body).toContain(`"href":"/media/${JSON.parse(media[0]!.variants)[0].key.split('/')[0]}`);
    // The attachment's page and ?attachment_id= lead to the image.
    const redirects = await storage.db
      .selectFrom('legacy_redirects')
      .select('old_path')
      .where('target_kind', '=', 'media')
      .execute();
    expect(redirects.map((r) => r.old_path).sort()).toEqual(['/photo-50', '?attachment_id=50']);

    const again = await run(records);
    expect(again.counts.media.skipped).toBe(1);
    expect(await storage.db.selectFrom('media').select('id').execute()).toHaveLength(1);
  });

  it('names in a dry run the files the uploads folder lacks, writing and fetching nothing', async () => {
    const records = siteRecords(0);
    records.push(
      photo('50', '2020/01/harbour.jpg'),
      photo('51', '2020/01/missing.jpg'),
      photo('54', '', { relativePath: undefined, url: '' }),
    );
    const report = await run(records, true);
    expect(report.counts.media).toEqual({ imported: 2, updated: 0, skipped: 0, failed: 1 });
    const said = report.warnings.filter((w) => w.kind === 'media').map((w) => `${w.title}: ${w.message}`);
    expect(said).toEqual([
      `Photo 51: is not in the uploads folder: the import will try to fetch it from ${OLD_SITE}/wp-content/uploads/2020/01/missing.jpg`,
      'Photo 54: is not in the uploads folder, and the export names no other place for it',
    ]);
    expect(await storage.db.selectFrom('media').select('id').execute()).toEqual([]);
  });
});
