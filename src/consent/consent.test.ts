// Third-party tags through the whole app, on both databases: only admins set them (CSRF checked, bad IDs
// refused with the field's message and nothing saved); with none there is no loader, no dialog and a strict
// CSP; with some, reader pages carry the loader's data and a CSP naming exactly the configured hosts, the
// newsroom's CSP names none, no pixel markup is ever in the HTML, a cached page is the same bytes and
// headers with or without a consent cookie (fast path included), and /privacy says who collects what.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { addArticle, bodyOf } from '../../test/support/content.js';
import { testDatabases } from '../../test/support/databases.js';
import { freePort } from '../../test/support/free-port.js';
import { addStaff, type Browserish, post, signInAs } from '../../test/support/newsroom.js';
import { readConsentSettings } from './settings.js';

const ARTICLE = '/articles/tagged-story';

const TAGS = {
  meta: '123456789012345',
  ga4: 'G-ABC123DEF4',
  gtm: '',
  gtmPurpose: 'marketing',
  x: '',
  customName: 'Chartbeat',
  customSource: 'window.chartbeatRan = true;',
  customHosts: 'https://static.chartbeat.com\nhttps://ping.chartbeat.net',
  customPurpose: 'statistics',
  customPolicy: 'https://chartbeat.com/privacy',
};
const NONE = {
  ...TAGS,
  meta: '',
  ga4: '',
  customName: '',
  customSource: '',
  customHosts: '',
  customPolicy: '',
};

function csp(headers: Record<string, unknown>): Record<string, string> {
  const policy = String(headers['content-security-policy']);
  return Object.fromEntries(
    policy.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1).join(' ')] as [string, string]),
  );
}

function loaderConfig(html: string): { version: string; vendors: unknown[]; custom: { src: string } | null } {
  const match = /<script type="application\/json" id="consent-config">([^<]*)<\/script>/.exec(html);
  if (!match) throw new Error('no loader data on the page');
  return JSON.parse(match[1]!);
}

