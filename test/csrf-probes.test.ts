// Forged requests against every state-changing route, reader and newsroom, over real HTTP: each is sent as
// another site's page would send it (five ways), with a signed-in admin's cookie and even their session
// token, and must be refused 403 with nothing changed in the database or the media folder. The routes are
// read from the app as it registers them; the two that opt out of the origin check (the Stripe webhook, the
// mail clients' one-click unsubscribe) must refuse a forged signature or token instead.
import { readdir } from 'node:fs/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unsubscribeUrl } from '../src/comments/unsubscribe.js';
import { buildTestApp, type TestApp } from './support/app.js';
import { commentFields, SECRET } from './support/comments.js';
import { addArticle } from './support/content.js';
import { testDatabases } from './support/databases.js';
import { addStaff, csrfFrom, PASSWORD } from './support/newsroom.js';
import { type RegisteredRoute, recordingRoutes } from './support/routes.js';
import { freePort } from './support/server.js';
import { type StripeStandin, startStripeStandin } from './support/stripe-standin.js';

const EVIL = 'https://evil.example';
const SLUG = 'a-published-story';
const REFUSED = [
  'This form was sent from another site, so we did not accept it.',
  'We could not confirm this form came from our own site.',
];

/** The ways another site's page (or a script without a browser's headers) sends a request to us. */
const FORGERIES: { name: string; headers: (own: string) => Record<string, string> }[] = [
  { name: 'Origin of another site', headers: () => ({ origin: EVIL }) },
  // Where the browser says so, its word counts, whatever Origin says.
  { name: 'Sec-Fetch-Site: cross-site', headers: (own) => ({ 'sec-fetch-site': 'cross-site', origin: own }) },
  {
    name: 'Sec-Fetch-Site: same-site (a sibling subdomain)',
    headers: () => ({ 'sec-fetch-site': 'same-site' }),
  },
  { name: 'Origin: null (a sandboxed frame)', headers: () => ({ origin: 'null' }) },
  { name: 'no Origin and no Sec-Fetch-Site', headers: () => ({}) },
];

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let standin: StripeStandin;
beforeAll(async () => {
  standin = await startStripeStandin();
});
afterAll(() => standin.close());

