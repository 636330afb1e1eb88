// POST /a/event through the whole app, on both databases: what is counted and how (a visitor hash, never an
// address or a browser's name), what is not (robots, prefetches, other sites), DNT and GPC, and every way a
// body can be refused (400) or a visitor limited (429), with nothing stored for any of them.
import { beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_ORIGIN, type TestApp } from '../../test/support/app.js';
import { testDatabases } from '../../test/support/databases.js';
import { EVENTS_PER_VISITOR_MINUTE } from './visitor-rate-limit.js';

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(testDatabases)('collecting events on $name', (database) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp({ database, env: { ANALYTICS_FLUSH_MS: '20' } });
    return () => t.close();
  });

  const send = (body: unknown, headers: Record<string, string> = {}, ip = '203.0.113.7') =>
    t.app.inject({
      method: 'POST',
      url: '/a/event',
      remoteAddress: ip,
      headers: {
        'content-type': 'text/plain;charset=UTF-8',
        'sec-fetch-site': 'same-origin',
        'user-agent': FIREFOX,
        ...headers,
      },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const rows = async () => {
    await sleep(80);
    return t.storage.db.selectFrom('analytics_events').selectAll().orderBy('id').execute();
  };

  it('counts a page view with a visitor hash, the source host, the campaign and the device class only', async () => {
    const response = await send(
      {
        kind: 'pageview',
        path: '/articles/a-story',
        article: 4,
        section: 2,
        author: 9,
        ref: 'https://www.example.org/some/page?q=secret',
        utm_campaign: 'Winter Drive',
        utm_medium: 'Email',
      },
      { 'user-agent': IPHONE },
    );
    expect(response.statusCode).toBe(204);
    const [row] = await rows();
    expect(row).toMatchObject({
      kind: 'pageview',
      path: '/articles/a-story',
      article_id: 4,
      section_id: 2,
      author_id: 9,
      source: 'example.org',
      campaign: 'Winter Drive',
      medium: 'email',
      device: 'mobile',
      value: 0,
    });
    expect(row!.visitor).toMatch(/^[\w-]{22}$/);
    // Neither the address nor the user agent is stored, whole or in part.
    const stored = JSON.stringify(row);
    expect(stored).not.toContain('203.0.113');
    expect(stored).not.toContain('iPhone');
    expect(stored).not.toContain('secret');
  });

  it('gives one visitor the same hash all day, and another browser on the same address another', async () => {
    await send({ kind: 'pageview', path: '/' });
    await send({ kind: 'depth', path: '/', value: 25 });
    await send({ kind: 'pageview', path: '/' }, { 'user-agent': IPHONE });
    await send({ kind: 'pageview', path: '/' }, {}, '198.51.100.1');
    const [a, b, c, d] = await rows();
    expect(a!.visitor).toBe(b!.visitor);
    expect(c!.visitor).not.toBe(a!.visitor);
    expect(d!.visitor).not.toBe(a!.visitor);
  });

  it('does not count robots, headless browsers, prefetches nor an internal referrer as a source', async () => {
    const view = { kind: 'pageview', path: '/' };
    const robots: Record<string, string>[] = [
      { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' },
      {
        'user-agent':
          'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36',
      },
      { 'user-agent': 'curl/8.5.0' },
      { 'user-agent': '' },
      { 'sec-purpose': 'prefetch;prerender' },
      { purpose: 'prefetch' },
    ];
    for (const headers of robots) {
      expect((await send(view, headers)).statusCode).toBe(204);
    }
    expect(await rows()).toHaveLength(0);
    await send({ ...view, ref: `${TEST_ORIGIN}/sections/news` });
    expect((await rows())[0]!.source).toBeNull();
  });

  it('counts the view of a reader with Do Not Track or Global Privacy Control without a visitor hash', async () => {
    await send({ kind: 'pageview', path: '/a' }, { dnt: '1' });
    await send({ kind: 'pageview', path: '/b' }, { 'sec-gpc': '1' });
    await send({ kind: 'pageview', path: '/c' });
    const stored = await rows();
    expect(stored.map((r) => r.visitor === null)).toEqual([true, true, false]);
  });

  it('refuses anything but a valid event with 400, and stores none of them', async () => {
    const bad: unknown[] = [
      { kind: 'purchase', path: '/' },
      { kind: 'pageview', path: 'https://evil.example/' },
      { kind: 'pageview', path: '//evil.example/' },
      { kind: 'pageview', path: '/a?b=c' },
      { kind: 'pageview', path: '/a\nb' },
      { kind: 'pageview', path: '/', extra: 1 },
      { kind: 'pageview', path: '/', article: -3 },
      { kind: 'pageview', path: '/', article: 1.5 },
      { kind: 'pageview', path: '/', value: 10 },
      { kind: 'depth', path: '/', value: 30 },
      { kind: 'depth', path: '/' },
      { kind: 'engaged', path: '/', value: 0 },
      { kind: 'engaged', path: '/', value: 31 },
      { kind: 'pageview', path: '/', utm_campaign: 'x'.repeat(101) },
      { kind: 'pageview', path: `/${'a'.repeat(600)}` },
      [],
      'null',
      '{"kind": "pageview", "path": "/"',
      JSON.stringify({ kind: 'pageview', path: '/', ref: 'x'.repeat(1000), pad: 'y'.repeat(1500) }),
    ];
    for (const body of bad) {
      const response = await send(body, { accept: 'application/json' });
      expect(response.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(response.json().error.code).toBe('INVALID');
    }
    const huge = await send(JSON.stringify({ kind: 'pageview', path: '/', ref: 'x'.repeat(10_000) }));
    expect(huge.statusCode).toBe(400);
    expect(await rows()).toHaveLength(0);
  });

  it('refuses an event posted from another site', async () => {
    for (const headers of [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }]) {
      expect((await send({ kind: 'pageview', path: '/' }, headers)).statusCode).toBe(403);
    }
    expect(await rows()).toHaveLength(0);
  });

  it('limits one visitor to a number of events a minute (429), not the next visitor', async () => {
    await t.close();
    // A fixed clock: the count is per minute, and a run crossing a minute's end would start it again.
    const at = new Date('2026-12-04T10:00:30Z');
    t = await buildTestApp({ database, env: { ANALYTICS_FLUSH_MS: '20' }, clock: () => at });
    const event = { kind: 'expand', path: '/articles/x' };
    for (let i = 0; i < EVENTS_PER_VISITOR_MINUTE; i++) expect((await send(event)).statusCode).toBe(204);
    expect((await send(event)).statusCode).toBe(429);
    // DNT does not escape the limit: the hash is counted even where it is not kept.
    expect((await send(event, { dnt: '1' })).statusCode).toBe(429);
    expect((await send(event, {}, '198.51.100.9')).statusCode).toBe(204);
    expect(await rows()).toHaveLength(EVENTS_PER_VISITOR_MINUTE + 1);
  });
});

describe('with analytics off', () => {
  it('has no endpoint and no beacon on pages', async () => {
    const t = await buildTestApp({ env: { ANALYTICS_ENABLED: 'false' } });
    try {
      const response = await t.app.inject({
        method: 'POST',
        url: '/a/event',
        headers: { 'sec-fetch-site': 'same-origin', 'content-type': 'text/plain' },
        payload: '{"kind":"pageview","path":"/"}',
      });
      expect(response.statusCode).toBe(404);
      expect((await t.app.inject('/')).body).not.toContain('/assets/beacon.');
    } finally {
      await t.close();
    }
  });

  it('puts the beacon on reader pages when on', async () => {
    const t = await buildTestApp();
    try {
      expect((await t.app.inject('/')).body).toMatch(
        /<script type="module" src="\/assets\/beacon\.\w+\.js">/,
      );
    } finally {
      await t.close();
    }
  });
});
