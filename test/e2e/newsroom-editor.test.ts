// The editor in Chromium: an editor uploads the reference photograph with its caption and credit, writes the
// reference article (demo/reference-article.txt) with a quotation and a link in the Tiptap editor, picks the
// image as hero, sees autosave survive a reload, previews on a phone, publishes and reads it on the site.
// Then a stale save from a second tab shows the conflict and loses nothing, and an unsaved edit survives an
// immediate reload. No console errors and no Content-Security-Policy violations on any page.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentText } from '../../src/articles/render/document.js';
import { createArticle } from '../../src/newsroom/articles/drafts.js';
import { loadArticle } from '../../src/newsroom/articles/editable.js';
import type { StaffMember } from '../../src/newsroom/guardian.js';
import { DESKTOP, launchChromium, PHONE } from '../support/browser.js';
import { bodyOf } from '../support/content.js';
import { addStaff } from '../support/newsroom.js';
import { type RunningSite, startDemoSite } from '../support/server.js';

const EDITOR = { name: 'Eli Editor', email: 'eli.editor@example.org', password: 'the editor passphrase' };
const HEADLINE = 'Russia Withdrawing From Kharkiv After Heavy Losses';
const CAPTION = 'Ukrainian soldiers next to a military tracked vehicle in Kharkiv, Ukraine.';
const ALT = 'Soldiers beside a tracked military vehicle on a wet Kharkiv street';