describe.each(testDatabases)('third-party tags on $name', (database) => {
  let site: TestApp;
  let admin: Browserish;
  let editor: Browserish;

  beforeAll(async () => {
    site = await buildTestApp({ database });
    await addStaff(site.storage.db, 'admin', { email: 'admin@example.org' });
    await addStaff(site.storage.db, 'editor', { email: 'editor@example.org' });
    await addArticle(site.storage.db, { slug: 'tagged-story', body: bodyOf('A story worth reading.') });
    admin = await signInAs(site.app, 'admin@example.org');
    editor = await signInAs(site.app, 'editor@example.org');
  });
  afterAll(() => site?.close());

  it('with no tags: no loader, no dialog data, no "Privacy choices", a strict CSP, and a privacy page', async () => {
    const page = await site.app.inject({ url: ARTICLE });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('consent-config');
    expect(page.body).not.toMatch(/\/assets\/consent\./);
    expect(page.body).toContain('<a href="/privacy">Privacy</a>');
    expect(page.body).not.toContain('Privacy choices');
    const policy = csp(page.headers);
    expect(policy['script-src']).toBe("'self'");
    expect(policy['connect-src']).toBe("'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');

    const privacy = await site.app.inject({ url: '/privacy' });
    expect(privacy.statusCode).toBe(200);
    expect(privacy.body).toContain('network hash 30 days');
    expect(privacy.body).toContain('nothing to choose');
    // The site's own visitor counts, with how long their raw events are kept (ANALYTICS_RETENTION_DAYS).
    expect(privacy.body).toContain('Visitor counts');
    expect(privacy.body).toContain('30 days for each visit');
    expect(privacy.body).not.toContain('consent”');
  });

  it('lets only admins open or save the tags, and only with the form’s CSRF token', async () => {
    expect(
      (await site.app.inject({ url: '/admin/consent', headers: { cookie: editor.cookie } })).statusCode,
    ).toBe(403);
    const byEditor = await post(site.app, '/admin/consent', TAGS, editor);
    expect(byEditor.statusCode).toBe(403);
    const noToken = await post(site.app, '/admin/consent', TAGS, { cookie: admin.cookie });
    expect(noToken.statusCode).toBe(403);
    const anonymous = await post(site.app, '/admin/consent', TAGS);
    expect([303, 401, 403]).toContain(anonymous.statusCode);
    expect(await readConsentSettings(site.storage.db)).toMatchObject({ meta: '', ga4: '', custom: null });
    const screen = await site.app.inject({ url: '/admin/consent', headers: { cookie: admin.cookie } });
    expect(screen.statusCode).toBe(200);
    expect(screen.body).toContain('Meta pixel ID');
  });

  it('refuses malformed IDs and hosts with each field’s message, keeping what was typed, saving nothing', async () => {
    const refused = await post(
      site.app,
      '/admin/consent',
      {
        ...TAGS,
        meta: '123"><script>alert(1)</script>',
        ga4: 'UA-1234-5',
        customHosts: "https://ok.example.com\nhttps://evil.example.com; script-src 'unsafe-inline'",
      },
      admin,
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('A Meta pixel ID is 15 or 16 digits');
    expect(refused.body).toContain('A Google Analytics 4 ID is G- followed by letters and digits');
    expect(refused.body).toContain('each host is an https origin');
    // What was typed comes back escaped, never as markup.
    expect(refused.body).toContain('123&quot;>&lt;script>alert(1)&lt;/script>');
    expect(refused.body).not.toContain('<script>alert(1)</script>');
    expect(await readConsentSettings(site.storage.db)).toMatchObject({ meta: '', ga4: '', custom: null });
  });

  it('with tags: reader pages carry the loader and a CSP naming exactly their hosts; the newsroom’s names none', async () => {
    const saved = await post(site.app, '/admin/consent', TAGS, admin);
    expect(saved.statusCode).toBe(303);
    const page = await site.app.inject({ url: ARTICLE });
    const config = loaderConfig(page.body);
    expect(config.vendors).toEqual([
      { kind: 'meta', id: '123456789012345', purpose: 'marketing' },
      { kind: 'ga4', id: 'G-ABC123DEF4', purpose: 'statistics' },
    ]);
    expect(page.body).toMatch(/<script type="module" src="\/assets\/consent\.[0-9a-f]+\.js">/);
    expect(page.body).toContain('<a href="/privacy#choices">Privacy choices</a>');
    // No vendor markup at all: neither their script, nor the noscript image, nor their addresses.
    expect(page.body).not.toMatch(/fbevents|facebook\.com\/tr|googletagmanager|<noscript/);

    const policy = csp(page.headers);
    expect(policy['script-src']?.split(' ').sort()).toEqual(
      [
        "'self'",
        'https://connect.facebook.net',
        'https://www.googletagmanager.com',
        'https://static.chartbeat.com',
        'https://ping.chartbeat.net',
      ].sort(),
    );
    expect(policy['connect-src']).toContain('https://www.facebook.com');
    expect(policy['connect-src']).toContain('https://*.google-analytics.com');
    expect(policy['img-src']).toContain('https://www.facebook.com');
    expect(policy['script-src']).not.toContain('twitter');
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(policy['style-src']).toBe("'self'");

    const newsroom = await site.app.inject({ url: '/admin/consent', headers: { cookie: admin.cookie } });
    expect(csp(newsroom.headers)['script-src']).toBe("'self'");

    // The custom script from our own origin, under the name the loader has; any other name is not found.
    const script = await site.app.inject({ url: config.custom!.src });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.body).toBe('window.chartbeatRan = true;');
    expect((await site.app.inject({ url: '/consent/custom-0000000000.js' })).statusCode).toBe(404);
  });

  it('asks again after a change of vendors: the consent version changes', async () => {
    const before = loaderConfig((await site.app.inject({ url: ARTICLE })).body).version;
    await post(site.app, '/admin/consent', { ...TAGS, x: 'o1abc' }, admin);
    const after = loaderConfig((await site.app.inject({ url: ARTICLE })).body);
    expect(after.version).not.toBe(before);
    expect(after.vendors).toContainEqual({ kind: 'x', id: 'o1abc', purpose: 'marketing' });
  });

  it('a marketing custom script is not sent to a request with Global Privacy Control', async () => {
    await post(site.app, '/admin/consent', { ...TAGS, customPurpose: 'marketing' }, admin);
    const { custom } = loaderConfig((await site.app.inject({ url: ARTICLE })).body);
    const withGpc = await site.app.inject({ url: custom!.src, headers: { 'sec-gpc': '1' } });
    expect(withGpc.statusCode).toBe(204);
    expect(withGpc.body).toBe('');
    expect(withGpc.headers.vary).toContain('Sec-GPC');
    expect((await site.app.inject({ url: custom!.src })).statusCode).toBe(200);
  });

  it('the privacy page lists each configured service with its purpose, retention and own policy', async () => {
    await post(site.app, '/admin/consent', TAGS, admin);
    const privacy = await site.app.inject({ url: '/privacy' });
    expect(privacy.statusCode).toBe(200);
    const body = privacy.body;
    expect(body).toContain('Meta pixel');
    expect(body).toContain('href="https://www.facebook.com/privacy/policy/"');
    expect(body).toContain('Google Analytics 4');
    expect(body).toContain('href="https://policies.google.com/privacy"');
    expect(body).toContain('Chartbeat');
    expect(body).toContain('https://static.chartbeat.com, https://ping.chartbeat.net');
    expect(body).toContain('href="https://chartbeat.com/privacy"');
    expect(body).toContain('183 days');
    expect(body).toContain('Only if you agree');
    expect(body).toContain('href="/privacy#choices"');
    expect(csp(privacy.headers)['script-src']).toContain('https://connect.facebook.net');
  });

  it('a service name that looks like markup stays text inside the loader’s data', async () => {
    const name = '</script><img src=x onerror=alert(1)>';
    expect((await post(site.app, '/admin/consent', { ...TAGS, customName: name }, admin)).statusCode).toBe(
      303,
    );
    const page = await site.app.inject({ url: ARTICLE });
    expect(page.body).not.toContain('<img src=x');
    const match = /<script type="application\/json" id="consent-config">([^<]*)<\/script>/.exec(page.body);
    const config = JSON.parse(match![1]!) as { purposes: Array<{ services: string[] }> };
    expect(config.purposes.flatMap((p) => p.services)).toContain(name);
    const privacy = await site.app.inject({ url: '/privacy' });
    expect(privacy.body).not.toContain('<img src=x');
    expect(privacy.body).toContain('&lt;/script>&lt;img src=x onerror=alert(1)>');
  });

  it('removing every tag removes the loader and the hosts again', async () => {
    await post(site.app, '/admin/consent', NONE, admin);
    const page = await site.app.inject({ url: ARTICLE });
    expect(page.body).not.toContain('consent-config');
    expect(csp(page.headers)['script-src']).toBe("'self'");
  });
});

describe('a cached page with tags configured, over a real socket', () => {
  let site: TestApp;
  let base: string;

  function get(url: string, headers: Record<string, string> = {}) {
    return new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = httpRequest(`${base}${url}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  }
  const withoutDate = ({ date: _, ...rest }: IncomingHttpHeaders) => rest;

  beforeAll(async () => {
    site = await buildTestApp();
    await addStaff(site.storage.db, 'admin', { email: 'admin@example.org' });
    await addArticle(site.storage.db, { slug: 'tagged-story', body: bodyOf('A story worth reading.') });
    const admin = await signInAs(site.app, 'admin@example.org');
    expect((await post(site.app, '/admin/consent', TAGS, admin)).statusCode).toBe(303);
    const port = await freePort();
    await site.app.listen({ host: '127.0.0.1', port });
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(() => site?.close());

  it('is the same bytes and headers for a reader who accepted, one who refused, and one who has not chosen', async () => {
    const version = loaderConfig((await site.app.inject({ url: ARTICLE })).body).version;
    const accepted = await get(ARTICLE, { cookie: `consent=${version}.11` });
    const refused = await get(ARTICLE, { cookie: `consent=${version}.00` });
    const undecided = await get(ARTICLE);
    const replayedBefore = site.replayCachedPage.replayed;
    const replayed = await get(ARTICLE, { cookie: `consent=${version}.11` });
    expect(site.replayCachedPage.replayed).toBe(replayedBefore + 1);
    for (const other of [refused, undecided, replayed]) {
      expect(other.body.equals(accepted.body)).toBe(true);
      expect(withoutDate(other.headers)).toEqual(withoutDate(accepted.headers));
    }
    expect(accepted.headers['content-security-policy']).toContain('https://connect.facebook.net');
    expect(accepted.headers.vary).toBe('Accept-Encoding');
    expect(accepted.headers['cache-control']).toMatch(/^public/);
  });
});
