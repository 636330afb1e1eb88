// Signing up for newsletters through the app, on both databases: the forms (own page, after the article),
// double opt-in with its consent record, the confirm link used twice or too late, bad addresses, a flood
// from one network, and one-click unsubscribing (RFC 8058) without any sign-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, sameOrigin, type TestApp } from '../../test/support/app.js';
import { addArticle } from '../../test/support/content.js';
import { testDatabases } from '../../test/support/databases.js';
import { form } from '../../test/support/newsroom.js';
import { createList } from './lists.js';
import { CONSENT_WORDING } from './signup.js';
import { unsubscribeToken } from './unsubscribe.js';

const SECRET = 'test-secret-test-secret-test-secret-0123';

describe.each(testDatabases)('newsletter sign-up on $name', (database) => {
  let t: TestApp;
  let now = new Date('2026-12-01T10:00:00Z');
  let daily: number;
  let breaking: number;
  let ip = 1;

  beforeAll(async () => {
    t = await buildTestApp({ database, clock: () => now, env: { TRUST_PROXY: '127.0.0.1' } });
    daily = await createList(
      t.storage.db,
      {
        slug: 'daily-briefing',
        name: 'Daily Briefing',
        description: 'The day.',
        sender: '',
        frequency: 'Daily',
      },
      now,
    );
    breaking = await createList(
      t.storage.db,
      { slug: 'breaking', name: 'Breaking News', description: '', sender: '', frequency: 'When it happens' },
      now,
    );
    await addArticle(t.storage.db, { slug: 'bridge-vote' });
  });
  afterAll(() => t.close());

  // Each case signs up from its own network, so the per-network limit is tested on its own below.
  const subscribe = (fields: Record<string, string | string[]>, from = `10.0.${ip++}.1`) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) params.append(k, one);
    return t.app.inject({
      method: 'POST',
      url: '/newsletters/subscribe',
      headers: {
        ...sameOrigin,
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-for': from,
      },
      payload: params.toString(),
    });
  };
  const lastMailTo = async (to: string) => {
    const row = await t.storage.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('recipient', '=', to)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    return row;
  };
  const tokenIn = (text: string) => /\/newsletters\/confirm\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';
  const subscriptionsOf = (email: string) =>
    t.storage.db
      .selectFrom('newsletter_subscriptions as s')
      .innerJoin('newsletter_subscribers as r', 'r.id', 's.subscriber_id')
      .selectAll('s')
      .where('r.email', '=', email)
      .orderBy('s.list_id')
      .execute();

  it('offers every list on /newsletters and after the article body, in a form that needs no script', async () => {
    const page = await t.app.inject({ url: '/newsletters' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('action="/newsletters/subscribe"');
    expect(page.body).toContain('Daily Briefing');
    expect(page.body).toContain('Breaking News');
    expect(page.body).not.toMatch(/<script(?![^>]*src=)/);
    const article = await t.app.inject({ url: '/articles/bridge-vote' });
    expect(article.statusCode).toBe(200);
    expect(article.body).toContain('name="form" value="article"');
    // The same form for every reader: the article page stays publicly cacheable.
    expect(article.headers['cache-control']).toMatch(/public/);
    // Every page's footer carries one too, its own ids beside the article's.
    const home = await t.app.inject({ url: '/' });
    const footer = home.body.slice(home.body.indexOf('<footer'));
    expect(footer).toContain('name="form" value="footer"');
    expect(footer).toContain('Daily Briefing');
    expect(article.body).toContain('id="newsletter-footer-email"');
    expect(article.body).toContain('id="newsletter-article-email"');
  });

  it('signs up from the footer form, recorded as such', async () => {
    const email = 'footer-reader@example.org';
    const response = await subscribe({ email, lists: String(daily), form: 'footer' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Check your inbox');
    const token = tokenIn((await lastMailTo(email)).text_body);
    const confirmed = await t.app.inject({
      method: 'POST',
      url: '/newsletters/confirm',
      headers: { ...sameOrigin, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ token }),
    });
    expect(confirmed.statusCode).toBe(200);
    const subs = await subscriptionsOf(email);
    expect(subs.map((s) => [s.list_id, s.status, s.consent_form])).toEqual([[daily, 'active', 'footer']]);
  });

  it('activates nothing before the emailed link is used, then records when, which form and what wording', async () => {
    const email = 'Reader.One@Example.org';
    const response = await subscribe({ email, lists: [String(daily), String(breaking)], form: 'article' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Check your inbox');
    expect(await subscriptionsOf('reader.one@example.org')).toEqual([]);
    const mail = await lastMailTo('reader.one@example.org');
    const token = tokenIn(mail.text_body);
    expect(token).not.toBe('');

    const landing = await t.app.inject({ url: `/newsletters/confirm?token=${token}` });
    expect(landing.statusCode).toBe(200);
    // Opening the link (a mail scanner does) confirms nothing; the button does.
    expect(await subscriptionsOf('reader.one@example.org')).toEqual([]);
    const confirmed = await t.app.inject({
      method: 'POST',
      url: '/newsletters/confirm',
      headers: { ...sameOrigin, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ token }),
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain('Daily Briefing');
    const subs = await subscriptionsOf('reader.one@example.org');
    expect(subs.map((s) => [s.list_id, s.status, s.consent_form, s.consent_wording])).toEqual([
      [daily, 'active', 'article', CONSENT_WORDING],
      [breaking, 'active', 'article', CONSENT_WORDING],
    ]);
    expect(subs[0]!.consent_at).toBe(now.toISOString());

    const again = await t.app.inject({
      method: 'POST',
      url: '/newsletters/confirm',
      headers: { ...sameOrigin, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ token }),
    });
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('already been used');
  });

  it('refuses an expired link and a made-up one, each with its reason', async () => {
    await subscribe({ email: 'late@example.org', lists: String(daily), form: 'page' });
    const token = tokenIn((await lastMailTo('late@example.org')).text_body);
    const before = now;
    now = new Date(now.getTime() + 49 * 3600_000);
    try {
      const late = await t.app.inject({ url: `/newsletters/confirm?token=${token}` });
      expect(late.statusCode).toBe(410);
      expect(late.body).toContain('expired');
    } finally {
      now = before;
    }
    const forged = await t.app.inject({ url: '/newsletters/confirm?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(forged.statusCode).toBe(410);
    expect(await subscriptionsOf('late@example.org')).toEqual([]);
  });

  it('answers an invalid address or no list with the form again, what was typed kept', async () => {
    const bad = await subscribe({ email: 'not an address', lists: String(daily), form: 'page' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('That is not an email address.');
    expect(bad.body).toContain('value="not an address"');
    const none = await subscribe({ email: 'someone@example.org', form: 'page' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Choose at least one.');
    const unknown = await subscribe({ email: 'someone@example.org', lists: '999999', form: 'page' });
    expect(unknown.statusCode).toBe(400);
  });

  it('stops a flood of addresses from one network, and of sign-ups for one address from many', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 7; i++) {
      answers.push(
        (await subscribe({ email: `x${i}@mailinator.test`, lists: String(daily) }, '10.99.0.1')).statusCode,
      );
    }
    expect(answers.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.slice(5)).toEqual([429, 429]);
    const sent = await t.storage.db
      .selectFrom('mail_outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('recipient', 'like', '%@mailinator.test')
      .executeTakeFirstOrThrow();
    expect(Number(sent.n)).toBe(5);

    const one: number[] = [];
    for (let i = 0; i < 4; i++)
      one.push((await subscribe({ email: 'victim@example.org', lists: String(daily) })).statusCode);
    expect(one).toEqual([200, 200, 200, 429]);
  });

  it('unsubscribes in one click with the RFC 8058 POST, from no page of ours and without signing in', async () => {
    await subscribe({ email: 'leaving@example.org', lists: String(daily), form: 'page' });
    const token = tokenIn((await lastMailTo('leaving@example.org')).text_body);
    await t.app.inject({
      method: 'POST',
      url: '/newsletters/confirm',
      headers: { ...sameOrigin, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ token }),
    });
    const [sub] = await subscriptionsOf('leaving@example.org');
    const unsubscribe = unsubscribeToken(SECRET, sub!.id);
    // A mail client's POST: no Origin, no cookie, the body RFC 8058 prescribes.
    const response = await t.app.inject({
      method: 'POST',
      url: `/newsletters/unsubscribe/${unsubscribe}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(response.statusCode).toBe(200);
    expect((await subscriptionsOf('leaving@example.org'))[0]!.status).toBe('unsubscribed');
    const forged = await t.app.inject({
      method: 'POST',
      url: `/newsletters/unsubscribe/${sub!.id}.forged`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(forged.statusCode).toBe(404);
  });
});
