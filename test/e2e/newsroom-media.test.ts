// The media library in Chromium: a contributor uploads a photo with the file picker, caption and credit and
// finds it in the library; bad uploads (not an image, too large) show their message and lose nothing, with
// the upload script and without it; the picker hands an image to the page that opened it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchChromium } from '../support/browser.js';
import { addStaff, PASSWORD } from '../support/newsroom.js';
import { type RunningSite, startDemoSite } from '../support/server.js';

let site: RunningSite;
let browser: Browser;
let tempDir: string;
let photo: Buffer;
const EMAIL = 'cora.contributor@example.org';

beforeAll(async () => {
  site = await startDemoSite();
  browser = await launchChromium();
  tempDir = await mkdtemp(join(tmpdir(), 'broadsheet-e2e-media-'));
  photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#2a6f97' } })
    .jpeg()
    .toBuffer();
  await addStaff(site.storage.db, 'contributor', { email: EMAIL, name: 'Cora Contributor' });
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await rm(tempDir, { recursive: true, force: true });
});

/** Console errors, page errors and CSP violations; pages that answer 400 on purpose are not problems. */
async function watch(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
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

async function signedIn(
  options: { javaScriptEnabled?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ ...DESKTOP, ...options });
  const page = await context.newPage();
  const problems = options.javaScriptEnabled === false ? [] : await watch(page);
  await page.goto(`${site.url}/admin/sign-in`);
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([page.waitForURL(/\/admin$/), page.getByRole('button', { name: 'Sign in' }).click()]);
  return { context, page, problems };
}

async function fillDetails(page: Page, caption: string) {
  await page.getByLabel('Alt text').fill('A blue test card, landscape');
  await page.getByLabel('Caption').fill(caption);
  await page.getByLabel('Credit: person').fill('Cora Contributor');
  await page.getByLabel('Credit: organisation').fill('Harbour Times');
  await page.getByLabel('Usage rights').selectOption('own');
}

describe('the media library in Chromium', () => {
  it('uploads a photo chosen with the file picker and shows it in the library with its caption and credit', async () => {
    const { context, page, problems } = await signedIn();
    await page.goto(`${site.url}/admin/media`);
    await page.getByRole('link', { name: 'Upload an image' }).click();
    await page.waitForURL(/\/admin\/media\/new$/);
    await page
      .getByLabel('Image file')
      .setInputFiles({ name: 'harbour.jpg', mimeType: 'image/jpeg', buffer: photo });
    await expect(page.locator('[data-chosen]').textContent()).resolves.toMatch(/^Chosen: harbour\.jpg/);
    await fillDetails(page, 'Test card over the harbour');
    await Promise.all([
      page.waitForURL(/\/admin\/media\/\d+$/),
      page.getByRole('button', { name: 'Upload image' }).click(),
    ]);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Test card over the harbour',
    );
    await expect(page.locator('figcaption').textContent()).resolves.toContain(
      'Credit: Cora Contributor, Harbour Times.',
    );
    // The preview loads from our own origin.
    await page.locator('.media-item-figure img').evaluate((img: HTMLImageElement) => img.decode());

    await page.goto(`${site.url}/admin/media?q=${encodeURIComponent('harbour')}`);
    const card = page.locator('.media-card', { hasText: 'Test card over the harbour' });
    await expect(card.count()).resolves.toBe(1);
    await expect(card.textContent()).resolves.toContain('Credit: Cora Contributor, Harbour Times');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows a bad upload’s message beside the file and keeps the caption and the chosen file', async () => {
    const { context, page, problems } = await signedIn();
    await page.goto(`${site.url}/admin/media/new`);
    const file = page.getByLabel('Image file');
    await file.setInputFiles({
      name: 'notes.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from('meeting notes, not a photo'),
    });
    await fillDetails(page, 'A caption worth keeping');
    await page.getByRole('button', { name: 'Upload image' }).click();
    await expect(page.locator('#f-file-error').textContent()).resolves.toBe(
      'That file is not an image we can read. Upload a JPEG, PNG, WebP, AVIF or GIF image.',
    );
    expect(page.url()).toMatch(/\/admin\/media\/new$/);
    expect(await page.getByLabel('Caption').inputValue()).toBe('A caption worth keeping');
    expect(await file.evaluate((input: HTMLInputElement) => input.files?.[0]?.name)).toBe('notes.jpg');
    expect(await file.getAttribute('aria-invalid')).toBe('true');

    // Too large is caught before a byte is sent.
    const big = join(tempDir, 'scan.jpg');
    await writeFile(big, Buffer.alloc(52 * 1024 * 1024, 7));
    let posted = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST') posted += 1;
    });
    await file.setInputFiles(big);
    await expect(page.locator('#f-file-error').textContent()).resolves.toBe(
      'That file is 52 MB; the limit is 40 MB.',
    );
    await page.getByRole('button', { name: 'Upload image' }).click();
    await expect(page.locator('[data-upload-message] [role="alert"]').textContent()).resolves.toContain(
      'That file is 52 MB; the limit is 40 MB.',
    );
    expect(posted).toBe(0);
    expect(await page.getByLabel('Caption').inputValue()).toBe('A caption worth keeping');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('without the script, re-shows the form with the message and everything typed', async () => {
    const { context, page } = await signedIn({ javaScriptEnabled: false });
    await page.goto(`${site.url}/admin/media/new`);
    await page
      .getByLabel('Image file')
      .setInputFiles({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('plain text') });
    await fillDetails(page, 'Caption typed without JavaScript');
    await page.getByRole('button', { name: 'Upload image' }).click();
    await page.waitForLoadState();
    await expect(page.locator('#f-file-error').textContent()).resolves.toContain(
      'That file is not an image we can read.',
    );
    await expect(page.locator('.flash-error').first().textContent()).resolves.toContain(
      'choose the file again',
    );
    expect(await page.getByLabel('Caption').inputValue()).toBe('Caption typed without JavaScript');
    expect(await page.getByLabel('Usage rights').inputValue()).toBe('own');
    await context.close();
  });

  it('hands the chosen image to the newsroom page that opened the picker', async () => {
    const { context, page, problems } = await signedIn();
    await page.goto(`${site.url}/admin/media`);
    await page.evaluate(() => {
      const w = window as unknown as { picked: unknown[] };
      w.picked = [];
      window.addEventListener('message', (e) => {
        if (e.origin === window.location.origin) w.picked.push(e.data);
      });
    });
    const [popup] = await Promise.all([
      context.waitForEvent('page'),
      page.evaluate(() => void window.open('/admin/media/picker?q=harbour', 'picker', 'popup')),
    ]);
    await popup.waitForLoadState();
    const pick = popup
      .locator('.media-card', { hasText: 'Test card over the harbour' })
      .getByRole('link', { name: /^Use this image/ });
    const id = Number(await pick.getAttribute('data-id'));
    // The picker closes itself as it hands the image over, which can end the click's own bookkeeping
    // before Playwright finishes it; the close event and the handed-over data are what count.
    await Promise.all([popup.waitForEvent('close'), pick.click().catch(() => undefined)]);
    const picked = await page.evaluate(() => (window as unknown as { picked: unknown[] }).picked);
    expect(picked).toEqual([
      {
        type: 'broadsheet:media-picked',
        media: expect.objectContaining({
          id,
          caption: 'Test card over the harbour',
          credit: 'Cora Contributor, Harbour Times',
        }),
      },
    ]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
