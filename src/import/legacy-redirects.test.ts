// The old site's addresses through the real app, after an import: `?p=`, `?page_id=` and `?attachment_id=` on
// the home page, permalinks in every form, archives of categories, tags and authors, each a 301 to the new
// address with a short cache life and the target's surrogate key; and the imported comments on the article
// page: approved ones shown, held, spam and trashed ones not, no email anywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { testDatabases } from '../../test/support/databases.js';
import { importDeps, OLD_SITE, post, recordsReader, siteRecords } from '../../test/support/import-records.js';
import { runImport } from './run-import.js';
import type { SourceComment } from './source-model.js';

const comment = (id: string, status: SourceComment['status'], parentId?: string): SourceComment => ({
  sourceId: id,
  parentId,
  status,
  authorName: `Reader ${id}`,
  authorEmail: `reader-${id}@example.com`,
  authorUrl: '',
  authorIp: '203.0.113.9',
  createdAt: '2020-02-01T10:00:00.000Z',
  body: `<p>Words of comment ${id}</p>`,
});

describe.each(testDatabases)('old addresses after an import on $name', (database) => {
  let site: TestApp;
  let storyId: number;

  beforeAll(async () => {
    site = await buildTestApp({ database });
    const records = siteRecords(2);
    records.push(
      post(3, {
        slug: 'harbour-deal',
        url: `${OLD_SITE}/2020/01/04/harbour-deal/`,
        comments: [
          comment('a', 'approved'),
          comment('b', 'approved', 'a'),
          comment('h', 'pending'),
          comment('s', 'spam'),
          comment('t', 'trash'),
        ],
      }),
      post(4, { type: 'page', slug: 'who-we-are', title: 'Who we are', url: `${OLD_SITE}/who-we-are/` }),
    );
    await runImport(importDeps(site.storage, site.files, site.deps.events, recordsReader(records)), {
      system: 'wordpress',
      file: 'export.xml',
      dryRun: false,
    });
    storyId = (
      await site.storage.db
        .selectFrom('articles')
        .select('id')
        .where('slug', '=', 'harbour-deal')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(() => site.close());

  const get = (url: string) => site.app.inject({ method: 'GET', url });

  it.each([
    ['/?p=103', '/articles/harbour-deal'],
    ['/2020/01/04/harbour-deal/', '/articles/harbour-deal'],
    ['/2020/01/harbour-deal', '/articles/harbour-deal'],
    ['/news/harbour-deal/', '/articles/harbour-deal'],
    ['/?page_id=104', '/who-we-are'],
    ['/category/news/', '/sections/news'],
    ['/category/news/local/', '/sections/local'],
    ['/tag/harbour/', '/tags/harbour'],
    ['/author/ana/', '/authors/ana'],
  ])('%s answers 301 to %s', async (from, to) => {
    const response = await get(from);
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe(to);
    expect(response.headers['cache-control']).toBe('public, max-age=300');
  });

  it('names the target in the surrogate key, so a CDN drops the redirect when it changes', async () => {
    const response = await get('/?p=103');
    expect(String(response.headers['surrogate-key'])).toContain(`article:${storyId}`);
  });

  it('follows a later change of slug', async () => {
    await site.storage.db
      .updateTable('articles')
      .set({ slug: 'harbour-deal-signed' })
      .where('id', '=', storyId)
      .execute();
    expect((await get('/?p=103')).headers.location).toBe('/articles/harbour-deal-signed');
    await site.storage.db
      .updateTable('articles')
      .set({ slug: 'harbour-deal' })
      .where('id', '=', storyId)
      .execute();
  });

  it('leaves unknown addresses, other queries and the home page alone', async () => {
    expect((await get('/2020/01/04/never-was/')).statusCode).toBe(404);
    expect((await get('/?p=99999')).statusCode).toBe(200);
    expect((await get('/?utm_source=x')).statusCode).toBe(200);
    expect((await get('/no-such-page')).statusCode).toBe(404);
  });

  it('shows approved comments threaded, never held, spam or trashed ones, never an email', async () => {
    const response = await get('/articles/harbour-deal');
    expect(response.statusCode).toBe(200);
    const page = response.body;
    expect(page).toContain('Words of comment a');
    expect(page).toContain('Words of comment b');
    for (const hidden of [
      'Words of comment h',
      'Words of comment s',
      'Words of comment t',
      '@example.com',
      '203.0.113',
    ]) {
      expect(page).not.toContain(hidden);
    }
  });
});
