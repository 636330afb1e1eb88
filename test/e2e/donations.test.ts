// Donating in Chromium, against the demo newsroom and the Stripe stand-in: from an article's call-to-action
// through the form to the checkout page (one-time and monthly), a wrong amount corrected on the way, back on
// the thank-you page once the payment is confirmed, and a monthly gift changed to another amount, then
// cancelled, through the emailed link and Stripe's portal. Nothing the CSP blocks (a redirect to Stripe would
// be), nothing in the console.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchChromium, PHONE } from '../support/browser.js';
import { waitForOutbox } from '../support/revenue.js';
import { type RunningSite, startDemoSite } from '../support/server.js';
import { postTo, type StripeStandin, startStripeStandin } from '../support/stripe-standin.js';

const HEADLINE = 'Russia Withdrawing From Kharkiv After Heavy Losses';

let standin: StripeStandin;
let site: RunningSite;
let browser: Browser;
let articleUrl: string;
let slug: string;

beforeAll(async () => {
  standin = await startStripeStandin();
  site = await startDemoSite({ env: standin.env });
  standin.deliverTo = postTo(site.url);
  browser = await launchChromium();
  const row = await site.storage.db
    .selectFrom('articles')
    .select('slug')
    .where('headline', '=', HEADLINE)
    .executeTakeFirstOrThrow();
  slug = row.slug;
  articleUrl = `${site.url}/articles/${slug}`;
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await standin?.close();
});

/**
 * Console errors, page errors, CSP violations (a blocked redirect to the checkout would be one) and failed
 * sub-resources. A form answered with 400 on purpose is not a problem; a missing favicon is not either.
 */
