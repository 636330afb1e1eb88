// A WordPress page whose slug is an address the app answers itself (`/search`, `/newsletters`, `/admin` …)
// would be hidden behind it: the import gives it the first free `-2` slug, says so in the report, and its old
// `?page_id=` and nested permalink answer 301 to the new address, while `/search` stays the site's search.
// The reserved names are the real app's, as the command line builds them (server/app-addresses.ts).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { testDatabases } from '../../test/support/databases.js';
import { importDeps, OLD_SITE, post, recordsReader, siteRecords } from '../../test/support/import-records.js';
import { buildWxr } from '../../test/support/wxr-builder.js';
import { appReservedPaths } from '../server/app-addresses.js';
import type { ImportReport } from './import-contract.js';
import { serverImportRun } from './jobs/server-import.js';
import { runImport } from './run-import.js';

describe.each(testDatabases)('imported pages and the app’s own addresses on $name', (database) => {
  let site: TestApp;
  let report: ImportReport;

  beforeAll(async () => {
    site = await buildTestApp({ database });
    const records = siteRecords(1);
    records.push(
      post(10, { type: 'page', slug: 'search', title: 'How to search', url: `${OLD_SITE}/search/` }),
      post(11, {
        type: 'page',
        slug: 'newsletters',
        title: 'Our letters',
        url: `${OLD_SITE}/about/newsletters/`,
      }),
      post(12, { type: 'page', slug: 'admin', title: 'Administration', url: `${OLD_SITE}/admin/` }),
      post(13, { type: 'page', slug: 'who-we-are', title: 'Who we are', url: `${OLD_SITE}/who-we-are/` }),
    );
    const deps = importDeps(site.storage, site.files, site.deps.events, recordsReader(records));
    report = await runImport(
      { ...deps, reservedPaths: site.reservedPaths },
      { system: 'wordpress', file: 'export.xml', dryRun: false },
    );
  });
  afterAll(() => site.close());

  const get = (url: string) => site.app.inject({ method: 'GET', url });

  it('gives a page whose slug the app answers the first free suffixed slug, and warns', async () => {
    const pages = await site.storage.db
      .selectFrom('pages')
      .select(['slug', 'title'])
      .orderBy('slug')
      .execute();
    expect(pages).toEqual([
      { slug: 'admin-2', title: 'Administration' },
      { slug: 'newsletters-2', title: 'Our letters' },
      { slug: 'search-2', title: 'How to search' },
      { slug: 'who-we-are', title: 'Who we are' },
    ]);
    expect(report.warnings).toContainEqual({
      kind: 'pages',
      title: 'How to search',
      oldUrl: `${OLD_SITE}/search/`,
      message: 'its address /search is one the site answers itself, so it is /search-2',
    });
    expect(report.warnings.filter((w) => w.message.includes('answers itself'))).toHaveLength(3);
  });

  it.each([
    ['/?page_id=110', '/search-2'],
    ['/?p=111', '/newsletters-2'],
    ['/about/newsletters/', '/newsletters-2'],
    ['/?page_id=113', '/who-we-are'],
  ])('%s answers 301 to %s', async (from, to) => {
    const response = await get(from);
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe(to);
  });

  it('serves the page at its new address and leaves /search to the site', async () => {
    const page = await get('/search-2');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('How to search');
    const search = await get('/search');
    expect(search.statusCode).toBe(200);
    expect(search.body).not.toContain('How to search');
  });
});

describe('the app’s own addresses, as the import command builds them', () => {
  let site: TestApp;
  beforeAll(async () => {
    site = await buildTestApp();
  });
  afterAll(() => site.close());

  it('holds the first segment of every reader and newsroom route, and not a page’s', async () => {
    const reserved = await appReservedPaths({ config: site.deps.config, secret: site.deps.secret });
    for (const name of [
      'search',
      'newsletters',
      'support',
      'privacy',
      'account',
      'admin',
      'api',
      'media',
      'feed',
    ])
      expect(reserved.has(name), name).toBe(true);
    expect(reserved.has('who-we-are')).toBe(false);
  });
});

describe('the newsroom’s import job', () => {
  let site: TestApp;
  let dir: string;
  beforeAll(async () => {
    site = await buildTestApp();
    dir = await mkdtemp(join(tmpdir(), 'reserved-job-'));
  });
  afterAll(async () => {
    await site.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('gives the run the app’s own addresses too', async () => {
    const file = join(dir, 'export.xml');
    await writeFile(
      file,
      buildWxr({}, [{ id: 7, title: 'Support us', type: 'page', slug: 'support', content: '<p>Give.</p>' }]),
    );
    const run = serverImportRun({
      db: site.storage.db,
      files: site.files,
      events: site.deps.events,
      secret: site.deps.secret,
      clock: () => new Date(),
      reservedPaths: site.reservedPaths,
    });
    const report = await run({ system: 'wordpress', file, dryRun: false }, () => {}, { fetchMedia: false });
    expect(report.counts.pages.imported).toBe(1);
    const pages = await site.storage.db.selectFrom('pages').select('slug').execute();
    expect(pages).toEqual([{ slug: 'support-2' }]);
  });
});
