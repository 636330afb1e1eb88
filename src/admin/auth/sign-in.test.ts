// Signing in on both databases: the lock-out rule on its own, then sign-in through the form (any
// capitalisation, the same answer for a wrong password or an unknown email, locks, safe redirects).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import {
  addStaff,
  csrfFrom,
  PASSWORD,
  post,
  sessionCookie,
  signInAs,
} from '../../../test/support/newsroom.js';
import { lockedUntil } from './sign-in.js';

const MINUTE = 60 * 1000;

describe('lockedUntil', () => {
  it('pauses 15 minutes from the fifth failure within 15 minutes, not for five spread-out failures', () => {
    const t0 = Date.parse('2025-01-01T00:00:00Z');
    const burst = [0, 1, 2, 3, 4].map((m) => t0 + m * MINUTE);
    expect(lockedUntil(burst)).toBe(t0 + 19 * MINUTE);
    expect(lockedUntil(burst.slice(0, 4))).toBe(0);
    const spread = [0, 4, 8, 12, 16].map((m) => t0 + m * MINUTE);
    expect(lockedUntil(spread)).toBe(0);
  });
});

describe.each(testDatabases)('signing in on $name', (database) => {
  let site: TestApp;
  let now = new Date('2025-05-01T09:00:00Z');
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  let email: string;

  beforeAll(async () => {
    site = await buildTestApp({ database, clock: () => now, env: { TRUST_PROXY: 'loopback' } });
    ({ email } = await addStaff(site.storage.db, 'editor', { email: 'Reporter@Example.org', now }));
  });
  afterAll(() => site.close());

  const attempt = (password: string, who = email, ip = '203.0.113.7') =>
    post(site.app, '/admin/sign-in', { email: who, password, next: '/admin' }, undefined, {
      'x-forwarded-for': ip,
    });

  it('stores the email lower-case and signs in with any capitalisation, setting a tight cookie', async () => {
    expect(email).toBe('reporter@example.org');
    const response = await attempt(PASSWORD, 'REPORTER@example.org ');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin');
    const cookie = response.cookies.find((c) => c.name === 'broadsheet_staff')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/admin' });
    expect(cookie.secure).toBeFalsy();
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the hash is stored: the cookie's value appears nowhere in the sessions table.
    const rows = await site.storage.db.selectFrom('staff_sessions').select('token_hash').execute();
    expect(rows.map((r) => r.token_hash)).not.toContain(cookie.value);
    const home = await site.app.inject({ url: '/admin', headers: { cookie: sessionCookie(response) } });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Hello, Test editor');
  });

  it('answers a wrong password and an unknown email alike, keeping the typed email', async () => {
    const wrong = await attempt('not the password at all');
    const unknown = await attempt('not the password at all', 'nobody@example.org');
    expect(wrong.statusCode).toBe(400);
    expect(unknown.statusCode).toBe(400);
    const message = 'That email and password do not match an active newsroom account.';
    expect(wrong.body).toContain(message);
    expect(unknown.body).toContain(message);
    expect(unknown.body).toContain('value="nobody@example.org"');
    expect(wrong.cookies.find((c) => c.name === 'broadsheet_staff')).toBeUndefined();
  });

  it('never sends a signed-in person to another site after sign-in', async () => {
    for (const next of ['https://evil.example/', '//evil.example/admin', '/\\evil.example', '/elsewhere']) {
      const response = await post(site.app, '/admin/sign-in', { email, password: PASSWORD, next });
      expect(response.headers.location).toBe('/admin');
    }
    const inside = await post(site.app, '/admin/sign-in', {
      email,
      password: PASSWORD,
      next: '/admin/settings',
    });
    expect(inside.headers.location).toBe('/admin/settings');
  });

  it('locks an email for 15 minutes after 5 failures, whether or not the account exists', async () => {
    advance(60 * MINUTE);
    for (const who of [email, 'ghost@example.org']) {
      for (let i = 1; i <= 4; i++) expect((await attempt(`wrong password ${i}`, who)).statusCode).toBe(400);
      const fifth = await attempt('wrong password 5', who);
      expect(fifth.statusCode).toBe(429);
      expect(fifth.body).toContain('paused for 15 minutes');
    }
    // The right password does not get through a pause, and the message is the same as for a ghost.
    const locked = await attempt(PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toContain('paused for 15 minutes');
    expect(locked.cookies.find((c) => c.name === 'broadsheet_staff')).toBeUndefined();

    advance(14 * MINUTE);
    expect((await attempt(PASSWORD)).statusCode).toBe(429);
    advance(2 * MINUTE);
    expect((await attempt(PASSWORD)).statusCode).toBe(303);
  });

  it('slows down one network address that fails across many emails', async () => {
    advance(60 * MINUTE);
    const ip = '198.51.100.9';
    for (let i = 0; i < 30; i++) {
      expect((await attempt('wrong password', `person${i}@example.org`, ip)).statusCode).toBe(400);
    }
    const limited = await attempt(PASSWORD, email, ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('from your network');
    // Another address is not affected.
    expect((await attempt(PASSWORD, email, '198.51.100.10')).statusCode).toBe(303);
  });

  it('counts the failures of an IPv6 network per /64, however its host rotates addresses within it', async () => {
    advance(60 * MINUTE);
    // One failure from each of 30 addresses of 2001:db8:5:6::/64, each spelt its own way.
    for (let i = 0; i < 30; i++) {
      const ip = i % 2 ? `2001:db8:5:6:${i.toString(16)}::1` : `2001:0DB8:0005:0006:0:0:${i.toString(16)}:7`;
      expect((await attempt('wrong password', `rotating${i}@example.org`, ip)).statusCode).toBe(400);
    }
    const limited = await attempt(PASSWORD, email, '2001:db8:5:6:ffff:ffff:ffff:fffe');
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('from your network');
    // The next /64 is someone else.
    expect((await attempt(PASSWORD, email, '2001:db8:5:7::1')).statusCode).toBe(303);
    // No attempt is kept by address inside the /64, so none can be counted that way either.
    const kept = await site.storage.db
      .selectFrom('sign_in_attempts')
      .select('ip')
      .where('email', 'like', 'rotating%')
      .distinct()
      .execute();
    expect(kept).toEqual([{ ip: '2001:0db8:0005:0006' }]);
  });

  it('sign-out ends this session; sign-out everywhere ends every session of that person only', async () => {
    advance(60 * MINUTE);
    const { email: otherEmail } = await addStaff(site.storage.db, 'contributor', { now });
    const laptop = await signInAs(site.app, email);
    const phone = await signInAs(site.app, email);
    const colleague = await signInAs(site.app, otherEmail);

    const out = await post(site.app, '/admin/sign-out', {}, laptop);
    expect(out.statusCode).toBe(303);
    expect((await site.app.inject({ url: '/admin', headers: { cookie: laptop.cookie } })).statusCode).toBe(
      302,
    );
    expect((await site.app.inject({ url: '/admin', headers: { cookie: phone.cookie } })).statusCode).toBe(
      200,
    );

    const desk = await signInAs(site.app, email);
    const everywhere = await post(site.app, '/admin/sign-out-everywhere', {}, desk);
    expect(everywhere.statusCode).toBe(303);
    for (const who of [desk, phone]) {
      expect((await site.app.inject({ url: '/admin', headers: { cookie: who.cookie } })).statusCode).toBe(
        302,
      );
    }
    expect((await site.app.inject({ url: '/admin', headers: { cookie: colleague.cookie } })).statusCode).toBe(
      200,
    );
    const signInPage = await site.app.inject({
      url: '/admin/sign-in',
      headers: { cookie: everywhere.headers['set-cookie']!.toString().match(/broadsheet_flash=[^;]+/)![0] },
    });
    expect(signInPage.body).toMatch(/You are signed out on every device \(\d+ sessions ended\)\./);
    const left = await site.storage.db
      .selectFrom('staff_sessions as s')
      .innerJoin('staff', 'staff.id', 's.staff_id')
      .select('s.id')
      .where('staff.email', '=', email)
      .execute();
    expect(left).toEqual([]);
  });

  it('refuses a form without its CSRF token or with a wrong one; accepts the right one', async () => {
    const me = await signInAs(site.app, email);
    const without = await post(site.app, '/admin/sign-out-everywhere', {}, { cookie: me.cookie });
    expect(without.statusCode).toBe(403);
    expect(without.body).toContain('did not come from your newsroom session');
    const wrong = await post(
      site.app,
      '/admin/sign-out-everywhere',
      {},
      { cookie: me.cookie, csrf: 'x'.repeat(43) },
    );
    expect(wrong.statusCode).toBe(403);
    // The Origin check comes first: the right token from another site is still refused.
    const crossSite = await post(site.app, '/admin/sign-out-everywhere', {}, me, {
      origin: 'https://evil.example',
    });
    expect(crossSite.statusCode).toBe(403);
    expect((await site.app.inject({ url: '/admin', headers: { cookie: me.cookie } })).statusCode).toBe(200);
    const right = await post(site.app, '/admin/sign-out-everywhere', {}, me);
    expect(right.statusCode).toBe(303);
  });

  it('limits password reset requests from one address', async () => {
    const ask = () =>
      post(site.app, '/admin/password-reset', { email: 'nobody@example.org' }, undefined, {
        'x-forwarded-for': '192.0.2.44',
      });
    for (let i = 0; i < 5; i++) expect((await ask()).statusCode).toBe(200);
    const limited = await ask();
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('Too many requests');
  });

  it('renders the CSRF token only for the session it belongs to', async () => {
    const a = await signInAs(site.app, email);
    const b = await signInAs(site.app, email);
    expect(a.csrf).not.toBe(b.csrf);
    const page = await site.app.inject({ url: '/admin', headers: { cookie: a.cookie } });
    expect(csrfFrom(page.body)).toBe(a.csrf);
  });
});

describe('the session cookie behind TLS', () => {
  it('is Secure when the public address is https', async () => {
    const site = await buildTestApp({ env: { PUBLIC_URL: 'https://news.example.org' } });
    try {
      const { email } = await addStaff(site.storage.db, 'admin');
      const response = await site.app.inject({
        method: 'POST',
        url: '/admin/sign-in',
        headers: { origin: 'https://news.example.org', 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ email, password: PASSWORD }).toString(),
      });
      expect(response.statusCode).toBe(303);
      expect(response.cookies.find((c) => c.name === 'broadsheet_staff')!.secure).toBe(true);
    } finally {
      await site.close();
    }
  });
});
