// The export screen: admins only, it says the file holds readers' email addresses, and each button streams a
// whole download (an archive that unpacks with its manifest, a WXR document that ends) as an attachment.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { addArticle } from '../../../test/support/content.js';
import { testDatabases } from '../../../test/support/databases.js';
import { addStaff, type Browserish, post, signInAs } from '../../../test/support/newsroom.js';

describe.each(testDatabases)('the export screen on $name', (database) => {
  let t: TestApp;
  let admin: Browserish;
  let editor: Browserish;

  beforeAll(async () => {
    t = await buildTestApp({ database });
    const db = t.storage.db;
    await addArticle(db, { slug: 'exported-story', headline: 'Exported “story” ]]> ü' });
    admin = await signInAs(t.app, (await addStaff(db, 'admin')).email);
    editor = await signInAs(t.app, (await addStaff(db, 'editor')).email);
  });
  afterAll(() => t?.close());

  it('shows admins the two downloads and what they hold; editors are refused', async () => {
    const page = await t.app.inject({ url: '/admin/export', headers: { cookie: admin.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("includes readers' email addresses");
    expect(page.body).toContain('action="/admin/export/broadsheet"');
    expect(page.body).toContain('action="/admin/export/wxr"');
    expect(page.body).toContain('href="/admin/export"');
    const refused = await t.app.inject({ url: '/admin/export', headers: { cookie: editor.cookie } });
    expect(refused.statusCode).toBe(403);
    const forged = await post(t.app, '/admin/export/wxr', {}, { cookie: admin.cookie });
    expect(forged.statusCode).toBe(403);
  });

  it('streams the Broadsheet archive as an attachment', async () => {
    const response = await post(t.app, '/admin/export/broadsheet', {}, admin);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="broadsheet-export-\d+\.tar\.gz"$/,
    );
    const tarBytes = gunzipSync(response.rawPayload);
    // The first entry of the tar is the manifest (its name in the first header block).
    expect(tarBytes.subarray(0, 13).toString()).toBe('manifest.json');
    expect(tarBytes.toString('utf8')).toContain('"slug":"exported-story"');
  });

  it('streams the WXR file as an attachment', async () => {
    const response = await post(t.app, '/admin/export/wxr', {}, admin);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="wordpress-export-\d+\.xml"$/,
    );
    expect(response.body).toContain('<![CDATA[Exported “story” ]]]]><![CDATA[> ü]]>');
    expect(response.body.trimEnd().endsWith('</rss>')).toBe(true);
  });
});
