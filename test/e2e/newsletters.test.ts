// Signing up for a newsletter in Chromium with JavaScript off: the form after an article body, the emailed
// confirm link opened in the browser, its button, and the subscription active with its consent record.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createList } from '../../src/newsletters/lists.js';
import { DESKTOP, launchChromium } from '../support/browser.js';
import { addArticle } from '../support/content.js';
import { type RunningSite, startDemoSite } from '../support/server.js';

describe('newsletter sign-up in a browser without JavaScript', () => {
  let site: RunningSite;
  let browser: Browser;

  beforeAll(async () => {
    site = await startDemoSite();
    await createList(
      site.storage.db,
      { slug: 'weekly', name: 'The Weekly', description: 'Sundays.', sender: '', frequency: 'Weekly' },
      new Date(),
    );
    await addArticle(site.storage.db, { slug: 'newsletter-e2e-story' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('signs up from the article, confirms from the emailed link, and is subscribed', async () => {
    const context = await browser.newContext({ ...DESKTOP, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}/articles/newsletter-e2e-story`);
    // The one after the story; every page's footer has another.
    await expect(page.locator('form.newsletter-signup').count()).resolves.toBe(2);
    const form = page.locator('form.newsletter-signup:has(input[name="form"][value="article"])');
    await form.getByLabel('Your email').fill('browser.reader@example.org');
    await form.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL('**/newsletters/subscribe');
    expect(await page.getByRole('status').textContent()).toContain('We have sent a link');

    const mail = await site.storage.db
      .selectFrom('mail_outbox')
      .select('text_body')
      .where('recipient', '=', 'browser.reader@example.org')
      .executeTakeFirstOrThrow();
    const link = /https?:\/\/\S+\/newsletters\/confirm\?token=[A-Za-z0-9_-]+/.exec(mail.text_body)![0];
    await page.goto(link);
    await page.getByRole('button', { name: 'Yes, subscribe me' }).click();
    await page.waitForURL('**/newsletters/confirm');
    expect(await page.getByRole('status').textContent()).toContain('You will receive The Weekly');

    const sub = await site.storage.db
      .selectFrom('newsletter_subscriptions as s')
      .innerJoin('newsletter_subscribers as r', 'r.id', 's.subscriber_id')
      .select(['s.status', 's.consent_form'])
      .where('r.email', '=', 'browser.reader@example.org')
      .executeTakeFirstOrThrow();
    expect(sub).toEqual({ status: 'active', consent_form: 'article' });
    await context.close();
  });
});
