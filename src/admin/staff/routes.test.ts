// Newsroom permissions through HTTP on both databases: /admin routes only inside the newsroom, anonymous
// visitors sent to sign in, each role refused what it may not do, and an admin always left.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { addStaff, type Browserish, follow, post, signInAs } from '../../../test/support/newsroom.js';
import { hashToken } from '../auth/tokens.js';

const ADMIN_PAGES = ['/admin/staff', '/admin/settings', '/admin/settings/sections', '/admin/outbox'];

describe.each(testDatabases)('newsroom permissions on $name', (database) => {
  let site: TestApp;
  const people = {} as Record<'contributor' | 'editor' | 'admin', Browserish & { id: number; email: string }>;

  beforeAll(async () => {
    site = await buildTestApp({ database });
    for (const role of ['contributor', 'editor', 'admin'] as const) {
      const staff = await addStaff(site.storage.db, role, {
        email: `${role}@example.org`,
        name: `${role} person`,
      });
      people[role] = { ...(await signInAs(site.app, staff.email)), id: staff.id, email: staff.email };
    }
  });
  afterAll(() => site.close());

  const get = (url: string, who?: Browserish) =>
    site.app.inject({ url, headers: who ? { cookie: who.cookie } : {} });

  it('refuses an /admin route registered outside the newsroom, where no permission would guard it', async () => {
    const fresh = await buildTestApp({ database });
    try {
      expect(() => fresh.app.get('/admin/forgot-to-say', async () => 'open to all')).toThrow(
        /route GET \/admin\/forgot-to-say is outside the newsroom/,
      );
    } finally {
      await fresh.close();
    }
  });

  it('sends anonymous visitors to sign in, remembering where they were going', async () => {
    for (const url of ['/admin', ...ADMIN_PAGES]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(302);
      expect(response.headers.location).toBe(`/admin/sign-in?next=${encodeURIComponent(url)}`);
    }
    const anonymousPost = await post(site.app, '/admin/staff/invite', {
      email: 'x@example.org',
      role: 'admin',
    });
    expect(anonymousPost.statusCode).toBe(401);
  });

  it('gives contributors and editors 403 on admin pages', async () => {
    for (const who of [people.contributor, people.editor]) {
      for (const url of ADMIN_PAGES) expect((await get(url, who)).statusCode, url).toBe(403);
    }
    for (const url of ADMIN_PAGES) expect((await get(url, people.admin)).statusCode, url).toBe(200);
  });

  it('refuses admin actions to a contributor calling the endpoints directly, changing nothing', async () => {
    const c = people.contributor;
    const invite = await post(
      site.app,
      '/admin/staff/invite',
      { email: 'friend@example.org', role: 'admin' },
      c,
    );
    expect(invite.statusCode).toBe(403);
    const promote = await post(site.app, `/admin/staff/${c.id}/role`, { role: 'admin' }, c);
    expect(promote.statusCode).toBe(403);
    const disable = await post(site.app, `/admin/staff/${people.admin.id}/disable`, {}, c);
    expect(disable.statusCode).toBe(403);
    const settings = await post(site.app, '/admin/settings', { siteName: 'Hijacked' }, c);
    expect(settings.statusCode).toBe(403);
    const section = await post(site.app, '/admin/settings/sections', { 'new-name': 'Spam' }, people.editor);
    expect(section.statusCode).toBe(403);

    const db = site.storage.db;
    expect(await db.selectFrom('staff_invitations').select('id').execute()).toEqual([]);
    expect(
      (await db.selectFrom('staff').select('role').where('id', '=', c.id).executeTakeFirstOrThrow()).role,
    ).toBe('contributor');
    expect(await db.selectFrom('site_settings').select('key').execute()).toEqual([]);
    expect(await db.selectFrom('sections').select('id').where('name', '=', 'Spam').execute()).toEqual([]);
  });

  it('shows each role only the sections it may use', async () => {
    const nav = async (who: Browserish) => {
      const html = (await get('/admin', who)).body;
      const menu = /<nav class="admin-nav"[\s\S]*?<\/nav>/.exec(html)![0];
      return [...menu.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    };
    expect(await nav(people.contributor)).toEqual(['/admin/articles', '/admin/media']);
    expect(await nav(people.editor)).toEqual([
      '/admin/articles',
      '/admin/media',
      '/admin/pages',
      '/admin/fronts',
      '/admin/authors',
      '/admin/comments',
      '/admin/analytics',
      '/admin/newsletters',
    ]);
    expect(await nav(people.admin)).toEqual([
      '/admin/articles',
      '/admin/media',
      '/admin/pages',
      '/admin/fronts',
      '/admin/authors',
      '/admin/comments',
      '/admin/analytics',
      '/admin/newsletters',
      '/admin/donations',
      '/admin/staff',
      '/admin/settings',
      '/admin/api-tokens',
      '/admin/consent',
      '/admin/webhooks',
      '/admin/api-keys',
      '/admin/export',
      '/admin/outbox',
    ]);
  });

  it('lets an admin change roles and disable people, never leaving the newsroom without one', async () => {
    const a = people.admin;
    const someone = await addStaff(site.storage.db, 'contributor', { email: 'someone@example.org' });
    const theirs = await signInAs(site.app, someone.email);

    expect((await post(site.app, `/admin/staff/${someone.id}/role`, { role: 'editor' }, a)).statusCode).toBe(
      303,
    );
    // The new role counts from their next request, in the same session.
    expect((await get('/admin', theirs)).body).toContain('href="/admin/comments"');
    const bad = await post(site.app, `/admin/staff/${someone.id}/role`, { role: 'owner' }, a);
    expect(bad.statusCode).toBe(303);
    expect((await follow(site.app, bad, a)).body).toContain(
      'Role must be one of contributor, editor, admin.',
    );

    const demoteSelf = await post(site.app, `/admin/staff/${a.id}/role`, { role: 'editor' }, a);
    expect((await follow(site.app, demoteSelf, a)).body).toContain(
      'The newsroom needs at least one active admin.',
    );
    const disableSelf = await post(site.app, `/admin/staff/${a.id}/disable`, {}, a);
    expect((await follow(site.app, disableSelf, a)).body).toContain('You cannot disable your own account.');
    expect((await get('/admin/staff', a)).statusCode).toBe(200);

    expect((await post(site.app, `/admin/staff/${someone.id}/disable`, {}, a)).statusCode).toBe(303);
    expect((await get('/admin', theirs)).statusCode).toBe(302);
    const signIn = await post(site.app, '/admin/sign-in', {
      email: someone.email,
      password: 'correct horse battery staple',
    });
    expect(signIn.statusCode).toBe(400);
    expect((await post(site.app, `/admin/staff/${someone.id}/enable`, {}, a)).statusCode).toBe(303);
    await signInAs(site.app, someone.email);
  });

  it('never shows a password hash, a token, or a colleague’s email where it should not', async () => {
    const db = site.storage.db;
    const secrets = [
      ...(await db.selectFrom('staff').select('password_hash').execute()).map((r) => r.password_hash),
      ...(await db.selectFrom('staff_sessions').select('token_hash').execute()).map((r) => r.token_hash),
    ];
    const sessionTokens = Object.values(people).map((p) => p.cookie.split('=')[1]!);
    const everyone = Object.values(people).map((p) => p.email);

    const pagesFor = async (who: Browserish | undefined, urls: string[]) =>
      Promise.all(urls.map(async (url) => ({ url, body: (await get(url, who)).body })));
    const all = [
      ...(await pagesFor(undefined, ['/admin/sign-in', '/admin/password-reset'])),
      ...(await pagesFor(people.contributor, ['/admin', ...ADMIN_PAGES])),
      ...(await pagesFor(people.editor, ['/admin', ...ADMIN_PAGES])),
      ...(await pagesFor(people.admin, ['/admin', ...ADMIN_PAGES])),
    ];
    for (const { url, body } of all) {
      expect(body, url).not.toMatch(/\$argon2/);
      for (const secret of [...secrets, ...sessionTokens, ...sessionTokens.map(hashToken)]) {
        expect(body.includes(secret), url).toBe(false);
      }
    }
    // Contributors and editors see no one else's address; the staff page shows them to admins only.
    for (const who of ['contributor', 'editor'] as const) {
      const theirs = await pagesFor(people[who], ['/admin', ...ADMIN_PAGES, '/admin/sign-in']);
      for (const { url, body } of theirs) {
        for (const email of everyone.filter((e) => e !== people[who].email)) {
          expect(body.includes(email), `${who} ${url}`).toBe(false);
        }
      }
    }
    const staffPage = (await get('/admin/staff', people.admin)).body;
    for (const email of everyone) expect(staffPage).toContain(email);
  });

  it('serves newsroom pages uncached and with the admin assets only', async () => {
    const page = await get('/admin', people.editor);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const css = /href="(\/assets\/admin\.[0-9a-f]{12}\.css)"/.exec(page.body)![1]!;
    const js = /src="(\/assets\/admin\.[0-9a-f]{12}\.js)"/.exec(page.body)![1]!;
    expect(page.body).not.toMatch(/<script>|<style|style="| on[a-z]+="/);
    const cssFile = await get(css);
    expect(cssFile.statusCode).toBe(200);
    expect(cssFile.headers['content-type']).toContain('text/css');
    expect(cssFile.headers['cache-control']).toContain('immutable');
    expect((await get(js)).headers['content-type']).toContain('javascript');
    expect((await get('/assets/admin.000000000000.css')).statusCode).toBe(404);
    // The reader's pages do not load the newsroom's bundles.
    expect((await get('/')).body).not.toContain('/assets/admin.');
  });
});
