// The newsroom's first day in Chromium: the first admin uses the setup link, signs out and in again,
// invites an editor, reads the invitation in the outbox, and the editor accepts it and signs in.
// No console errors and no Content-Security-Policy violations on any page.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSetupToken } from '../../src/admin/auth/setup.js';
import { DESKTOP, launchChromium, PHONE } from '../support/browser.js';
import { type RunningSite, startDemoSite } from '../support/server.js';

const ADMIN = { name: 'Amara Admin', email: 'amara@example.org', password: 'first admin long passphrase' };
const EDITOR = { name: 'Eli Editor', email: 'eli@example.org', password: 'the editor passphrase' };

let site: RunningSite;
let browser: Browser;

beforeAll(async () => {
  site = await startDemoSite();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/**
 * Console errors, page errors, CSP violations (reported through a binding, which CSP does not block) and
 * failed sub-resources. Pages answering 400 or 404 on purpose (a form with errors, a spent link) are not
 * problems, so failed loads count only for what a page pulls in: styles, scripts, images.
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

async function signIn(page: Page, who: { email: string; password: string }, landing = /\/admin$/) {
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await Promise.all([page.waitForURL(landing), page.getByRole('button', { name: 'Sign in' }).click()]);
}

describe('the newsroom accounts in Chromium', () => {
  it('takes a new admin from the setup link to an editor signed in', async () => {
    const token = await issueSetupToken(site.storage.db, new Date());
    expect(token).toBeTruthy();

    const adminContext = await browser.newContext(DESKTOP);
    const page = await adminContext.newPage();
    const problems = await watch(page);

    await page.goto(`${site.url}/admin/setup/${token}`);
    expect(await page.title()).toBe('Set up your newsroom · Newsroom');
    // A mistake first: the typed name and email survive it.
    await page.getByLabel('Your name').fill(ADMIN.name);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill('too short');
    await page.getByLabel('Password again').fill('too short');
    await page.getByRole('button', { name: 'Create the admin account' }).click();
    await expect(page.locator('#f-password-error').textContent()).resolves.toBe(
      'Password must be at least 12 characters.',
    );
    expect(await page.getByLabel('Your name').inputValue()).toBe(ADMIN.name);
    expect(await page.getByLabel('Email').inputValue()).toBe(ADMIN.email);

    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Password again').fill(ADMIN.password);
    await Promise.all([
      page.waitForURL(`${site.url}/admin`),
      page.getByRole('button', { name: 'Create the admin account' }).click(),
    ]);
    await expect(page.locator('.flash').textContent()).resolves.toContain('Your newsroom is set up');
    await expect(page.locator('h1').textContent()).resolves.toBe(`Hello, ${ADMIN.name}`);

    // The setup link is spent.
    const again = await page.goto(`${site.url}/admin/setup/${token}`);
    expect(again?.status()).toBe(404);

    await page.goto(`${site.url}/admin`);
    await Promise.all([
      page.waitForURL(/\/admin\/sign-in$/),
      page.getByRole('button', { name: 'Sign out', exact: true }).click(),
    ]);
    await expect(page.locator('.flash').textContent()).resolves.toBe('You are signed out.');
    await signIn(page, ADMIN);

    await page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Staff' }).click();
    await page.waitForURL(/\/admin\/staff$/);
    await page.getByLabel('Email', { exact: true }).fill(EDITOR.email);
    await page.getByLabel('Role', { exact: true }).selectOption('editor');
    await Promise.all([
      page.waitForURL(/\/admin\/staff$/),
      page.getByRole('button', { name: 'Send the invitation' }).click(),
    ]);
    await expect(page.locator('.flash').textContent()).resolves.toBe(`Invitation sent to ${EDITOR.email}.`);
    await expect(page.locator('table').first().textContent()).resolves.toContain(EDITOR.email);

    await page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Outbox' }).click();
    await page.waitForURL(/\/admin\/outbox$/);
    const invitation = page.locator('a[href*="/admin/invitations/"]').first();
    const link = await invitation.getAttribute('href');
    expect(link).toMatch(new RegExp(`^${site.url}/admin/invitations/[A-Za-z0-9_-]{43}$`));
    expect(problems).toEqual([]);
    await adminContext.close();

    // The editor, on a phone, in a browser of their own.
    const editorContext = await browser.newContext(PHONE);
    const phone = await editorContext.newPage();
    const editorProblems = await watch(phone);
    await phone.goto(link!);
    await expect(phone.locator('main').textContent()).resolves.toContain(
      `invited as Editor with the email address ${EDITOR.email}`,
    );
    await phone.getByLabel('Your name').fill(EDITOR.name);
    await phone.getByLabel('Password', { exact: true }).fill(EDITOR.password);
    await phone.getByLabel('Password again').fill(EDITOR.password);
    await Promise.all([
      phone.waitForURL(`${site.url}/admin`),
      phone.getByRole('button', { name: 'Create my account' }).click(),
    ]);
    await expect(phone.locator('h1').textContent()).resolves.toBe(`Hello, ${EDITOR.name}`);
    const menu = await phone
      .getByRole('navigation', { name: 'Newsroom' })
      .getByRole('link')
      .allTextContents();
    expect(menu).toEqual([
      'Articles',
      'Media',
      'Pages',
      'Fronts',
      'Authors',
      'Comments',
      'Analytics',
      'Newsletters',
    ]);
    // Fits the phone: nothing wider than the screen.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    await Promise.all([
      phone.waitForURL(/\/admin\/sign-in$/),
      phone.getByRole('button', { name: 'Sign out', exact: true }).click(),
    ]);
    await phone.goto(`${site.url}/admin/staff`);
    await phone.waitForURL(/\/admin\/sign-in\?next=%2Fadmin%2Fstaff$/);
    // After sign-in the editor is sent where they were going, which editors may not open.
    await signIn(phone, EDITOR, /\/admin\/staff$/);
    await expect(phone.locator('main').textContent()).resolves.toContain('Only admins may do that.');
    await phone.goto(`${site.url}/admin`);
    await expect(phone.locator('h1').textContent()).resolves.toBe(`Hello, ${EDITOR.name}`);
    expect(editorProblems).toEqual([]);
    await editorContext.close();
  });
});
