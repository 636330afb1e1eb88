// Consent for third-party tags in Chromium. Every request to another host is answered by a local stand-in
// (context.route) and recorded: nothing goes to another host before a choice, nor after Reject, nor without
// JavaScript; after Accept the stubbed vendor scripts are fetched; withdrawing under "Privacy choices" stops
// them from the next page; Global Privacy Control keeps marketing off; with no tag there is no dialog at all.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConsentSettings,
  defaultConsentSettings,
  parseConsentSettings,
  saveConsentSettings,
} from '../../src/consent/settings.js';
import { EVERYTHING } from '../../src/http/tagged-cache.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { DESKTOP, launchChromium, PHONE, recordProblems } from '../support/browser.js';
import { addArticle, bodyOf } from '../support/content.js';
import { freePort } from '../support/free-port.js';

const TAGS: ConsentSettings = { ...defaultConsentSettings, meta: '123456789012345', ga4: 'G-ABC123DEF4' };
const NONE = defaultConsentSettings;

let site: TestApp;
let base: string;
let browser: Browser;

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  site = await buildTestApp({ env: { PUBLIC_URL: base } });
  await addArticle(site.storage.db, { slug: 'first-story', body: bodyOf('The first story.') });
  await addArticle(site.storage.db, { slug: 'second-story', body: bodyOf('The second story.') });
  await site.app.listen({ host: '127.0.0.1', port });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** What the newsroom's screen does on saving (src/consent/change-consent-settings.ts, tested on its own). */
async function setTags(tags: ConsentSettings) {
  await saveConsentSettings(site.storage.db, parseConsentSettings(tags), new Date());
  await site.deps.events.changed([EVERYTHING]);
}

interface Reader {
  context: BrowserContext;
  page: Page;
  /** Every request to another host, in order. */
  thirdParty: string[];
  problems: string[];
}

// Each stand-in marks that it ran and, like the real scripts, leaves its cookie on our domain.
const STUBS: Array<[RegExp, string, string]> = [
  [/connect\.facebook\.net\/.*fbevents\.js/, 'fbevents', '_fbp=fb.1.1700000000000.123456789'],
  [/googletagmanager\.com\/gtag\/js/, 'gtag', '_ga=GA1.1.123456789.1700000000'],
];

async function reader(options: BrowserContextOptions = DESKTOP): Promise<Reader> {
  const context = await browser.newContext(options);
  const thirdParty: string[] = [];
  // Never the network: our own origin goes through, anything else is recorded and answered here.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${base}/`)) return route.continue();
    thirdParty.push(url);
    const stub = STUBS.find(([pattern]) => pattern.test(url));
    if (!stub) return route.fulfill({ status: 204, body: '' });
    return route.fulfill({
      status: 200,
      contentType: 'text/javascript',
      body: `window.stubsRan = (window.stubsRan || []).concat(${JSON.stringify(stub[1])}); document.cookie = ${JSON.stringify(`${stub[2]}; path=/`)};`,
    });
  });
  const page = await context.newPage();
  return { context, page, thirdParty, problems: recordProblems(page) };
}

const dialogOf = (page: Page) => page.getByRole('dialog', { name: 'Your privacy choices' });
const settle = (page: Page) => page.waitForTimeout(600);

async function consentCookie(context: BrowserContext): Promise<string | undefined> {
  return (await context.cookies()).find((c) => c.name === 'consent')?.value;
}