describe.each(testDatabases)('forged cross-site requests on $name', (database) => {
  let site: TestApp;
  let url: string;
  let routes: RegisteredRoute[];
  let admin: { cookie: string; csrf: string };
  let adminEmail: string;
  let targetId: number;
  let articleId: number;

  async function signIn(): Promise<{ cookie: string; csrf: string }> {
    const response = await fetch(`${url}/admin/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: adminEmail, password: PASSWORD }),
    });
    expect(response.status).toBe(303);
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith('broadsheet_staff='))!;
    return { cookie, csrf: csrfFrom(await (await fetch(`${url}/admin`, { headers: { cookie } })).text()) };
  }

  function addressOf(route: RegisteredRoute): string {
    return route.url.replace(/:(\w+)/g, (_m, name: string) => {
      if (name === 'slug') return SLUG;
      if (name === 'kind') return 'replies';
      if (name === 'token') return 'forged-token';
      if (name === 'id' && route.url.startsWith('/admin/staff/:id')) return String(targetId);
      if (name === 'id' && route.url.startsWith('/admin/articles/:id')) return String(articleId);
      return '1';
    });
  }

  /** Sends a route a form as the signed-in admin would, with whatever origin headers are given. */
  async function send(
    route: RegisteredRoute,
    headers: Record<string, string>,
    body?: Record<string, string>,
  ) {
    const response = await fetch(`${url}${addressOf(route)}`, {
      method: route.method,
      redirect: 'manual',
      headers: {
        cookie: admin.cookie,
        'x-csrf-token': admin.csrf,
        'content-type': 'application/x-www-form-urlencoded',
        ...headers,
      },
      body: new URLSearchParams(body ?? { _csrf: admin.csrf }).toString(),
    });
    return { status: response.status, text: await response.text() };
  }

  async function currentSchema(): Promise<string> {
    const { rows } = await sql<{ name: string }>`select current_schema() as name`.execute(site.storage.db);
    return rows[0]!.name;
  }

  /** Every row of every table, and every file in the media folder: what a refused request must not touch. */
  async function everything(leaveOut: string[] = []): Promise<string> {
    // PostgreSQL lists every schema's tables; other test runs may share the database.
    const schema = database.name === 'postgres' ? await currentSchema() : undefined;
    const tables = (await site.storage.db.introspection.getTables())
      .filter((t) => schema === undefined || t.schema === schema)
      .map((t) => t.name)
      .filter((name) => !leaveOut.includes(name))
      .sort();
    const rows: Record<string, string[]> = {};
    for (const table of tables) {
      const all = await site.storage.db
        .selectFrom(table as 'comments')
        .selectAll()
        .execute();
      rows[table] = all.map((row) => JSON.stringify(row)).sort();
    }
    const files = await readdir(site.mediaDir, { recursive: true });
    return JSON.stringify({ rows, files: files.sort() });
  }

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const recorded = await recordingRoutes(async () => {
      const built = await buildTestApp({ database, env: { ...standin.env, PUBLIC_URL: url } });
      await built.app.ready();
      return built;
    });
    site = recorded.built;
    routes = recorded.routes.filter((r) => STATE_CHANGING.has(r.method));
    await site.app.listen({ host: '127.0.0.1', port });
    const db = site.storage.db;
    adminEmail = (await addStaff(db, 'admin')).email;
    targetId = (await addStaff(db, 'contributor', { email: 'target@example.org' })).id;
    articleId = await addArticle(db, { slug: SLUG });
    admin = await signIn();
  });
  afterAll(() => site.close());

  it('refuses every forged request with 403 on every route that checks the origin, and changes nothing', async () => {
    const guarded = routes.filter((r) => r.config.csrf !== false);
    expect(guarded.length).toBeGreaterThan(40);
    expect(guarded.some((r) => !r.url.startsWith('/admin'))).toBe(true);
    const before = await everything();
    const wrong: string[] = [];
    for (const route of guarded) {
      for (const forgery of FORGERIES) {
        const { status, text } = await send(route, forgery.headers(url));
        if (status !== 403 || !REFUSED.some((message) => text.includes(message)))
          wrong.push(`${route.method} ${route.url}, ${forgery.name}: ${status} ${text.slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await everything()).toBe(before);
    // The admin's session survived the forged sign-outs.
    expect(
      (await fetch(`${url}/admin`, { headers: { cookie: admin.cookie }, redirect: 'manual' })).status,
    ).toBe(200);
  });

  it('refuses a newsroom post from our own origin without the session token', async () => {
    const guarded = routes.filter((r) => r.url.startsWith('/admin') && r.config.permission !== 'public');
    expect(guarded.length).toBeGreaterThan(30);
    const before = await everything(['rate_limit_counters']);
    const wrong: string[] = [];
    for (const route of guarded) {
      const response = await fetch(`${url}${addressOf(route)}`, {
        method: route.method,
        redirect: 'manual',
        headers: { cookie: admin.cookie, origin: url, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'note=no+token',
      });
      const text = await response.text();
      if (response.status !== 403 || !text.includes('did not come from your newsroom session'))
        wrong.push(`${route.method} ${route.url}: ${response.status} ${text.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
    // Only the attempts are counted: a newsroom route's request limit counts each try by this person before
    // the body (and the token in it) is read, so trying without a token is no free probe.
    expect(await everything(['rate_limit_counters'])).toBe(before);
  });

  it('takes the same requests from our own origin: what refused them was the origin alone', async () => {
    const comment = routes.find((r) => r.url === '/articles/:slug/comments')!;
    const fields = commentFields(articleId, {}, new Date());
    const forged = await send(comment, { origin: EVIL, accept: 'application/json' }, fields);
    expect(forged.status).toBe(403);
    const sent = await send(comment, { origin: url, accept: 'application/json' }, fields);
    expect([201, 202]).toContain(sent.status);

    const disable = routes.find((r) => r.url === '/admin/staff/:id/disable')!;
    expect((await send(disable, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const target = () =>
      site.storage.db
        .selectFrom('staff')
        .select('disabled_at')
        .where('id', '=', targetId)
        .executeTakeFirstOrThrow();
    expect((await target()).disabled_at).toBeNull();
    expect((await send(disable, { 'sec-fetch-site': 'same-origin' })).status).toBe(303);
    expect((await target()).disabled_at).not.toBeNull();
  });

  it('leaves the origin check off only where the request proves itself: a bad Stripe signature is 400', async () => {
    // The WordPress API's writes refuse everyone and the admin API takes only a bearer token (tests below).
    const open = routes
      .filter(
        (r) => r.config.csrf === false && !r.url.startsWith('/wp-json/') && !r.url.startsWith('/api/admin/'),
      )
      .map((r) => `${r.method} ${r.url}`);
    expect(open.sort()).toEqual([
      'POST /comments/unsubscribe/:kind/:token',
      'POST /newsletters/unsubscribe/:token',
      'POST /newsletters/webhooks/ses',
      'POST /stripe/webhook',
    ]);
    const before = await everything();
    const event = JSON.stringify({
      id: 'evt_forged',
      type: 'checkout.session.completed',
      data: { object: {} },
    });
    for (const signature of [undefined, 't=1,v1=deadbeef']) {
      const response = await fetch(`${url}/stripe/webhook`, {
        method: 'POST',
        headers: {
          origin: EVIL,
          'content-type': 'application/json',
          ...(signature ? { 'stripe-signature': signature } : {}),
        },
        body: event,
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('INVALID_SIGNATURE');
    }
    expect(await everything()).toBe(before);
  });

  it('leaves it off the WordPress API’s writes, which refuse every request as WordPress refuses a visitor', async () => {
    const writes = routes.filter((r) => r.url.startsWith('/wp-json/'));
    expect(writes.length).toBeGreaterThan(20);
    expect(writes.every((r) => r.config.csrf === false)).toBe(true);
    const before = await everything();
    const wrong: string[] = [];
    for (const route of writes) {
      const address = route.url.replace(/:id\([^)]*\)/, String(articleId)).replace('*', 'anything');
      for (const forgery of FORGERIES) {
        const response = await fetch(`${url}${address}`, {
          method: route.method,
          headers: { cookie: admin.cookie, 'content-type': 'application/json', ...forgery.headers(url) },
          body: JSON.stringify({ title: 'forged', status: 'publish' }),
        });
        const body = (await response.json()) as { code: string; data: { status: number } };
        if (![401, 404].includes(response.status) || !body.code.startsWith('rest_'))
          wrong.push(`${route.method} ${address}, ${forgery.name}: ${response.status} ${body.code}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await everything()).toBe(before);
  });

  it('leaves it off the admin API, where the staff cookie authenticates nothing: every forgery is 401', async () => {
    const writes = routes.filter((r) => r.url.startsWith('/api/admin/'));
    expect(writes.length).toBeGreaterThan(5);
    expect(writes.every((r) => r.config.csrf === false)).toBe(true);
    const before = await everything();
    const wrong: string[] = [];
    for (const route of writes) {
      const address = addressOf(route);
      for (const forgery of FORGERIES) {
        const response = await fetch(`${url}${address}`, {
          method: route.method,
          headers: { cookie: admin.cookie, 'content-type': 'application/json', ...forgery.headers(url) },
          body: JSON.stringify({ headline: 'forged' }),
        });
        if (response.status !== 401)
          wrong.push(`${route.method} ${address}, ${forgery.name}: ${response.status}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await everything()).toBe(before);
  });

  it('unsubscribes from another origin only with a link we signed', async () => {
    const link = unsubscribeUrl({ secret: SECRET, publicUrl: url }, { kind: 'digest', staffId: targetId });
    const token = link.split('/').at(-1)!;
    const altered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    const before = await everything();
    for (const forged of [
      `/comments/unsubscribe/digest/${altered}`,
      '/comments/unsubscribe/digest/forged-token',
    ]) {
      const response = await fetch(`${url}${forged}`, {
        method: 'POST',
        headers: { origin: EVIL, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('This unsubscribe link is not valid');
    }
    expect(await everything()).toBe(before);
    // A mail client's one-click POST carries no Origin of ours; the signed link is its proof.
    const signed = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(signed.status).toBe(200);
    const optOuts = await site.storage.db.selectFrom('comment_digest_optouts').selectAll().execute();
    expect(optOuts).toHaveLength(1);
  });
});
