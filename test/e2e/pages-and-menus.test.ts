// Pages, menus and the phone header in Chromium, on the demo newsroom: the header folds behind a menu button
// on a phone (a real button with aria-expanded when the script runs, the CSS checkbox without it), the menu
// editor reorders the header, and a page is written in the editor, published and read at its address.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchChromium, PHONE } from '../support/browser.js';
import { addStaff, PASSWORD } from '../support/newsroom.js';
import { type RunningSite, startDemoSite } from '../support/server.js';

let site: RunningSite;
let browser: Browser;
const EMAIL = 'edna.editor@example.org';

beforeAll(async () => {
  site = await startDemoSite();
  browser = await launchChromium();
  await addStaff(site.storage.db, 'editor', { email: EMAIL, name: 'Edna Editor' });
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

async function signedIn(): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext(DESKTOP);
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(`${site.url}/admin/sign-in`);
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([page.waitForURL(/\/admin$/), page.getByRole('button', { name: 'Sign in' }).click()]);
  return { context, page, problems };
}

describe('the header on a phone', () => {
  it('folds the sections behind a menu button that says whether it is open', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(site.url);
    const menu = page.locator('#site-menu');
    const button = page.getByRole('button', { name: 'Menu' });
    await expect(menu.isVisible()).resolves.toBe(false);
    await expect(button.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(button.getAttribute('aria-controls')).resolves.toBe('site-menu');
    const header = await page.locator('.site-header').boundingBox();
    expect(header!.height).toBeLessThan(240);

    await button.click();
    await expect(menu.isVisible()).resolves.toBe(true);
    await expect(button.getAttribute('aria-expanded')).resolves.toBe('true');
    const links = menu.locator('a');
    expect(await links.count()).toBeGreaterThan(2);
    // One link a line, not wrapped side by side.
    const [first, second] = [await links.nth(0).boundingBox(), await links.nth(1).boundingBox()];
    expect(second!.y).toBeGreaterThan(first!.y);
    expect(Math.abs(second!.x - first!.x)).toBeLessThan(2);

    await button.click();
    await expect(menu.isVisible()).resolves.toBe(false);
    await expect(button.getAttribute('aria-expanded')).resolves.toBe('false');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('opens without JavaScript too, and from the keyboard', async () => {
    const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(site.url);
    const menu = page.locator('#site-menu');
    await expect(menu.isVisible()).resolves.toBe(false);
    await page.locator('label.site-menu-label').click();
    await expect(menu.isVisible()).resolves.toBe(true);
    await page.locator('label.site-menu-label').click();
    await expect(menu.isVisible()).resolves.toBe(false);
    await page.locator('#site-menu-toggle').focus();
    await page.keyboard.press('Space');
    await expect(menu.isVisible()).resolves.toBe(true);
    await context.close();
  });

  it('shows the sections in a line and no menu button on a desktop', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await page.goto(site.url);
    await expect(page.locator('#site-menu').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Menu' }).isVisible()).resolves.toBe(false);
    // The footer carries the standing pages, and they open.
    await page.locator('footer').getByRole('link', { name: 'About' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('About the Ledger');
    await context.close();
  });
});

describe('the newsroom', () => {
  it('reorders the header with the menu editor', async () => {
    const { context, page, problems } = await signedIn();
    await page.goto(`${site.url}/admin/menus`);
    const items = page.locator('section[aria-labelledby="menu-header"] .menu-item-label');
    const before = await items.allTextContents();
    expect(before.length).toBeGreaterThan(2);
    await page.getByRole('button', { name: `Move ${before[0]} down` }).click();
    await page.waitForURL(/\/admin\/menus#header-item-1$/);
    const after = await items.allTextContents();
    expect(after.slice(0, 2)).toEqual([before[1], before[0]]);
    // Keyboard: the moved item's next button is reachable and works with Enter.
    await page.getByRole('button', { name: `Move ${before[0]} up` }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/admin\/menus#header-item-0$/);
    await expect(items.allTextContents()).resolves.toEqual(before);

    await page.getByRole('button', { name: `Move ${before[1]} up` }).click();
    await page.waitForURL(/#header-item-0$/);
    const reader = await context.newPage();
    await reader.goto(site.url);
    const nav = await reader.locator('#site-menu a').allTextContents();
    expect(nav.slice(0, 2)).toEqual([before[1], before[0]]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('writes a page in the editor, publishes it, and readers find it at its address', async () => {
    const { context, page, problems } = await signedIn();
    await page.goto(`${site.url}/admin/pages/new`);
    await page.getByLabel('Title').fill('Jobs at the Ledger');
    await page.getByLabel('Address').fill('jobs');
    const editor = page.locator('.editor-content');
    await editor.click();
    await page.keyboard.type('We are hiring a courts reporter.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Write to jobs@riverside-ledger.example.');
    await Promise.all([
      page.waitForURL(/\/admin\/pages\/\d+$/),
      page.getByRole('button', { name: 'Save' }).click(),
    ]);
    await expect(page.locator('.flash').textContent()).resolves.toContain('Page saved.');
    expect((await page.request.get(`${site.url}/jobs`)).status()).toBe(404);
    await Promise.all([
      page.waitForURL(/\/admin\/pages\/\d+$/),
      page.getByRole('button', { name: 'Publish' }).click(),
    ]);
    await expect(page.locator('.flash').textContent()).resolves.toContain('Published at /jobs.');

    const reader = await context.newPage();
    await reader.goto(`${site.url}/jobs`);
    await expect(reader.locator('h1').textContent()).resolves.toBe('Jobs at the Ledger');
    await expect(reader.locator('.story-body p').allTextContents()).resolves.toEqual([
      'We are hiring a courts reporter.',
      'Write to jobs@riverside-ledger.example.',
    ]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