describe('consent for third-party tags in Chromium', () => {
  it('with no tag configured: no dialog, no loader, nothing from another host', async () => {
    await setTags(NONE);
    const r = await reader(PHONE);
    const loaderRequests: string[] = [];
    r.page.on('request', (request) => {
      if (request.url().includes('/assets/consent.')) loaderRequests.push(request.url());
    });
    await r.page.goto(`${base}/articles/first-story`, { waitUntil: 'load' });
    await settle(r.page);
    expect(await r.page.locator('dialog').count()).toBe(0);
    expect(loaderRequests).toEqual([]);
    expect(r.thirdParty).toEqual([]);
    await expect(r.page.getByRole('link', { name: 'Privacy', exact: true }).count()).resolves.toBe(1);
    expect(await r.page.getByRole('link', { name: 'Privacy choices' }).count()).toBe(0);
    expect(r.problems).toEqual([]);
    await r.context.close();
  });

  it('asks first, on a phone, with Accept and Reject of equal weight; nothing loads before the choice nor after Reject (by keyboard)', async () => {
    await setTags(TAGS);
    const r = await reader(PHONE);
    await r.page.goto(`${base}/articles/first-story`, { waitUntil: 'load' });
    const dialog = dialogOf(r.page);
    await dialog.waitFor();
    // Focus is in the dialog, on its heading (not on an answer); the page behind is inert.
    expect(await r.page.evaluate(() => document.activeElement?.id)).toBe('consent-title');
    expect(await r.page.evaluate(() => document.querySelector('dialog')?.matches(':modal'))).toBe(true);
    const accept = dialog.getByRole('button', { name: 'Accept all' });
    const reject = dialog.getByRole('button', { name: 'Reject all' });
    const [a, b] = [await accept.boundingBox(), await reject.boundingBox()];
    expect(a && b).toBeTruthy();
    expect(Math.abs(a!.height - b!.height)).toBeLessThan(1);
    expect(Math.abs(a!.width - b!.width)).toBeLessThan(1);
    const looks = (name: string) =>
      dialog.getByRole('button', { name }).evaluate((el) => {
        const s = getComputedStyle(el);
        return [s.backgroundColor, s.color, s.fontWeight, s.fontSize, s.borderWidth].join();
      });
    expect(await looks('Accept all')).toBe(await looks('Reject all'));
    // Readable on a phone: the dialog fits the screen's width.
    const box = await dialog.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(375);
    await expect(dialog.getByRole('checkbox', { name: 'Statistics' }).isChecked()).resolves.toBe(false);
    await expect(dialog.getByRole('checkbox', { name: 'Marketing' }).isChecked()).resolves.toBe(false);

    await settle(r.page);
    expect(r.thirdParty).toEqual([]);

    // Keyboard only: Tab to "Reject all" and press Enter.
    for (let i = 0; i < 10; i++) {
      await r.page.keyboard.press('Tab');
      if ((await r.page.evaluate(() => document.activeElement?.textContent)) === 'Reject all') break;
    }
    expect(await r.page.evaluate(() => document.activeElement?.textContent)).toBe('Reject all');
    await r.page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect(await consentCookie(r.context)).toMatch(/^[0-9a-f]{10}\.00$/);

    await r.page.goto(`${base}/articles/second-story`, { waitUntil: 'load' });
    await settle(r.page);
    expect(await r.page.locator('dialog').count()).toBe(0);
    expect(r.thirdParty).toEqual([]);
    expect(r.problems).toEqual([]);
    await r.context.close();
  });

  it('Escape closes the dialog without a choice: nothing loads and it asks again on the next page', async () => {
    const r = await reader();
    await r.page.goto(`${base}/articles/first-story`, { waitUntil: 'load' });
    await dialogOf(r.page).waitFor();
    await r.page.keyboard.press('Escape');
    await dialogOf(r.page).waitFor({ state: 'detached' });
    expect(await consentCookie(r.context)).toBeUndefined();
    await r.page.goto(`${base}/articles/second-story`, { waitUntil: 'load' });
    await dialogOf(r.page).waitFor();
    expect(r.thirdParty).toEqual([]);
    await r.context.close();
  });

  it('loads the pixels after Accept, and withdrawing under "Privacy choices" stops them from the next page', async () => {
    const r = await reader();
    await r.page.goto(`${base}/articles/first-story`, { waitUntil: 'load' });
    await dialogOf(r.page).getByRole('button', { name: 'Accept all' }).click();
    await r.page.waitForFunction(() => (window as { stubsRan?: string[] }).stubsRan?.length === 2);
    expect((await r.context.cookies()).map((c) => c.name)).toEqual(expect.arrayContaining(['_fbp', '_ga']));
    expect(r.thirdParty.some((u) => u.startsWith('https://connect.facebook.net/en_US/fbevents.js'))).toBe(
      true,
    );
    expect(r.thirdParty).toContain('https://www.googletagmanager.com/gtag/js?id=G-ABC123DEF4');
    expect(await r.page.evaluate(() => typeof (window as { fbq?: unknown }).fbq)).toBe('function');

    // The next page starts them at once, without asking.
    r.thirdParty.length = 0;
    await r.page.goto(`${base}/articles/second-story`, { waitUntil: 'load' });
    await r.page.waitForFunction(() => (window as { stubsRan?: string[] }).stubsRan?.length === 2);
    expect(await r.page.locator('dialog').count()).toBe(0);

    // Withdraw: the footer link opens the dialog with the current answers ticked.
    await r.page.getByRole('link', { name: 'Privacy choices' }).click();
    const dialog = dialogOf(r.page);
    await dialog.waitFor();
    await expect(dialog.getByRole('checkbox', { name: 'Marketing' }).isChecked()).resolves.toBe(true);
    await dialog.getByRole('button', { name: 'Reject all' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Focus goes back to where the reader was.
    expect(await r.page.evaluate(() => document.activeElement?.textContent)).toBe('Privacy choices');
    expect(await consentCookie(r.context)).toMatch(/\.00$/);
    // The vendors' own cookies on our domain went with the consent.
    const names = (await r.context.cookies()).map((c) => c.name);
    expect(names).not.toContain('_fbp');
    expect(names).not.toContain('_ga');

    r.thirdParty.length = 0;
    await r.page.goto(`${base}/articles/first-story`, { waitUntil: 'load' });
    await settle(r.page);
    expect(r.thirdParty).toEqual([]);
    expect(await r.page.evaluate(() => (window as { stubsRan?: string[] }).stubsRan)).toBeUndefined();
    expect(r.problems).toEqual([]);
    await r.context.close();
  });

  it('per purpose: statistics only loads Google Analytics and not the Meta pixel', async () => {
    const r = await reader();
    await r.page.goto(`${base}/articles/first-story`, { waitUntil: 'load' });
    const dialog = dialogOf(r.page);
    await dialog.getByRole('checkbox', { name: 'Statistics' }).check();
    await dialog.getByRole('button', { name: 'Save choices' }).click();
    await r.page.waitForFunction(() => (window as { stubsRan?: string[] }).stubsRan?.includes('gtag'));
    await settle(r.page);
    expect(r.thirdParty.some((u) => u.includes('facebook'))).toBe(false);
    expect(await consentCookie(r.context)).toMatch(/\.10$/);
    await r.context.close();
  });

  it('with Global Privacy Control, Accept all loads statistics but never marketing', async () => {
    const r = await reader({ ...DESKTOP, extraHTTPHeaders: { 'Sec-GPC': '1' } });
    await r.context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });
    });
    await r.page.goto(`${base}/articles/first-story`, { waitUntil: 'load' });
    const dialog = dialogOf(r.page);
    await dialog.waitFor();
    await expect(dialog.getByRole('checkbox', { name: 'Marketing' }).isDisabled()).resolves.toBe(true);
    await expect(dialog.getByText('Global Privacy Control').count()).resolves.toBe(1);
    await dialog.getByRole('button', { name: 'Accept all' }).click();
    await r.page.waitForFunction(() => (window as { stubsRan?: string[] }).stubsRan?.includes('gtag'));
    await r.page.goto(`${base}/articles/second-story`, { waitUntil: 'load' });
    await r.page.waitForFunction(() => (window as { stubsRan?: string[] }).stubsRan?.includes('gtag'));
    await settle(r.page);
    expect(r.thirdParty.some((u) => u.includes('facebook'))).toBe(false);
    expect(await consentCookie(r.context)).toMatch(/\.10$/);
    await r.context.close();
  });

  it('a stored "yes" to marketing does not outrank Global Privacy Control turned on later', async () => {
    const r = await reader();
    await r.page.goto(`${base}/articles/first-story`, { waitUntil: 'load' });
    await dialogOf(r.page).getByRole('button', { name: 'Accept all' }).click();
    await r.page.waitForFunction(() => (window as { stubsRan?: string[] }).stubsRan?.length === 2);
    await r.context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });
    });
    r.thirdParty.length = 0;
    await r.page.goto(`${base}/articles/second-story`, { waitUntil: 'load' });
    await r.page.waitForFunction(() => (window as { stubsRan?: string[] }).stubsRan?.includes('gtag'));
    await settle(r.page);
    expect(r.thirdParty.some((u) => u.includes('facebook'))).toBe(false);
    await r.context.close();
  });

  it('a change of tags asks again a reader who had accepted', async () => {
    const r = await reader();
    await r.page.goto(`${base}/articles/first-story`, { waitUntil: 'load' });
    await dialogOf(r.page).getByRole('button', { name: 'Accept all' }).click();
    await setTags({ ...TAGS, x: 'o1abc' });
    r.thirdParty.length = 0;
    await r.page.goto(`${base}/articles/second-story`, { waitUntil: 'load' });
    await dialogOf(r.page).waitFor();
    await settle(r.page);
    expect(r.thirdParty).toEqual([]);
    await r.context.close();
    await setTags(TAGS);
  });

  it('the custom script comes from our own origin after consent to its purpose, and not before', async () => {
    await setTags({
      ...TAGS,
      custom: {
        name: 'House counter',
        source: 'window.houseCounterRan = true;',
        hosts: ['https://count.example.net'],
        purpose: 'statistics',
        privacyPolicy: 'https://example.net/privacy',
      },
    });
    const r = await reader();
    const own: string[] = [];
    r.page.on('request', (request) => {
      if (request.url().includes('/consent/custom-')) own.push(request.url());
    });
    await r.page.goto(`${base}/articles/first-story`, { waitUntil: 'load' });
    const dialog = dialogOf(r.page);
    await expect(dialog.getByText('Uses: Google Analytics 4, House counter.').count()).resolves.toBe(1);
    await settle(r.page);
    expect(own).toEqual([]);
    await dialog.getByRole('checkbox', { name: 'Statistics' }).check();
    await dialog.getByRole('button', { name: 'Save choices' }).click();
    await r.page.waitForFunction(() => (window as { houseCounterRan?: boolean }).houseCounterRan === true);
    expect(own).toHaveLength(1);
    expect(r.problems).toEqual([]);
    await r.context.close();
    await setTags(TAGS);
  });

  it('without JavaScript: no dialog and nothing from another host, even with tags configured', async () => {
    const r = await reader({ ...DESKTOP, javaScriptEnabled: false });
    await r.page.goto(`${base}/articles/first-story`, { waitUntil: 'load' });
    await r.page.getByRole('link', { name: 'Privacy choices' }).click();
    await r.page.waitForURL(`${base}/privacy#choices`);
    await expect(r.page.getByRole('heading', { name: 'Your choices' }).count()).resolves.toBe(1);
    await settle(r.page);
    expect(r.thirdParty).toEqual([]);
    await r.context.close();
  });
});
