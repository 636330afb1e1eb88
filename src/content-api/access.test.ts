// Who may read the content API, from where and how often, on both databases: keys in each way they are sent
// (and missing, wrong, revoked), CORS for the key's origins and preflights, the per-key limit, 304s, answers
// dropped by a publish and an edit, and the newsroom's key screens (admins only, CSRF, the key shown once).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { APP_ORIGIN, type ApiFixture, apiGet, seedApiContent } from '../../test/support/content-api.js';
import { testDatabases } from '../../test/support/databases.js';
import { fieldsFor, type Newsroom } from '../../test/support/editorial.js';
import { addStaff, csrfFrom, follow, post, signInAs } from '../../test/support/newsroom.js';
import { commentsTag } from '../comments/cache-tags.js';
import { createArticle, saveArticle } from '../editorial/drafts.js';
import { publishArticle } from '../editorial/workflow.js';
import { EVERYTHING } from '../http/tagged-cache.js';
import { readSiteSettings, saveSiteSettings } from '../site/settings.js';

// Mid-minute: the per-minute window of the rate limit has 30 s left whatever the real time is.
const NOW = new Date('2026-12-04T10:00:30.000Z');

describe.each(testDatabases)('content API access on $name', (database) => {
  let t: TestApp;
  let f: ApiFixture;
  const made: { admin?: { cookie: string; csrf: string }; keys: string[] } = { keys: [] };

  /** Makes a key through the newsroom's form, as an admin does, and reads it from the page (shown once). */
  async function makeKey(fields: Record<string, string>) {
    const response = await post(t.app, '/admin/api-keys', fields, made.admin);
    expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
    const key = /<code id="new-key">(bsk_[A-Za-z0-9_-]{43})<\/code>/.exec(response.body)?.[1];
    expect(key).toBeDefined();
    made.keys.push(key!);
    return { key: key!, page: response.body };
  }

  beforeAll(async () => {
    t = await buildTestApp({ database, clock: () => NOW });
    f = await seedApiContent(t.storage.db, t.deps.events);
    const admin = await addStaff(t.storage.db, 'admin');
    made.admin = await signInAs(t.app, admin.email);
  });
  afterAll(() => t.close());

  it('refuses a request without a key, with a wrong or malformed key, with 401 in the error shape', async () => {
    const cases = [
      apiGet(t.app, '/api/v1/articles', null),
      apiGet(t.app, '/api/v1/articles', `bsk_${'A'.repeat(43)}`),
      apiGet(t.app, '/api/v1/articles', 'not-a-key'),
      apiGet(t.app, '/api/v1/articles', null, { authorization: `Basic ${f.key}` }),
      apiGet(t.app, '/api/v1/articles?key=bsk_wrong', null),
    ];
    for (const response of await Promise.all(cases)) {
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/json');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.json().error).toMatchObject({ code: 'UNAUTHORIZED', fields: {} });
    }
  });

  it('takes the key as a Bearer token, as X-Broadsheet-Key and as key=, giving each the same answer', async () => {
    const bearer = await apiGet(t.app, '/api/v1/sections', f.key);
    const header = await apiGet(t.app, '/api/v1/sections', null, { 'x-broadsheet-key': f.key });
    const query = await apiGet(t.app, `/api/v1/sections?key=${f.key}`, null);
    for (const response of [bearer, header, query]) expect(response.statusCode).toBe(200);
    expect(header.body).toBe(bearer.body);
    expect(query.body).toBe(bearer.body);
    expect(query.headers.etag).toBe(bearer.headers.etag);
  });

  it('sends validators and CDN caching, varying on the key and the origin; 304 for a matching If-None-Match', async () => {
    const first = await apiGet(t.app, '/api/v1/articles', f.key);
    expect(first.headers['cache-control']).toMatch(
      /^public, max-age=\d+, s-maxage=\d+, stale-while-revalidate=\d+$/,
    );
    expect(first.headers.vary).toContain('Origin');
    expect(first.headers.vary).toContain('Authorization');
    expect(first.headers.vary).toContain('X-Broadsheet-Key');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await apiGet(t.app, '/api/v1/articles', f.key, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const weak = await apiGet(t.app, '/api/v1/articles', f.key, { 'if-none-match': `W/${etag}` });
    expect(weak.statusCode).toBe(304);
    const other = await apiGet(t.app, '/api/v1/articles', f.key, { 'if-none-match': '"something-else"' });
    expect(other.statusCode).toBe(200);
    // A 304 is still only for a key holder.
    expect((await apiGet(t.app, '/api/v1/articles', null, { 'if-none-match': etag })).statusCode).toBe(401);
  });

  it('lets only the key’s origins read answers in a browser, and answers their preflight', async () => {
    const allowed = await apiGet(t.app, '/api/v1/tags', f.key, { origin: APP_ORIGIN });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe(APP_ORIGIN);
    expect(allowed.headers['access-control-expose-headers']).toContain('ETag');
    const denied = await apiGet(t.app, '/api/v1/tags', f.key, { origin: 'https://elsewhere.example' });
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();

    const preflight = (origin: string, url = '/api/v1/articles?limit=3') =>
      t.app.inject({
        method: 'OPTIONS',
        url,
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
    const ok = await preflight(APP_ORIGIN);
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe(APP_ORIGIN);
    expect(ok.headers['access-control-allow-headers']).toContain('Authorization');
    expect(ok.headers['access-control-allow-methods']).toContain('GET');
    const refused = await preflight('https://elsewhere.example');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    expect(refused.headers['access-control-allow-headers']).toBeUndefined();
    // With key= in the address, the preflight is held to that key's own origins.
    const other = await makeKey({
      name: 'Partner site',
      origins: 'https://partner.example',
      ratePerMinute: '100',
    });
    const partner = await preflight('https://partner.example', `/api/v1/articles?key=${other.key}`);
    expect(partner.headers['access-control-allow-origin']).toBe('https://partner.example');
    const crossed = await preflight(APP_ORIGIN, `/api/v1/articles?key=${other.key}`);
    expect(crossed.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a key over its requests per minute with 429 and Retry-After, other keys unaffected', async () => {
    const { key } = await makeKey({ name: 'Tiny', origins: '', ratePerMinute: '3' });
    for (let i = 0; i < 3; i++) {
      const ok = await apiGet(t.app, '/api/v1/sections', key);
      expect(ok.statusCode).toBe(200);
      expect(ok.headers['x-ratelimit-remaining']).toBe(String(2 - i));
    }
    const over = await apiGet(t.app, '/api/v1/sections', key);
    expect(over.statusCode).toBe(429);
    expect(over.headers['retry-after']).toBe('30');
    expect(over.json().error.code).toBe('TOO_MANY_REQUESTS');
    expect((await apiGet(t.app, '/api/v1/sections', f.key)).statusCode).toBe(200);
  });

  it('drops kept answers when an article is published or edited, as it drops the pages', async () => {
    const editor = await addStaff(t.storage.db, 'editor');
    // The fixture's own section, author and image; a newsroom() here would clash with its slugs.
    const room = {
      sectionId: f.ids.world!,
      authorId: f.ids.ana!,
      mediaId: f.ids.hero!,
      editor,
    } as unknown as Newsroom;
    const deps = { db: t.storage.db, events: t.deps.events };
    const list = await apiGet(t.app, '/api/v1/articles?limit=1', f.key);
    const draft = await createArticle(t.storage.db, editor, fieldsFor(room), 'manual', NOW);
    // Unpublished, it changes nothing: the kept answer stands.
    expect(
      (
        await apiGet(t.app, '/api/v1/articles?limit=1', f.key, {
          'if-none-match': list.headers.etag as string,
        })
      ).statusCode,
    ).toBe(304);
    await publishArticle(deps, editor, draft.id, new Date('2026-12-01T00:00:00.000Z'));
    const after = await apiGet(t.app, '/api/v1/articles?limit=1', f.key, {
      'if-none-match': list.headers.etag as string,
    });
    expect(after.statusCode).toBe(200);
    expect(after.json().items[0].id).toBe(draft.id);

    const one = await apiGet(t.app, `/api/v1/articles/${draft.id}`, f.key);
    expect(one.json().headline).toBe(fieldsFor(room).headline);
    const published = await (await import('../editorial/editable.js')).loadArticle(t.storage.db, draft.id);
    await saveArticle(
      deps,
      editor,
      draft.id,
      { ...published.fields, headline: 'A sharper headline' },
      {
        baseVersion: published.version,
        kind: 'manual',
        now: new Date('2026-12-01T01:00:00.000Z'),
      },
    );
    const edited = await apiGet(t.app, `/api/v1/articles/${draft.id}`, f.key, {
      'if-none-match': one.headers.etag as string,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().headline).toBe('A sharper headline');
    expect((await apiGet(t.app, '/api/v1/articles?limit=1', f.key)).json().items[0].headline).toBe(
      'A sharper headline',
    );
  });

  it('drops kept settings with a settings change and a thread with its comment’s approval', async () => {
    const settings = await apiGet(t.app, '/api/v1/settings', f.key);
    expect(settings.json().siteName).toBe('Broadsheet');
    await saveSiteSettings(
      t.storage.db,
      { ...(await readSiteSettings(t.storage.db)), siteName: 'The Ledger' },
      NOW,
    );
    // Until announced, the kept answer stands: what is shown comes from the cache, not a query per request.
    expect((await apiGet(t.app, '/api/v1/settings', f.key)).json().siteName).toBe('Broadsheet');
    await t.deps.events.changed([EVERYTHING]);
    expect((await apiGet(t.app, '/api/v1/settings', f.key)).json().siteName).toBe('The Ledger');

    const thread = `/api/v1/articles/${f.ids.kharkiv}/comments`;
    expect((await apiGet(t.app, thread, f.key)).json().total).toBe(2);
    await t.storage.db
      .updateTable('comments')
      .set({ status: 'approved' })
      .where('id', '=', f.ids.held!)
      .execute();
    await t.deps.events.changed([commentsTag(f.ids.kharkiv!)]);
    const after = (await apiGet(t.app, thread, f.key)).json();
    expect(after.total).toBe(3);
    expect(after.items.map((c: { authorName: string }) => c.authorName)).toContain('Held Reader');
  });

  it('shows a new key once, keeps only its hash, and refuses it from the moment it is revoked', async () => {
    const { key, page } = await makeKey({
      name: 'Revocable',
      origins: 'https://r.example\nhttps://r2.example/',
      ratePerMinute: '50',
    });
    expect(page).toContain('shown only this once');
    const row = await t.storage.db
      .selectFrom('content_api_keys')
      .selectAll()
      .where('name', '=', 'Revocable')
      .executeTakeFirstOrThrow();
    expect(row.key_hash).not.toContain(key.slice(4));
    expect(JSON.parse(row.allowed_origins)).toEqual(['https://r.example', 'https://r2.example']);
    expect(row.rate_limit_per_minute).toBe(50);
    const list = await t.app.inject({ url: '/admin/api-keys', headers: { cookie: made.admin!.cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Revocable');
    expect(list.body).toContain(`${key.slice(0, 10)}…`);
    for (const k of [key, ...made.keys]) expect(list.body).not.toContain(k);

    expect((await apiGet(t.app, '/api/v1/sections', key)).statusCode).toBe(200);
    const revoked = await post(t.app, `/admin/api-keys/${row.id}/revoke`, {}, made.admin);
    expect(revoked.statusCode).toBe(303);
    expect((await follow(t.app, revoked, made.admin)).body).toContain('Key revoked');
    const refused = await apiGet(t.app, '/api/v1/sections', key);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('UNAUTHORIZED');
    const missing = await post(t.app, '/admin/api-keys/999999/revoke', {}, made.admin);
    expect(missing.statusCode).toBe(404);
  });

  it('names each wrong field of the key form and makes no key', async () => {
    const before = await t.storage.db.selectFrom('content_api_keys').select('id').execute();
    const response = await post(
      t.app,
      '/admin/api-keys',
      {
        name: '',
        origins: 'https://ok.example\nftp://bad.example\nhttps://x.example/path',
        ratePerMinute: '0',
      },
      made.admin,
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('f-name-error');
    expect(response.body).toContain('ftp://bad.example');
    expect(response.body).toContain('f-ratePerMinute-error');
    expect(await t.storage.db.selectFrom('content_api_keys').select('id').execute()).toHaveLength(
      before.length,
    );
  });

  it('lets only admins manage keys, and only with the session’s CSRF token from our own origin', async () => {
    const editor = await addStaff(t.storage.db, 'editor');
    const asEditor = await signInAs(t.app, editor.email);
    expect(
      (await t.app.inject({ url: '/admin/api-keys', headers: { cookie: asEditor.cookie } })).statusCode,
    ).toBe(403);
    const byEditor = await post(
      t.app,
      '/admin/api-keys',
      { name: 'Sneaky', origins: '', ratePerMinute: '10' },
      asEditor,
    );
    expect(byEditor.statusCode).toBe(403);
    const home = await t.app.inject({ url: '/admin', headers: { cookie: asEditor.cookie } });
    expect(home.body).not.toContain('/admin/api-keys');
    const adminHome = await t.app.inject({ url: '/admin', headers: { cookie: made.admin!.cookie } });
    expect(adminHome.body).toContain('/admin/api-keys');

    const signedOut = await t.app.inject({ url: '/admin/api-keys' });
    expect(signedOut.statusCode).toBe(302);
    const noToken = await post(
      t.app,
      '/admin/api-keys',
      { name: 'No token', origins: '', ratePerMinute: '10' },
      {
        cookie: made.admin!.cookie,
      },
    );
    expect(noToken.statusCode).toBe(403);
    const otherSite = await post(
      t.app,
      '/admin/api-keys',
      { name: 'Forged', origins: '', ratePerMinute: '10' },
      made.admin,
      { origin: 'https://evil.example' },
    );
    expect(otherSite.statusCode).toBe(403);
    const names = (await t.storage.db.selectFrom('content_api_keys').select('name').execute()).map(
      (r) => r.name,
    );
    expect(names).not.toContain('Sneaky');
    expect(names).not.toContain('No token');
    expect(names).not.toContain('Forged');
    expect(csrfFrom(adminHome.body)).toBe(made.admin!.csrf);
  });
});
