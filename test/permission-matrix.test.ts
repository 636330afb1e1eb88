// Every newsroom route against every kind of visitor, over real HTTP: signed out, contributor, editor and
// admin. The routes are read from the app as it registers them, so a new route is probed without anyone
// listing it; each must declare a permission, the one it declares must be the one agreed below, and the
// server must hold every role to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../src/admin/guardian.js';
import { buildTestApp, type TestApp } from './support/app.js';
import { commentFields, sendComment } from './support/comments.js';
import { addArticle, addAuthor, addMedia, addSection } from './support/content.js';
import { testDatabases } from './support/databases.js';
import { addStaff, csrfFrom, PASSWORD } from './support/newsroom.js';
import { type RegisteredRoute, recordingRoutes } from './support/routes.js';
import { freePort } from './support/server.js';

type Permission = 'public' | StaffRole;
type Visitor = 'signed out' | StaffRole;

/**
 * Who may call each newsroom route. A route missing here fails the test: adding a route means deciding,
 * here as in its declaration, who may use it.
 */
const AGREED: Record<string, Permission> = {
  'GET /admin': 'contributor',
  'GET /admin/outbox': 'admin',
  'GET /admin/sign-in': 'public',
  'POST /admin/sign-in': 'public',
  'POST /admin/sign-out': 'contributor',
  'POST /admin/sign-out-everywhere': 'contributor',
  'GET /admin/password-reset': 'public',
  'POST /admin/password-reset': 'public',
  'GET /admin/password-reset/:token': 'public',
  'POST /admin/password-reset/:token': 'public',
  'GET /admin/setup/:token': 'public',
  'POST /admin/setup/:token': 'public',
  'GET /admin/invitations/:token': 'public',
  'POST /admin/invitations/:token': 'public',
  'GET /admin/staff': 'admin',
  'POST /admin/staff/invite': 'admin',
  'POST /admin/staff/:id/role': 'admin',
  'POST /admin/staff/:id/disable': 'admin',
  'POST /admin/staff/:id/enable': 'admin',
  'POST /admin/staff/invitations/:id/withdraw': 'admin',
  'GET /admin/authors': 'editor',
  'GET /admin/authors/new': 'editor',
  'POST /admin/authors': 'editor',
  'POST /admin/authors/mine': 'editor',
  'GET /admin/authors/:id': 'editor',
  'POST /admin/authors/:id': 'editor',
  'GET /admin/settings': 'admin',
  'POST /admin/settings': 'admin',
  'GET /admin/settings/sections': 'admin',
  'POST /admin/settings/sections': 'admin',
  'POST /admin/settings/sections/:id': 'admin',
  'POST /admin/settings/sections/:id/move': 'admin',
  'GET /admin/export': 'admin',
  'POST /admin/export/broadsheet': 'admin',
  'POST /admin/export/wxr': 'admin',
  'GET /admin/api-keys': 'admin',
  'POST /admin/api-keys': 'admin',
  'POST /admin/api-keys/:id/revoke': 'admin',
  'GET /admin/api-tokens': 'admin',
  'POST /admin/api-tokens': 'admin',
  'POST /admin/api-tokens/:id/revoke': 'admin',
  'GET /admin/consent': 'admin',
  'POST /admin/consent': 'admin',
  'GET /admin/media': 'contributor',
  'GET /admin/media/picker': 'contributor',
  'GET /admin/media/new': 'contributor',
  'POST /admin/media': 'contributor',
  'GET /admin/media/:id': 'contributor',
  'POST /admin/media/:id': 'contributor',
  'GET /admin/articles': 'contributor',
  'GET /admin/articles/new': 'contributor',
  'POST /admin/articles': 'contributor',
  'GET /admin/articles/:id': 'contributor',
  'POST /admin/articles/:id': 'contributor',
  'GET /admin/articles/media-choices': 'contributor',
  'POST /admin/articles/:id/submit': 'contributor',
  'POST /admin/articles/:id/draft': 'contributor',
  'POST /admin/articles/:id/return': 'editor',
  'POST /admin/articles/:id/publish': 'editor',
  'POST /admin/articles/:id/schedule': 'editor',
  'POST /admin/articles/:id/unpublish': 'editor',
  'GET /admin/articles/:id/preview': 'contributor',
  'GET /admin/articles/:id/preview/page': 'contributor',
  'GET /admin/articles/:id/revisions': 'contributor',
  'POST /admin/articles/:id/revisions/:version/restore': 'contributor',
  'POST /admin/articles/:id/corrections': 'editor',
  'POST /admin/articles/:id/corrections/:correction/withdraw': 'editor',
  // Probed in this order on the contributor's own draft: trashed, restored, then not deletable (not in the trash).
  'POST /admin/articles/:id/trash': 'contributor',
  'POST /admin/articles/:id/restore': 'contributor',
  'POST /admin/articles/:id/delete': 'editor',
  'GET /admin/comments': 'editor',
  'POST /admin/comments/bulk': 'editor',
  'GET /admin/comments/:id': 'editor',
  'POST /admin/comments/:id/edit': 'editor',
  'POST /admin/comments/:id/reply': 'editor',
  'POST /admin/comments/:id/ban': 'editor',
  'GET /admin/comments/settings': 'editor',
  'POST /admin/comments/settings': 'editor',
  'POST /admin/comments/bans/:id/lift': 'editor',
  'GET /admin/comments/articles': 'editor',
  'POST /admin/comments/articles/:id/closed': 'editor',
  'GET /admin/comments/privacy': 'admin',
  'POST /admin/comments/privacy': 'admin',
  'GET /admin/analytics': 'editor',
  'GET /admin/analytics/:table.csv': 'editor',
  'GET /admin/donations': 'admin',
  'GET /admin/donations/donors': 'admin',
  'POST /admin/donations/donors/:id/unlist': 'admin',
  'GET /admin/donations/donors.csv': 'admin',
  'GET /admin/donations/donations.csv': 'admin',
  'GET /admin/donations/campaigns': 'admin',
  'POST /admin/donations/campaigns': 'admin',
  'GET /admin/donations/campaigns/:id': 'admin',
  'POST /admin/donations/campaigns/:id': 'admin',
  'GET /admin/donations/settings': 'admin',
  'GET /admin/donations/payments': 'admin',
  'POST /admin/donations/payments': 'admin',
  'POST /admin/donations/settings': 'admin',
  'GET /admin/webhooks': 'admin',
  'GET /admin/webhooks/new': 'admin',
  'POST /admin/webhooks': 'admin',
  'GET /admin/webhooks/:id': 'admin',
  'POST /admin/webhooks/:id': 'admin',
  'POST /admin/webhooks/:id/rotate-secret': 'admin',
  'POST /admin/webhooks/:id/enable': 'admin',
  'POST /admin/webhooks/:id/test': 'admin',
  'POST /admin/webhooks/:id/deliveries/:deliveryId/redeliver': 'admin',
  'GET /admin/import': 'admin',
  'POST /admin/import': 'admin',
  'GET /admin/import/:id': 'admin',
  'GET /admin/import/:id/progress': 'admin',
  'GET /admin/pages': 'editor',
  'GET /admin/pages/new': 'editor',
  'POST /admin/pages': 'editor',
  'GET /admin/pages/:id': 'editor',
  'POST /admin/pages/:id': 'editor',
  'POST /admin/pages/:id/publish': 'editor',
  'POST /admin/pages/:id/unpublish': 'editor',
  'GET /admin/pages/:id/revisions': 'editor',
  'POST /admin/pages/:id/revisions/:revision/restore': 'editor',
  'GET /admin/menus': 'editor',
  'POST /admin/menus/:menu/items': 'editor',
  'POST /admin/menus/:menu/items/:index/move': 'editor',
  'POST /admin/menus/:menu/items/:index/remove': 'editor',
  'POST /admin/menus/header/reset': 'editor',
  'GET /admin/fronts': 'editor',
  'GET /admin/fronts/:front': 'editor',
  'POST /admin/fronts/:front': 'editor',
  'GET /admin/fronts/:front/preview': 'editor',
  'POST /admin/banner': 'editor',
  'POST /admin/banner/remove': 'editor',
  'GET /admin/newsletters': 'editor',
  'POST /admin/newsletters/lists': 'editor',
  'GET /admin/newsletters/lists/:id/subscribers.csv': 'editor',
  'GET /admin/newsletters/lists/:id/import': 'editor',
  'POST /admin/newsletters/lists/:id/import': 'editor',
  'GET /admin/newsletters/editions/new': 'editor',
  'POST /admin/newsletters/editions/new': 'editor',
  'GET /admin/newsletters/editions/:id/edit': 'editor',
  'POST /admin/newsletters/editions/:id/edit': 'editor',
  'GET /admin/newsletters/editions/:id': 'editor',
  'GET /admin/newsletters/editions/:id/progress': 'editor',
  'GET /admin/newsletters/editions/:id/preview/email': 'editor',
  'GET /admin/newsletters/editions/:id/preview/web': 'editor',
  'POST /admin/newsletters/editions/:id/test': 'editor',
  'POST /admin/newsletters/editions/:id/send': 'editor',
  'POST /admin/newsletters/editions/:id/schedule': 'editor',
  'POST /admin/newsletters/editions/:id/unschedule': 'editor',
  'POST /admin/newsletters/editions/:id/pause': 'editor',
  'POST /admin/newsletters/editions/:id/resume': 'editor',
};