/** The article's paragraphs: after the hero caption, up to the site's own furniture. */
function referenceParagraphs(): string[] {
  const lines = readFileSync(new URL('../../demo/reference-article.txt', import.meta.url), 'utf8').split(
    '\n',
  );
  const start = lines.findIndex((l) => l.startsWith('Ukrainian soldiers next to')) + 1;
  const end = lines.findIndex((l) => l.startsWith('Support our non-profit journalism'));
  return lines
    .slice(start, end)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

let site: RunningSite;
let browser: Browser;
let editor: StaffMember;
let workDir: string;

beforeAll(async () => {
  site = await startDemoSite();
  browser = await launchChromium();
  editor = await addStaff(site.storage.db, 'editor', EDITOR);
  workDir = await mkdtemp(join(tmpdir(), 'broadsheet-e2e-'));
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** Console errors, page errors, CSP violations and failed sub-resources, collected as the steps run. */
async function watch(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (
      r.status() >= 400 &&
      r.request().resourceType() !== 'document' &&
      r.request().resourceType() !== 'fetch'
    )
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

async function signedIn(
  options = DESKTOP,
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = await watch(page);
  await page.goto(`${site.url}/admin/sign-in`);
  await page.getByLabel('Email').fill(EDITOR.email);
  await page.getByLabel('Password').fill(EDITOR.password);
  await Promise.all([page.waitForURL(/\/admin$/), page.getByRole('button', { name: 'Sign in' }).click()]);
  return { context, page, problems };
}

/** Selects a piece of text inside the editor, as a mouse drag would. */
async function selectText(page: Page, text: string) {
  await page.evaluate((wanted) => {
    const root = document.getElementById('body-editor-content')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted.length);
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return;
      }
    }
    throw new Error(`no "${wanted}" in the editor`);
  }, text);
}

async function waitForStatus(page: Page, pattern: string, timeout = 20_000) {
  await page.waitForFunction(
    (wanted) => document.querySelector('.save-status')?.textContent?.includes(wanted),
    pattern,
    { timeout },
  );
}

async function waitUntil(check: () => Promise<boolean>, timeout = 15_000) {
  const until = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('the article editor in Chromium', () => {
  it('writes the reference article with an uploaded hero, previews it on a phone and publishes it', async () => {
    const { context, page, problems } = await signedIn();

    // The photograph goes into the library first, with its caption, credit and rights.
    const photo = join(workDir, 'kharkiv.jpg');
    await sharp({ create: { width: 1600, height: 1000, channels: 3, background: '#6b705c' } })
      .jpeg()
      .toFile(photo);
    await page.goto(`${site.url}/admin/media/new`);
    await page.setInputFiles('#f-file', photo);
    await page.getByLabel('Alt text').fill(ALT);
    await page.getByLabel('Caption', { exact: true }).fill(CAPTION);
    await page.getByLabel('Credit: person').fill('Tyler Hicks');
    await page.getByLabel('Credit: organisation').fill('The New York Times');
    await page.getByLabel('Usage rights').selectOption('agency');
    await Promise.all([
      page.waitForURL(/\/admin\/media\/\d+/),
      page.getByRole('button', { name: 'Upload image' }).click(),
    ]);

    await page.goto(`${site.url}/admin/articles/new`);
    await page.getByLabel('Headline', { exact: true }).fill(HEADLINE);
    await page
      .getByLabel('Dek')
      .fill('The UK Ministry of Defence says Russian units are leaving the region.');
    const paragraphs = referenceParagraphs();
    expect(paragraphs).toHaveLength(10);
    await page.getByRole('textbox', { name: 'Body' }).click();
    for (const [i, paragraph] of paragraphs.entries()) {
      if (i > 0) await page.keyboard.press('Enter');
      await page.keyboard.insertText(paragraph);
    }
    // The third paragraph is the ministry's words: a quotation.
    await page.locator('#body-editor-content p').nth(2).click();
    await page.getByRole('button', { name: 'Quotation' }).click();
    // Newsweek is linked.
    await selectText(page, 'Newsweek');
    await page.getByRole('button', { name: 'Link' }).click();
    await page.getByLabel('Web address').fill('https://www.newsweek.com/');
    await page.getByRole('button', { name: 'Apply' }).click();

    await page.getByLabel('Section').selectOption({ label: 'World' });
    await page.getByLabel('Author 1').selectOption({ label: 'Corinne Vale' });
    await page.getByLabel('Dateline').fill('KHARKIV, Ukraine');
    await page.getByLabel('Tags').fill('Ukraine, Russia');
    await page.getByRole('button', { name: 'Choose from the library…' }).click();
    await page.getByLabel('Search captions, credits and alt text').fill('wet Kharkiv');
    await page.locator('.media-choice', { hasText: 'No alt text' }).waitFor({ state: 'detached' });
    await page
      .getByRole('button', { name: new RegExp(CAPTION.slice(0, 30)) })
      .first()
      .click();
    await page.locator('.hero-preview', { hasText: 'Image by Tyler Hicks, The New York Times' }).waitFor();

    // Autosave creates the draft; the page becomes its edit page.
    await waitForStatus(page, 'Saved automatically');
    await page.waitForURL(/\/admin\/articles\/\d+$/);
    const id = Number(/(\d+)$/.exec(page.url())![1]);
    await waitUntil(async () => (await loadArticle(site.storage.db, id)).fields.heroMediaId !== null);

    // It survives a reload: everything comes back from the server.
    await page.reload();
    expect(await page.getByLabel('Headline', { exact: true }).inputValue()).toBe(HEADLINE);
    const editorText = await page.locator('#body-editor-content').textContent();
    expect(editorText).toContain(paragraphs.at(-1));
    expect(await page.locator('#body-editor-content blockquote').textContent()).toContain(
      'Despite Russia’s success',
    );
    expect(await page.locator('#body-editor-content a[href="https://www.newsweek.com/"]').textContent()).toBe(
      'Newsweek',
    );

    // The preview: the reader page in a phone frame and a desktop frame.
    await Promise.all([
      page.waitForURL(/\/preview$/),
      page.getByRole('button', { name: 'Save and preview' }).click(),
    ]);
    const phoneFrame = page.frameLocator('.preview-phone iframe');
    expect(await phoneFrame.locator('h1').textContent()).toBe(HEADLINE);
    expect(
      await page.locator('.preview-phone iframe').evaluate((f) => (f as HTMLIFrameElement).clientWidth),
    ).toBe(375);

    // On a phone itself, the preview page fits the screen and shows the hero's caption and credit.
    const phone = await browser.newContext({ ...PHONE, storageState: await context.storageState() });
    const phonePage = await phone.newPage();
    const phoneProblems = await watch(phonePage);
    await phonePage.goto(`${site.url}/admin/articles/${id}/preview/page`);
    expect(await phonePage.locator('h1').textContent()).toBe(HEADLINE);
    expect(await phonePage.locator('.hero figcaption').textContent()).toContain(
      'Image by Tyler Hicks, The New York Times',
    );
    expect(await phonePage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await phone.close();

    await page.goto(`${site.url}/admin/articles/${id}`);
    await Promise.all([
      page.waitForURL(new RegExp(`/admin/articles/${id}$`)),
      page.getByRole('button', { name: 'Publish now' }).click(),
    ]);
    expect(await page.locator('.flash-ok').textContent()).toContain('Published');
    const article = await loadArticle(site.storage.db, id);
    expect(article.status).toBe('published');

    // Readers see it: quotation, link, hero with its caption and credit.
    await page.goto(`${site.url}/articles/${article.fields.slug}`);
    expect(await page.locator('h1').textContent()).toBe(HEADLINE);
    expect(await page.locator('.article-body blockquote').textContent()).toContain(
      'Despite Russia’s success',
    );
    expect(await page.locator('.article-body a[href="https://www.newsweek.com/"]').count()).toBe(1);
    expect(await page.locator('.hero figcaption').textContent()).toContain(CAPTION);
    expect(await page.locator('.hero figcaption').textContent()).toContain(
      'Image by Tyler Hicks, The New York Times',
    );
    expect(documentText(article.fields.body)).toContain(
      'The Russian military action in Ukraine began on February 24.',
    );

    expect([...problems, ...phoneProblems]).toEqual([]);
    await context.close();
  });

  it('shows a stale save from a second tab its conflict and loses none of its text', async () => {
    const draft = await createArticle(
      site.storage.db,
      editor,
      {
        headline: 'Council budget vote delayed',
        seoHeadline: '',
        socialHeadline: '',
        dek: 'The first dek.',
        slug: '',
        sectionId: null,
        tags: [],
        authorIds: [],
        workType: 'news',
        dateline: '',
        heroMediaId: null,
        body: bodyOf('The council met on Tuesday.'),
      },
      'manual',
      new Date(),
    );
    const { context, page: first, problems } = await signedIn();
    const second = await context.newPage();
    const secondProblems = await watch(second);
    await first.goto(`${site.url}/admin/articles/${draft.id}`);
    await second.goto(`${site.url}/admin/articles/${draft.id}`);

    await first.getByLabel('Dek').fill('The dek from the first tab.');
    await Promise.all([
      first.waitForURL(/\d+$/),
      first.getByRole('button', { name: 'Save', exact: true }).click(),
    ]);
    expect(await first.locator('.flash-ok').textContent()).toContain('Saved as version 2');

    // The second tab, still on version 1, keeps typing; its autosave is refused.
    await second.locator('#body-editor-content p').first().click();
    await second.keyboard.press('End');
    await second.keyboard.insertText(' A sentence typed in the second tab.');
    await second.locator('#autosave-conflict').waitFor({ timeout: 20_000 });
    expect(await second.locator('.save-status').textContent()).toContain(
      'someone else saved a newer version',
    );
    expect(await second.locator('#body-editor-content').textContent()).toContain(
      'A sentence typed in the second tab.',
    );

    // Comparing shows the differences and still holds the second tab's text.
    await second.getByRole('button', { name: 'Compare with the newer version' }).click();
    await second.locator('#conflict').waitFor();
    expect(await second.locator('#conflict').textContent()).toContain('Someone else saved this article');
    expect((await second.locator('#conflict ins').allTextContents()).join('')).toContain(
      'A sentence typed in the second tab.',
    );
    expect(await second.locator('#body-editor-content').textContent()).toContain(
      'A sentence typed in the second tab.',
    );
    expect((await loadArticle(site.storage.db, draft.id)).fields.dek).toBe('The dek from the first tab.');

    // Saving over it is a deliberate choice, and it works.
    await Promise.all([
      second.waitForURL(/\d+$/),
      second.getByRole('button', { name: 'Save mine over it' }).click(),
    ]);
    expect(await second.locator('.flash-ok').textContent()).toContain('Saved as version 3');
    const saved = await loadArticle(site.storage.db, draft.id);
    expect(documentText(saved.fields.body)).toContain('A sentence typed in the second tab.');

    expect([...problems, ...secondProblems]).toEqual([]);
    await context.close();
  });

  it('keeps an edit made just before a reload', async () => {
    const draft = await createArticle(
      site.storage.db,
      editor,
      {
        headline: 'Library hours extended',
        seoHeadline: '',
        socialHeadline: '',
        dek: '',
        slug: '',
        sectionId: null,
        tags: [],
        authorIds: [],
        workType: 'news',
        dateline: '',
        heroMediaId: null,
        body: bodyOf('The library opens later on Thursdays.'),
      },
      'manual',
      new Date(),
    );
    const { context, page, problems } = await signedIn();
    await page.goto(`${site.url}/admin/articles/${draft.id}`);
    await page.locator('#body-editor-content p').first().click();
    await page.keyboard.press('End');
    await page.keyboard.insertText(' Typed a moment before the reload.');
    // Well inside the autosave interval: only the copy kept in the browser or the save sent on leaving remain.
    await page.waitForTimeout(500);
    await page.reload();
    await page.locator('#body-editor-content', { hasText: 'Typed a moment before the reload.' }).waitFor();
    await waitUntil(async () =>
      documentText((await loadArticle(site.storage.db, draft.id)).fields.body).includes(
        'Typed a moment before the reload.',
      ),
    );
    expect(problems).toEqual([]);
    await context.close();
  });
});
