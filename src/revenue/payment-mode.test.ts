// How readers give, chosen in the newsroom, on both databases: Stripe keys stored sealed (never in plain
// text), the mode switching the call-to-action on and off, environment keys winning, and the currency
// following the site's language until the newsroom picks one.
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/support/app.js';
import { addArticle, bodyOf } from '../../test/support/content.js';
import { testDatabases } from '../../test/support/databases.js';
import { addStaff, post, signInAs } from '../../test/support/newsroom.js';
import { defaultSiteSettings, saveSiteSettings } from '../site/settings.js';
import { currencyForLanguage } from './locale-currency.js';
import { readPaymentMode } from './payment-mode.js';
import { openSecret, sealSecret } from './secret-seal.js';
import { readRevenueSettings } from './settings.js';

const SECRET_KEY = 'sk_test_51Abcdefghijklmnop';
const WEBHOOK_SECRET = 'whsec_abcdefghijklmnop';
const paragraphs = Array.from({ length: 8 }, (_, i) => `Paragraph ${i + 1} of the story.`);

describe('sealed secrets', () => {
  it('open only with the app secret they were sealed with, and not when altered', () => {
    const sealed = sealSecret('a'.repeat(40), SECRET_KEY);
    expect(sealed).not.toContain(SECRET_KEY);
    expect(openSecret('a'.repeat(40), sealed)).toBe(SECRET_KEY);
    expect(openSecret('b'.repeat(40), sealed)).toBeNull();
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}A`;
    expect(openSecret('a'.repeat(40), tampered)).toBeNull();
    // The same key sealed twice differs: no one can tell two sites share a key from their databases.
    expect(sealSecret('a'.repeat(40), SECRET_KEY)).not.toBe(sealed);
  });
});

describe('currency from the site language', () => {
  it.each([
    ['en-GB', 'GBP'],
    ['en-US', 'USD'],
    ['en', 'USD'],
    ['de', 'EUR'],
    ['fr-CA', 'CAD'],
    ['ja', 'JPY'],
    ['pt-BR', 'BRL'],
  ])('%s gives %s', (language, currency) => {
    expect(currencyForLanguage(language)).toBe(currency);
  });
});

describe.each(testDatabases)('how readers give on $name', (database) => {
  it('stores Stripe keys sealed, shows test mode plainly, and never shows the keys again', async () => {
    const t = await buildTestApp({ database });
    try {
      const admin = await signInAs(t.app, (await addStaff(t.storage.db, 'admin')).email);
      const saved = await post(
        t.app,
        '/admin/donations/payments',
        {
          mode: 'stripe',
          external_url: '',
          stripe_secret_key: SECRET_KEY,
          stripe_webhook_secret: WEBHOOK_SECRET,
        },
        admin,
      );
      expect(saved.statusCode).toBe(303);
      const row = await t.storage.db
        .selectFrom('site_settings')
        .select('value')
        .where('key', '=', 'payments')
        .executeTakeFirstOrThrow();
      expect(row.value).not.toContain(SECRET_KEY);
      expect(row.value).not.toContain(WEBHOOK_SECRET);
      expect(row.value).not.toContain('51Abcdefghijklmnop');
      const stored = await readPaymentMode(t.storage.db);
      expect(openSecret(t.deps.secret, stored.stripeSecretKey)).toBe(SECRET_KEY);

      const page = await t.app.inject({
        url: '/admin/donations/payments',
        headers: { cookie: admin.cookie },
      });
      expect(page.body).toContain('test mode: no real money moves');
      expect(page.body).toContain('http://127.0.0.1:3000/stripe/webhook');
      expect(page.body).not.toContain(SECRET_KEY);
      expect(page.body).not.toContain(WEBHOOK_SECRET);
      // The support page now offers the donation form.
      expect((await t.app.inject('/support')).body).not.toContain('Online donations are not open yet');
      // The privacy page now says what a donation collects, and who processes it.
      expect((await t.app.inject('/privacy')).body).toContain('with Stripe as payment processor');

      // Saving again with empty key fields keeps the keys.
      await post(t.app, '/admin/donations/payments', { mode: 'stripe', external_url: '' }, admin);
      expect((await readPaymentMode(t.storage.db)).stripeSecretKey).toBe(stored.stripeSecretKey);
    } finally {
      await t.close();
    }
  });

  it('refuses a wrong key, Stripe without keys, and an external page without an https address', async () => {
    const t = await buildTestApp({ database });
    try {
      const admin = await signInAs(t.app, (await addStaff(t.storage.db, 'admin')).email);
      const badKey = await post(
        t.app,
        '/admin/donations/payments',
        { mode: 'stripe', stripe_secret_key: 'pk_test_123', stripe_webhook_secret: WEBHOOK_SECRET },
        admin,
      );
      expect(badKey.statusCode).toBe(400);
      expect(badKey.body).toContain('it starts with sk_test_ or sk_live_');
      expect(badKey.body).not.toContain('pk_test_123');
      const noKeys = await post(t.app, '/admin/donations/payments', { mode: 'stripe' }, admin);
      expect(noKeys.statusCode).toBe(400);
      const http = await post(
        t.app,
        '/admin/donations/payments',
        { mode: 'external', external_url: 'http://give.example.org/' },
        admin,
      );
      expect(http.statusCode).toBe(400);
      expect(http.body).toContain('https://');
      expect((await readPaymentMode(t.storage.db)).mode).toBe('off');
      const editor = await signInAs(t.app, (await addStaff(t.storage.db, 'editor')).email);
      const refused = await post(
        t.app,
        '/admin/donations/payments',
        { mode: 'external', external_url: 'https://give.example.org/' },
        editor,
      );
      expect(refused.statusCode).toBe(403);
      expect((await readPaymentMode(t.storage.db)).mode).toBe('off');
    } finally {
      await t.close();
    }
  });

  it('shows the call-to-action in external mode and hides it again when switched off', async () => {
    const t = await buildTestApp({ database });
    try {
      const admin = await signInAs(t.app, (await addStaff(t.storage.db, 'admin')).email);
      await addArticle(t.storage.db, {
        slug: 'long-story',
        headline: 'A long story',
        body: bodyOf(...paragraphs),
      });
      const article = async () => (await t.app.inject('/articles/long-story')).body;
      const before = await article();
      expect(before).toContain('A long story');
      expect(before).not.toContain('support-cta');
      expect((await t.app.inject('/support')).body).toContain('Online donations are not open yet');

      const on = await post(
        t.app,
        '/admin/donations/payments',
        { mode: 'external', external_url: 'https://give.example.org/ledger' },
        admin,
      );
      expect(on.statusCode).toBe(303);
      const withCta = await article();
      expect(withCta).toContain('support-cta');
      expect(withCta).toContain('href="https://give.example.org/ledger"');
      // Gifts are taken elsewhere: this site's privacy page promises nothing about them.
      expect((await t.app.inject('/privacy')).body).not.toContain('Stripe as payment processor');
      const support = (await t.app.inject('/support')).body;
      expect(support).toContain('Donate on our donation page');
      expect(support).not.toContain('Online donations are not open yet');
      // No checkout may start on this site in external mode.
      const start = await t.app.inject({
        method: 'POST',
        url: '/support',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://127.0.0.1:3000' },
        payload: 'interval=once&amount=25&email=a%40example.org',
      });
      expect(start.statusCode).toBeGreaterThanOrEqual(400);

      await post(t.app, '/admin/donations/payments', { mode: 'off', external_url: '' }, admin);
      expect(await article()).not.toContain('support-cta');
    } finally {
      await t.close();
    }
  });

  it('takes the currency from the site language until the newsroom saves one', async () => {
    const t = await buildTestApp({ database });
    try {
      await saveSiteSettings(t.storage.db, { ...defaultSiteSettings, language: 'de' }, new Date());
      expect((await readRevenueSettings(t.storage.db)).currency).toBe('EUR');
      await saveSiteSettings(t.storage.db, { ...defaultSiteSettings, language: 'en-US' }, new Date());
      expect((await readRevenueSettings(t.storage.db)).currency).toBe('USD');
    } finally {
      await t.close();
    }
  });
});