const RANK: Record<Permission, number> = { public: 0, contributor: 1, editor: 2, admin: 3 };
const VISITORS: Visitor[] = ['signed out', 'contributor', 'editor', 'admin'];
const rankOf = (visitor: Visitor) => (visitor === 'signed out' ? 0 : RANK[visitor]);
/** The id in addresses of things that do not exist. */
const NONE = '999999';
const keyOf = (route: RegisteredRoute) => `${route.method} ${route.url}`;

interface Session {
  cookie: string;
  csrf: string;
}

describe.each(testDatabases)('the newsroom permission matrix on $name', (database) => {
  let site: TestApp;
  let url: string;
  let adminRoutes: RegisteredRoute[];
  const emails: Partial<Record<StaffRole, string>> = {};
  const sessions: Partial<Record<StaffRole, Session>> = {};
  /** Path parameters: objects that exist, the contributor's own where ownership counts. */
  let ids: Record<string, string>;
  /** A draft the editor started: the contributor's role lets them into the routes, not into this article. */
  let othersDraft: number;

  async function signIn(role: StaffRole): Promise<Session> {
    const response = await fetch(`${url}/admin/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: emails[role]!, password: PASSWORD }),
    });
    expect(response.status).toBe(303);
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith('broadsheet_staff='))!;
    const home = await fetch(`${url}/admin`, { headers: { cookie } });
    return { cookie, csrf: csrfFrom(await home.text()) };
  }

  /** The route's address with every parameter filled in; a parameter nobody thought of stops the test. */
  function addressOf(route: RegisteredRoute): string {
    return route.url.replace(/:(\w+)/g, (_m, name: string) => {
      const prefix = route.url.slice(0, route.url.indexOf(`:${name}`));
      const value = ids[`${prefix}:${name}`];
      if (value === undefined) throw new Error(`no value for :${name} in ${route.url}: add one to ids`);
      return value;
    });
  }

  async function probe(route: RegisteredRoute, visitor: Visitor, json = false) {
    const signsOut = visitor !== 'signed out' && route.url.includes('/sign-out');
    // Signing out ends the session it is sent with (everywhere: every session of that person), so that
    // probe gets a session of its own, and the person signs in again after it.
    const session =
      visitor === 'signed out' ? undefined : signsOut ? await signIn(visitor) : sessions[visitor];
    const headers: Record<string, string> = { origin: url };
    if (session) headers.cookie = session.cookie;
    if (json) headers.accept = 'application/json';
    const init: RequestInit = { method: route.method, redirect: 'manual', headers };
    if (route.method !== 'GET') {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      if (session) headers['x-csrf-token'] = session.csrf;
      init.body = new URLSearchParams(session ? { _csrf: session.csrf } : {}).toString();
    }
    const address = addressOf(route);
    const response = await fetch(`${url}${address}`, init);
    await response.arrayBuffer();
    if (signsOut) sessions[visitor as StaffRole] = await signIn(visitor);
    return { status: response.status, location: response.headers.get('location'), address };
  }

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const recorded = await recordingRoutes(async () => {
      const built = await buildTestApp({ database, env: { PUBLIC_URL: url } });
      await built.app.ready();
      return built;
    });
    site = recorded.built;
    adminRoutes = recorded.routes.filter((r) => r.url === '/admin' || r.url.startsWith('/admin/'));
    await site.app.listen({ host: '127.0.0.1', port });

    const db = site.storage.db;
    const staff: Partial<Record<StaffRole, number>> = {};
    for (const role of ['contributor', 'editor', 'admin'] as const) {
      const member = await addStaff(db, role);
      emails[role] = member.email;
      staff[role] = member.id;
    }
    const target = await addStaff(db, 'contributor', { email: 'target@example.org' });
    const draftId = await addArticle(db, { slug: 'contributors-draft', status: 'draft' });
    await db
      .updateTable('articles')
      .set({ created_by: staff.contributor! })
      .where('id', '=', draftId)
      .execute();
    const publishedId = await addArticle(db, { slug: 'published-story' });
    const mediaId = await addMedia(db, 'harbour');
    await db
      .updateTable('media')
      .set({ uploaded_by: staff.contributor! })
      .where('id', '=', mediaId)
      .execute();
    const posted = await sendComment(site.app, 'published-story', commentFields(publishedId), {
      json: true,
      headers: { origin: url },
    });
    expect([201, 202]).toContain(posted.statusCode);
    ids = {
      '/admin/password-reset/:token': 'no-such-token',
      '/admin/setup/:token': 'no-such-token',
      '/admin/invitations/:token': 'no-such-token',
      '/admin/staff/:id': String(target.id),
      '/admin/staff/invitations/:id': NONE,
      '/admin/authors/:id': String(await addAuthor(db, 'ana-reporter', 'Ana Reporter')),
      '/admin/settings/sections/:id': String(await addSection(db, 'city', 'City')),
      '/admin/media/:id': String(mediaId),
      '/admin/analytics/:table': 'articles',
      '/admin/articles/:id': String(draftId),
      '/admin/articles/:id/revisions/:version': '1',
      '/admin/articles/:id/corrections/:correction': NONE,
      '/admin/comments/:id': String(posted.json().id),
      '/admin/comments/bans/:id': NONE,
      '/admin/comments/articles/:id': String(publishedId),
      '/admin/donations/donors/:id': NONE,
      '/admin/donations/campaigns/:id': NONE,
      '/admin/webhooks/:id': NONE,
      '/admin/import/:id': NONE,
      '/admin/api-tokens/:id': NONE,
      '/admin/api-keys/:id': NONE,
      '/admin/webhooks/:id/deliveries/:deliveryId': NONE,
      '/admin/fronts/:front': 'home',
      '/admin/pages/:id': NONE,
      '/admin/pages/:id/revisions/:revision': NONE,
      '/admin/menus/:menu': 'footer',
      '/admin/menus/:menu/items/:index': '0',
      '/admin/newsletters/lists/:id': NONE,
      '/admin/newsletters/editions/:id': NONE,
    };
    othersDraft = await addArticle(db, { slug: 'editors-draft', status: 'draft' });
    await db
      .updateTable('articles')
      .set({ created_by: staff.editor! })
      .where('id', '=', othersDraft)
      .execute();
    for (const role of ['contributor', 'editor', 'admin'] as const) sessions[role] = await signIn(role);
  });
  afterAll(() => site.close());

  it('finds the newsroom routes, each declaring the permission agreed for it', () => {
    expect(adminRoutes.length).toBeGreaterThan(50);
    const declared = Object.fromEntries(adminRoutes.map((r) => [keyOf(r), r.config.permission]));
    expect(adminRoutes.filter((r) => r.config.permission === undefined).map(keyOf)).toEqual([]);
    expect(declared).toEqual(AGREED);
  });

  it('holds every visitor to every route', async () => {
    const wrong: string[] = [];
    for (const route of adminRoutes) {
      const permission = route.config.permission as Permission;
      for (const visitor of VISITORS) {
        const { status, location, address } = await probe(route, visitor);
        const seen = `${route.method} ${address} as ${visitor}: ${status}${location ? ` → ${location}` : ''}`;
        const toSignIn = status === 302 && location?.startsWith('/admin/sign-in?next=');
        if (permission !== 'public' && visitor === 'signed out') {
          const expected =
            route.method === 'GET'
              ? status === 302 && location === `/admin/sign-in?next=${encodeURIComponent(address)}`
              : status === 401;
          if (!expected) wrong.push(`${seen} (expected to be sent to sign in)`);
        } else if (rankOf(visitor) < RANK[permission]) {
          if (status !== 403) wrong.push(`${seen} (expected 403)`);
        } else if (status === 401 || status === 403 || toSignIn || status >= 500) {
          wrong.push(`${seen} (expected to be let in)`);
        } else if (route.method === 'GET' && permission !== 'public') {
          // A page the visitor may see is shown: 200, or 404 for the one address naming nothing.
          const shown = address.includes(`/${NONE}`) ? 404 : 200;
          if (status !== shown) wrong.push(`${seen} (expected ${shown})`);
        }
        // Whatever the route, nobody signed out gets a 2xx from a route that needs someone signed in.
        if (visitor === 'signed out' && permission !== 'public' && status < 300)
          wrong.push(`${seen} (answered a signed-out visitor)`);
      }
      // A script asking for JSON, signed out, is told 401 rather than sent to a page.
      if (permission !== 'public') {
        const { status, address } = await probe(route, 'signed out', true);
        if (status !== 401)
          wrong.push(`${route.method} ${address} as signed out, JSON: ${status} (expected 401)`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("refuses a contributor someone else's draft, on every newsroom route of an article", async () => {
    const articleRoutes = adminRoutes.filter((r) => r.url.startsWith('/admin/articles/:id'));
    const wrong: string[] = [];
    for (const route of articleRoutes) {
      const saved = ids['/admin/articles/:id'];
      ids['/admin/articles/:id'] = String(othersDraft);
      const { status, address } = await probe(route, 'contributor').finally(() => {
        ids['/admin/articles/:id'] = saved!;
      });
      // 404 only where the address names no revision or correction of it; never let in.
      const expected = address.includes(`/${NONE}`) || address.includes('/revisions/') ? [403, 404] : [403];
      if (!expected.includes(status)) wrong.push(`${route.method} ${address}: ${status}`);
    }
    expect(articleRoutes.length).toBeGreaterThan(10);
    expect(wrong).toEqual([]);
  });
});
