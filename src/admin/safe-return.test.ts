// Return addresses: the rule on its own against the spellings that lead elsewhere once a browser reads them,
// then every place that takes one (sign-in's next, the media picker and upload form, moderation's back).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { addMedia } from '../../test/support/content.js';
import { testDatabases } from '../../test/support/databases.js';
import { addStaff, type Browserish, PASSWORD, post, signInAs } from '../../test/support/newsroom.js';
import { newsroomPath, safeNext } from './safe-return.js';

// Each of these, taken as it comes, is somewhere other than a newsroom page.
const HOSTILE = [
  '/admin/../..//evil.example', // the picker's "%2Fadmin%2F..%2F..%2F%2Fevil.example", once decoded
  '/admin/..//evil.example',
  '/admin/%2e%2e/%2E%2e//evil.example',
  '/admin/.%2e/elsewhere',
  '/admin/../elsewhere',
  '//evil.example/admin',
  '///evil.example/admin',
  '/\\evil.example/admin',
  '/admin/\\..\\..\\/evil.example',
  '/admin\\@evil.example',
  '/admin/..\t/\t/evil.example',
  '/admin/\n/../..//evil.example',
  '/admin\r\n//evil.example',
  ' /admin',
  '\t/admin',
  'https://evil.example/admin',
  'http:/admin',
  'HTTPS://evil.example/admin',
  'javascript:alert(1)//admin',
  'jav\tascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '/administrator',
  '/admin-evil',
  '/elsewhere',
  'admin',
  '',
  `/admin/${'a'.repeat(2001)}`,
];

describe('newsroomPath', () => {
  it('refuses every address that a browser would read as another site or another part of ours', () => {
    for (const value of HOSTILE) expect(newsroomPath(value), JSON.stringify(value)).toBeNull();
    for (const value of [undefined, null, 42, ['/admin'], { toString: () => '/admin' }]) {
      expect(newsroomPath(value)).toBeNull();
    }
  });

  it('gives back a newsroom path in the form a browser resolves it to, query and fragment kept', () => {
    expect(newsroomPath('/admin')).toBe('/admin');
    expect(newsroomPath('/admin/')).toBe('/admin/');
    expect(newsroomPath('/admin/articles/7?tab=body#hero')).toBe('/admin/articles/7?tab=body#hero');
    expect(newsroomPath('/admin/media/../articles/7')).toBe('/admin/articles/7');
    expect(newsroomPath('/admin/./articles/%2e/7')).toBe('/admin/articles/7');
    expect(newsroomPath('/admin?q=a%20b')).toBe('/admin?q=a%20b');
    // An encoded slash is a character of one segment, not a separator: it stays on our site.
    expect(newsroomPath('/admin/..%2F..%2F%2Fevil.example')).toBe('/admin/..%2F..%2F%2Fevil.example');
  });

  it('keeps a narrower part of the newsroom when asked to', () => {
    expect(newsroomPath('/admin/comments?status=pending', '/admin/comments')).toBe(
      '/admin/comments?status=pending',
    );
    expect(newsroomPath('/admin/comments/12', '/admin/comments')).toBe('/admin/comments/12');
    expect(newsroomPath('/admin/comments/../staff', '/admin/comments')).toBeNull();
    expect(newsroomPath('/admin/commentsevil', '/admin/comments')).toBeNull();
    expect(newsroomPath('/admin/staff', '/admin/comments')).toBeNull();
  });

  it('sends a person after sign-in to the newsroom home when the address is not one of its pages', () => {
    expect(safeNext('/admin/../..//evil.example')).toBe('/admin');
    expect(safeNext(undefined)).toBe('/admin');
    expect(safeNext('/admin/settings')).toBe('/admin/settings');
  });
});

describe.each(testDatabases)('return addresses through the app on $name', (database) => {
  let site: TestApp;
  let editor: Browserish;
  let editorEmail: string;

  beforeAll(async () => {
    site = await buildTestApp({ database });
    ({ email: editorEmail } = await addStaff(site.storage.db, 'editor'));
    editor = await signInAs(site.app, editorEmail);
    await addMedia(site.storage.db, 'harbour');
  });
  afterAll(() => site?.close());

  const page = (url: string) => site.app.inject({ url, headers: { cookie: editor.cookie } });

  it('the media picker hands a picked image only to a newsroom page', async () => {
    // The address from the report, as the browser sends it.
    const reported = await page('/admin/media/picker?return=%2Fadmin%2F..%2F..%2F%2Fevil.example');
    expect(reported.statusCode).toBe(200);
    expect(reported.body).not.toContain('evil.example');
    expect(reported.body).toMatch(/href="\/admin\/media\/\d+"[^>]*data-pick/);
    for (const value of HOSTILE.filter(Boolean)) {
      const picker = await page(`/admin/media/picker?return=${encodeURIComponent(value)}`);
      expect(picker.statusCode, value).toBe(200);
      expect(picker.body, value).not.toContain('evil.example');
      expect(picker.body, value).not.toContain('elsewhere');
      // With no return address left, "Use this image" opens the image's own page.
      expect(picker.body, value).toMatch(/href="\/admin\/media\/\d+"[^>]*data-pick/);
    }
    // A round-about newsroom path is handed on resolved.
    const roundabout = await page(
      `/admin/media/picker?return=${encodeURIComponent('/admin/media/../articles/7')}`,
    );
    expect(roundabout.body).toMatch(/href="\/admin\/articles\/7\?media=\d+"[^>]*data-pick/);
  });

  it('the upload form carries on only a newsroom return address', async () => {
    const form = await page('/admin/media/new?return=%2Fadmin%2F..%2F..%2F%2Fevil.example');
    expect(form.statusCode).toBe(200);
    expect(form.body).not.toContain('evil.example');
    expect(form.body).not.toContain('name="return"');
  });

  it('sign-in sends a person on only to a newsroom page', async () => {
    for (const next of HOSTILE) {
      const response = await post(site.app, '/admin/sign-in', {
        email: editorEmail,
        password: PASSWORD,
        next,
      });
      expect(response.statusCode, JSON.stringify(next)).toBe(303);
      expect(response.headers.location, JSON.stringify(next)).toBe('/admin');
      const signedIn = await site.app.inject({
        url: `/admin/sign-in?next=${encodeURIComponent(next)}`,
        headers: { cookie: editor.cookie },
      });
      expect(signedIn.headers.location, JSON.stringify(next)).toBe('/admin');
    }
    const inside = await post(site.app, '/admin/sign-in', {
      email: editorEmail,
      password: PASSWORD,
      next: '/admin/staff/../settings?x=1',
    });
    expect(inside.headers.location).toBe('/admin/settings?x=1');
  });

  it('a moderation action returns only to a moderation screen', async () => {
    for (const back of [...HOSTILE, '/admin/staff', '/admin/comments/../staff']) {
      const response = await post(site.app, '/admin/comments/bulk', { one: 'trash:999999', back }, editor);
      expect(response.statusCode, JSON.stringify(back)).toBe(303);
      expect(response.headers.location, JSON.stringify(back)).toBe('/admin/comments');
    }
    const kept = await post(
      site.app,
      '/admin/comments/bulk',
      { one: 'trash:999999', back: '/admin/comments?status=spam&page=2' },
      editor,
    );
    expect(kept.headers.location).toBe('/admin/comments?status=spam&page=2');
  });
});
