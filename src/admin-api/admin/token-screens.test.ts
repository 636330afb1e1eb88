// The API tokens screen through the whole app (both databases): only admins, CSRF on every form, the token
// shown once on making it and never again, working at once against the API, and refused once revoked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_ORIGIN, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { addStaff, type Browserish, follow, post, signInAs } from '../../../test/support/newsroom.js';

const TOKEN = /bsat_[A-Za-z0-9_-]{43}/;

describe.each(testDatabases)('the API tokens screen on $name', (database) => {
  let site: TestApp;
  let admin: Browserish;
  let editor: Browserish;
  let editorId: number;

  /** A form post with repeated fields (the scopes' checkboxes), as a browser sends it. */
  function postForm(url: string, fields: Array<[string, string]>, who: Browserish | null, csrf = true) {
    const body = new URLSearchParams(
      who && csrf ? [['_csrf', who.csrf] as [string, string], ...fields] : fields,
    );
    return site.app.inject({
      method: 'POST',
      url,
      headers: {
        origin: TEST_ORIGIN,
        'content-type': 'application/x-www-form-urlencoded',
        ...(who ? { cookie: who.cookie } : {}),
      },
      payload: body.toString(),
    });
  }

  const apiList = (token: string) =>
    site.app.inject({ url: '/api/admin/articles', headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    site = await buildTestApp({ database });
    const db = site.storage.db;
    await addStaff(db, 'admin', { email: 'admin@example.org', name: 'Amara Admin' });
    const editorRow = await addStaff(db, 'editor', { email: 'editor@example.org', name: 'Eli Editor' });
    editorId = editorRow.id;
    admin = await signInAs(site.app, 'admin@example.org');
    editor = await signInAs(site.app, 'editor@example.org');
  });
  afterAll(() => site.close());

  it('is for admins only, and in their menu only', async () => {
    const page = await site.app.inject({ url: '/admin/api-tokens', headers: { cookie: admin.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/admin/api-tokens"');
    const editorPage = await site.app.inject({
      url: '/admin/api-tokens',
      headers: { cookie: editor.cookie },
    });
    expect(editorPage.statusCode).toBe(403);
    const editorHome = await site.app.inject({ url: '/admin', headers: { cookie: editor.cookie } });
    expect(editorHome.body).not.toContain('href="/admin/api-tokens"');
    const made = await postForm(
      '/admin/api-tokens',
      [
        ['name', 'Sneaky'],
        ['scopes', 'articles:read'],
      ],
      editor,
    );
    expect(made.statusCode).toBe(403);
    const signedOut = await site.app.inject({ url: '/admin/api-tokens' });
    expect(signedOut.statusCode).toBe(302);
  });

  it('makes a token only with the session’s CSRF token', async () => {
    const forged = await postForm(
      '/admin/api-tokens',
      [
        ['name', 'Forged'],
        ['scopes', 'articles:read'],
      ],
      admin,
      false,
    );
    expect(forged.statusCode).toBe(403);
    const count = await site.storage.db
      .selectFrom('admin_api_tokens')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('name', '=', 'Forged')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('names what is wrong with the form and keeps what was typed', async () => {
    const refused = await postForm(
      '/admin/api-tokens',
      [
        ['name', 'No scopes'],
        ['expiresAt', '2001-01-01'],
      ],
      admin,
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Choose at least one scope.');
    expect(refused.body).toContain('value="No scopes"');
    expect(refused.body).not.toMatch(TOKEN);
  });

  it('shows a new token once, which works at once, acts as the chosen person, and stops when revoked', async () => {
    const made = await postForm(
      '/admin/api-tokens',
      [
        ['name', 'Zapier'],
        ['scopes', 'articles:read'],
        ['scopes', 'articles:write'],
        ['staffId', String(editorId)],
        ['expiresAt', '2999-12-31'],
      ],
      admin,
    );
    expect(made.statusCode).toBe(201);
    expect(made.headers['cache-control']).toBe('no-store');
    const token = TOKEN.exec(made.body)?.[0];
    expect(token).toBeDefined();

    const list = await site.app.inject({ url: '/admin/api-tokens', headers: { cookie: admin.cookie } });
    expect(list.body).not.toContain(token);
    expect(list.body).not.toMatch(TOKEN);
    expect(list.body).toContain('Zapier');
    expect(list.body).toContain('articles:read, articles:write');
    expect(list.body).toContain('Eli Editor');

    expect((await apiList(token!)).statusCode).toBe(200);
    const row = await site.storage.db
      .selectFrom('admin_api_tokens')
      .select(['id', 'staff_id', 'expires_at', 'last_used_at'])
      .where('name', '=', 'Zapier')
      .executeTakeFirstOrThrow();
    expect(row.staff_id).toBe(editorId);
    expect(row.expires_at).toBe('2999-12-31T00:00:00.000Z');
    expect(row.last_used_at).not.toBeNull();

    const withoutCsrf = await postForm(`/admin/api-tokens/${row.id}/revoke`, [], admin, false);
    expect(withoutCsrf.statusCode).toBe(403);
    expect((await apiList(token!)).statusCode).toBe(200);

    const revoked = await post(site.app, `/admin/api-tokens/${row.id}/revoke`, {}, admin);
    expect(revoked.statusCode).toBe(303);
    const after = await follow(site.app, revoked, admin);
    expect(after.body).toContain('Token revoked.');
    expect(after.body).toContain('Revoked');
    expect((await apiList(token!)).statusCode).toBe(401);
    const twice = await post(site.app, `/admin/api-tokens/${row.id}/revoke`, {}, admin);
    expect(twice.statusCode).toBe(404);
  });
});