async function watch(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && r.request().resourceType() !== 'document')
      problems.push(`${r.status()} ${r.url()}`);
  });
  await page.exposeFunction('reportCspViolation', (text: string) => problems.push(`csp: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      );
    });
  });
  return problems;
}

describe('donating in Chromium', () => {
  it('one-time: from the article to Stripe’s checkout, then the thank-you page once paid', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    const problems = await watch(page);
    await page.goto(articleUrl);
    const cta = page.locator('.support-cta-end');
    await expect(cta.locator('h2').textContent()).resolves.toBe('Support our non-profit journalism');
    await cta.getByRole('link', { name: 'Donate' }).click();
    await page.waitForURL(`${site.url}/support?from=${slug}`);

    // The own amount is there only once "Another amount" is chosen: no typed amount passed over for a preset.
    await expect(page.getByLabel('Your amount in USD').isVisible()).resolves.toBe(false);
    // A wrong amount first: the page says why, and keeps what was typed.
    await page.getByLabel('Another amount').check();
    await page.getByLabel('Your amount in USD').fill('1');
    await page.getByLabel('Your name').fill('Ada Reader');
    await page.getByLabel('Your email, for your receipt').fill('ada@example.org');
    await page.getByLabel('In honour of (optional)').fill('Grandma Jo');
    await page.getByRole('button', { name: 'Continue to secure payment' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'The smallest gift we can take online is $2.',
    );
    await expect(page.getByLabel('Your name').inputValue()).resolves.toBe('Ada Reader');
    await expect(page.getByLabel('In honour of (optional)').inputValue()).resolves.toBe('Grandma Jo');

    await page.getByLabel(/^\$50/).check();
    await expect(page.getByLabel('Your amount in USD').isVisible()).resolves.toBe(false);
    await page.getByLabel(/cover the card processing fee/).check();
    await page.getByRole('button', { name: 'Continue to secure payment' }).click();
    await page.waitForURL(new RegExp(`^${standin.url}/c/pay/cs_`));
    await expect(page.locator('h1').textContent()).resolves.toBe('Pay 5150 usd (payment)');

    const sessionId = page.url().split('/').pop()!;
    const session = standin.world.sessions.get(sessionId)!;
    expect(session.customer_email).toBe('ada@example.org');
    const checkout = await site.storage.db
      .selectFrom('donation_checkouts')
      .selectAll()
      .where('stripe_session_id', '=', sessionId)
      .executeTakeFirstOrThrow();
    expect(checkout).toMatchObject({ amount: 5000, fee_amount: 150, dedication: 'Grandma Jo' });
    expect(checkout.article_id).not.toBeNull();

    // The donor pays at Stripe, which calls our webhook and sends the donor back.
    const results = await standin.deliverAll(standin.world.completeCheckout(sessionId));
    expect(results.map((r) => r.status)).toEqual([200]);
    await page.goto(session.success_url);
    await expect(page.getByRole('status').textContent()).resolves.toBe(
      'We received your donation of $51.50.',
    );
    expect(problems).toEqual([]);
    await context.close();
  });

  it('monthly, on a phone: the interval chosen by link, an own amount, a subscription checkout', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const problems = await watch(page);
    await page.goto(`${site.url}/support`);
    await page.getByRole('link', { name: 'Monthly' }).click();
    await page.waitForURL(`${site.url}/support?interval=month`);
    await expect(page.getByLabel(/^\$10 a month/).isChecked()).resolves.toBe(true);
    await page.getByLabel('Another amount').check();
    await page.getByLabel('Your amount in USD').fill('7.50');
    await page.getByLabel('Your name').fill('Bo Giver');
    await page.getByLabel('Your email, for your receipt').fill('bo@example.org');
    await page.getByLabel('List my name publicly among our supporters').check();
    await page.getByRole('button', { name: 'Continue to secure payment' }).click();
    await page.waitForURL(new RegExp(`^${standin.url}/c/pay/cs_`));
    await expect(page.locator('h1').textContent()).resolves.toBe('Pay 750 usd (subscription)');
    const session = standin.world.sessions.get(page.url().split('/').pop()!)!;
    expect(standin.world.prices.get(session._price)!.recurring).toEqual({
      interval: 'month',
      interval_count: 1,
    });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a monthly donor is thanked once paid, then changes the amount and cancels through the emailed link and Stripe’s portal', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    const problems = await watch(page);
    await page.goto(`${site.url}/support?interval=month`);
    await page.getByLabel(/^\$10 a month/).check();
    await page.getByLabel('Your name').fill('Cy Monthly');
    await page.getByLabel('Your email, for your receipt').fill('cy@example.org');
    await page.getByRole('button', { name: 'Continue to secure payment' }).click();
    await page.waitForURL(new RegExp(`^${standin.url}/c/pay/cs_`));
    const session = standin.world.sessions.get(page.url().split('/').pop()!)!;

    // Back from Stripe before its webhook: the page waits, then shows the gift once it is confirmed.
    await page.goto(session.success_url);
    await expect(page.locator('h1').textContent()).resolves.toBe('Confirming your donation…');
    const results = await standin.deliverAll(standin.world.completeCheckout(session.id));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    await page.reload();
    await expect(page.getByRole('status').textContent()).resolves.toBe(
      'We received your donation of $10 every month.',
    );

    // Months later: the donor asks for a link, and opens it from their mail.
    await page.goto(`${site.url}/support`);
    await page.getByRole('link', { name: 'Change a recurring donation or get a yearly summary' }).click();
    await page.getByLabel('Your email').fill('cy@example.org');
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('we have sent it a link');
    const [mail] = await waitForOutbox(site.storage.db, 'Your donations%', 1);
    expect(mail!.recipient).toBe('cy@example.org');
    const link = new RegExp(`${site.url}/support/manage/[\\w.-]+`).exec(mail!.text_body)![0];
    await page.goto(link);
    await expect(page.locator('.support-recurring li').textContent()).resolves.toContain(
      '$10 a month · Active',
    );

    // Stripe's portal: the donor gives $20 a month from now on, and is sent back to the page of their link.
    await page.getByRole('button', { name: 'Change or cancel' }).click();
    await page.waitForURL(new RegExp(`^${standin.url}/p/session/bps_`));
    await page.getByLabel('New amount').selectOption({ label: '20.00 USD a month' });
    await page.getByRole('button', { name: 'Change amount' }).click();
    await page.waitForURL(link);
    await expect(page.locator('.support-recurring li').textContent()).resolves.toContain(
      '$20 a month · Active',
    );

    // Later the donor cancels there, and is sent back again.
    await page.getByRole('button', { name: 'Change or cancel' }).click();
    await page.waitForURL(new RegExp(`^${standin.url}/p/session/bps_`));
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForURL(link);
    await expect(page.getByText('You have no recurring donation running.').isVisible()).resolves.toBe(true);
    const sub = await site.storage.db
      .selectFrom('donation_subscriptions')
      .select(['status', 'amount'])
      .where('stripe_subscription_id', '=', session.subscription)
      .executeTakeFirstOrThrow();
    expect(sub).toEqual({ status: 'canceled', amount: 2000 });
    expect(problems).toEqual([]);
    await context.close();
  });
});
