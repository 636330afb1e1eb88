// The newsroom's first article in Chromium, and the editor's tools. A new admin sets the newsroom up from the
// setup link and invites an editor, who accepts, writes the reference article (demo/reference-article.txt)
// with a quotation and a link, uploads its photograph from inside the editor (a bad file first: its message
// shows and nothing typed is lost), gives it caption and credit, previews on a phone, publishes and finds it
// on the reader site. Then every block the editor offers reaches readers, an embed loads only when a reader
// asks, a stale save from a second tab shows the conflict and loses nothing, an edit made just before a
// reload survives, and a body nested past the limit is refused with the text kept. No console errors and no
// Content-Security-Policy violations on any page.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSetupToken } from '../../src/admin/auth/setup.js';
import type { StaffMember } from '../../src/admin/guardian.js';
import { type BodyDocument, documentText } from '../../src/articles/render/document.js';
import { createArticle } from '../../src/editorial/drafts.js';
import { loadArticle } from '../../src/editorial/editable.js';
import { DESKTOP, launchChromium, PHONE } from '../support/browser.js';
import { bodyOf } from '../support/content.js';
import { addStaff } from '../support/newsroom.js';
import { type RunningSite, startDemoSite } from '../support/server.js';

const ADMIN = { name: 'Amara Admin', email: 'amara@example.org', password: 'first admin long passphrase' };
const EDITOR = { name: 'Eli Editor', email: 'eli.editor@example.org', password: 'the editor passphrase' };
const HEADLINE = 'Russia Withdrawing From Kharkiv After Heavy Losses';
const CAPTION = 'Ukrainian soldiers next to a military tracked vehicle in Kharkiv, Ukraine.';
const ALT = 'Soldiers beside a tracked military vehicle on a wet Kharkiv street';
const CREDIT = 'Image by Tyler Hicks, The New York Times';

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

let browser: Browser;
let workDir: string;

beforeAll(async () => {
  browser = await launchChromium();
  workDir = await mkdtemp(join(tmpdir(), 'broadsheet-e2e-'));
});
afterAll(async () => {
  await browser?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/**
 * Console errors, page errors, CSP violations and failed sub-resources, collected as the steps run. Pages
 * and in-page requests answering 4xx on purpose (a refused upload, a stale save) are not problems: what they
 * show is asserted instead.
 */
async function watch(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && !['document', 'fetch', 'xhr'].includes(r.request().resourceType()))
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

async function signInWith(page: Page, site: RunningSite, who: { email: string; password: string }) {
  await page.goto(`${site.url}/admin/sign-in`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await Promise.all([page.waitForURL(/\/admin$/), page.getByRole('button', { name: 'Sign in' }).click()]);
}

/** Selects a piece of text inside the editor, as a mouse drag would. */
async function selectText(page: Page, text: string) {
  await page.evaluate((wanted) => {
    const root = document.getElementById('body-editor-content')!;
    // ProseMirror takes a DOM selection only while it has the focus; after a dialog the focus is elsewhere,
    // and the next insertion would land where the previous one did, replacing it.
    root.focus();
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

/** Puts the cursor at the end of the paragraph holding `text`, with a real click as a writer would. */
async function cursorAfter(page: Page, text: string) {
  // A click is what ProseMirror reads at once; a selection set by script reaches it only on a later
  // selectionchange, and a toolbar button pressed before then acts on the previous selection.
  await page.locator('#body-editor-content p', { hasText: text }).first().click();
  await page.keyboard.press('End');
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

function jsonLdOf(html: string): Record<string, unknown> {
  const match = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html);
  if (!match) throw new Error('no JSON-LD on the page');
  return JSON.parse(match[1]!) as Record<string, unknown>;
}

describe('a new newsroom’s first article in Chromium', () => {
  let site: RunningSite;
  beforeAll(async () => {
    site = await startDemoSite();
  });
  afterAll(async () => {
    await site?.close();
  });

  it('takes a new admin from setup to an invited editor who publishes the reference article', async () => {
    // The first admin, from the setup link printed on first start.
    const token = await issueSetupToken(site.storage.db, new Date());
    const adminContext = await browser.newContext(DESKTOP);
    const admin = await adminContext.newPage();
    const adminProblems = await watch(admin);
    await admin.goto(`${site.url}/admin/setup/${token}`);
    await admin.getByLabel('Your name').fill(ADMIN.name);
    await admin.getByLabel('Email').fill(ADMIN.email);
    await admin.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await admin.getByLabel('Password again').fill(ADMIN.password);
    await Promise.all([
      admin.waitForURL(`${site.url}/admin`),
      admin.getByRole('button', { name: 'Create the admin account' }).click(),
    ]);

    // The admin invites an editor; without SMTP the invitation waits in the outbox.
    await admin.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Staff' }).click();
    await admin.waitForURL(/\/admin\/staff$/);
    await admin.getByLabel('Email', { exact: true }).fill(EDITOR.email);
    await admin.getByLabel('Role', { exact: true }).selectOption('editor');
    await Promise.all([
      admin.waitForURL(/\/admin\/staff$/),
      admin.getByRole('button', { name: 'Send the invitation' }).click(),
    ]);
    expect(await admin.locator('.flash').textContent()).toBe(`Invitation sent to ${EDITOR.email}.`);
    await admin.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Outbox' }).click();
    await admin.waitForURL(/\/admin\/outbox$/);
    const invitation = await admin.locator('a[href*="/admin/invitations/"]').first().getAttribute('href');
    expect(invitation).toMatch(/\/admin\/invitations\/[A-Za-z0-9_-]{43}$/);
    expect(adminProblems).toEqual([]);
    await adminContext.close();

    // The editor accepts in a browser of their own.
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    const problems = await watch(page);
    await page.goto(invitation!);
    await page.getByLabel('Your name').fill(EDITOR.name);
    await page.getByLabel('Password', { exact: true }).fill(EDITOR.password);
    await page.getByLabel('Password again').fill(EDITOR.password);
    await Promise.all([
      page.waitForURL(`${site.url}/admin`),
      page.getByRole('button', { name: 'Create my account' }).click(),
    ]);
    expect(await page.locator('h1').textContent()).toBe(`Hello, ${EDITOR.name}`);

    // A reader has the World section cached before the story exists.
    const worldBefore = await (await fetch(`${site.url}/sections/world`)).text();

    await page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Articles' }).click();
    await Promise.all([
      page.waitForURL(/\/admin\/articles\/new$/),
      page.getByRole('link', { name: 'New article' }).click(),
    ]);
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

    // The photograph is not in the library yet: the editor uploads it from the hero chooser, in a window of
    // its own, while the article waits.
    const photo = join(workDir, 'kharkiv.jpg');
    await sharp({ create: { width: 1600, height: 1000, channels: 3, background: '#6b705c' } })
      .jpeg()
      .toFile(photo);
    await page.getByRole('button', { name: 'Choose from the library…' }).click();
    const [picker] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('link', { name: 'Upload or find it in the library' }).click(),
    ]);
    const pickerProblems = await watch(picker);
    await picker.waitForLoadState();
    await Promise.all([
      picker.waitForURL(/\/admin\/media\/new\?return=/),
      picker.getByRole('link', { name: 'Upload an image' }).click(),
    ]);
    await picker.getByLabel('Alt text').fill(ALT);
    await picker.getByLabel('Caption', { exact: true }).fill(CAPTION);
    await picker.getByLabel('Credit: person').fill('Tyler Hicks');
    await picker.getByLabel('Credit: organisation').fill('The New York Times');
    await picker.getByLabel('Usage rights').selectOption('agency');
    // First the wrong file: a text file that only calls itself a JPEG. Its message shows beside the file,
    // and every word typed stays.
    await picker.setInputFiles('#f-file', {
      name: 'kharkiv.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from('notes for the caption, not a photograph'),
    });
    await picker.getByRole('button', { name: 'Upload image' }).click();
    await picker.locator('#f-file-error').waitFor();
    expect(await picker.locator('#f-file-error').textContent()).toContain(
      'That file is not an image we can read.',
    );
    expect(await picker.getByLabel('Alt text').inputValue()).toBe(ALT);
    expect(await picker.getByLabel('Caption', { exact: true }).inputValue()).toBe(CAPTION);
    expect(await picker.getByLabel('Credit: person').inputValue()).toBe('Tyler Hicks');
    expect(await picker.getByLabel('Credit: organisation').inputValue()).toBe('The New York Times');
    // Then the photograph.
    await picker.setInputFiles('#f-file', photo);
    await Promise.all([
      picker.waitForURL(/\/admin\/media\/picker\?return=/),
      picker.getByRole('button', { name: 'Upload image' }).click(),
    ]);
    // Newest first: the photograph just uploaded (the demo holds an older copy with the same caption).
    const use = picker
      .locator('.media-card', { hasText: CAPTION.slice(0, 40) })
      .first()
      .getByRole('link', { name: /^Use this image/ });
    const mediaId = Number(await use.getAttribute('data-id'));
    await Promise.all([picker.waitForEvent('close'), use.click().catch(() => undefined)]);
    expect(pickerProblems).toEqual([]);

    await page.locator('.hero-preview', { hasText: CREDIT }).waitFor();
    // Nothing typed was lost while the photograph went up.
    expect(await page.getByLabel('Headline', { exact: true }).inputValue()).toBe(HEADLINE);
    expect(await page.locator('#body-editor-content').textContent()).toContain(paragraphs.at(-1));

    // Autosave creates the draft; the page becomes its edit page.
    await waitForStatus(page, 'Saved automatically');
    await page.waitForURL(/\/admin\/articles\/\d+$/);
    const id = Number(/(\d+)$/.exec(page.url())![1]);
    await waitUntil(async () => (await loadArticle(site.storage.db, id)).fields.heroMediaId === mediaId);

    // It survives a reload: everything comes back from the server.
    await page.reload();
    expect(await page.getByLabel('Headline', { exact: true }).inputValue()).toBe(HEADLINE);
    expect(await page.locator('#body-editor-content').textContent()).toContain(paragraphs.at(-1));
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

    // On a phone itself, the preview fits the screen and shows the hero's caption and credit.
    const phone = await browser.newContext({ ...PHONE, storageState: await context.storageState() });
    const phonePage = await phone.newPage();
    const phoneProblems = await watch(phonePage);
    await phonePage.goto(`${site.url}/admin/articles/${id}/preview/page`);
    expect(await phonePage.locator('h1').textContent()).toBe(HEADLINE);
    expect(await phonePage.locator('.hero figcaption').textContent()).toContain(CAPTION);
    expect(await phonePage.locator('.hero figcaption').textContent()).toContain(CREDIT);
    expect(await phonePage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(phoneProblems).toEqual([]);
    await phone.close();

    await page.goto(`${site.url}/admin/articles/${id}`);
    await Promise.all([
      page.waitForURL(new RegExp(`/admin/articles/${id}$`)),
      page.getByRole('button', { name: 'Publish now' }).click(),
    ]);
    expect(await page.locator('.flash-ok').textContent()).toContain('Published');
    const article = await loadArticle(site.storage.db, id);
    expect(article.status).toBe('published');
    expect(documentText(article.fields.body)).toContain(
      'The Russian military action in Ukraine began on February 24.',
    );
    expect(problems).toEqual([]);
    await context.close();

    // A reader on a phone: the story with its quotation, link, and the photograph's caption and credit.
    const readerContext = await browser.newContext(PHONE);
    const reader = await readerContext.newPage();
    const readerProblems = await watch(reader);
    const path = `/articles/${article.fields.slug}`;
    await reader.goto(`${site.url}${path}`);
    expect(await reader.locator('h1').textContent()).toBe(HEADLINE);
    expect(await reader.locator('article blockquote').textContent()).toContain('Despite Russia’s success');
    expect(await reader.locator('article a[href="https://www.newsweek.com/"]').count()).toBe(1);
    expect(await reader.locator('.hero figcaption').textContent()).toContain(CAPTION);
    expect(await reader.locator('.hero figcaption').textContent()).toContain(CREDIT);
    expect(await reader.locator('.hero img').getAttribute('alt')).toBe(ALT);
    const ld = jsonLdOf(await reader.content());
    expect(JSON.stringify(ld.image)).toContain('"creditText":"Tyler Hicks, The New York Times"');
    expect(await reader.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(readerProblems).toEqual([]);
    await readerContext.close();

    // Publishing emptied the page cache: the section page lists the story at once.
    expect(worldBefore).not.toContain(`href="${path}"`);
    expect(await (await fetch(`${site.url}/sections/world`)).text()).toContain(`href="${path}"`);
  });
});

describe('the article editor in Chromium', () => {
  let site: RunningSite;
  let editor: StaffMember;
  beforeAll(async () => {
    site = await startDemoSite();
    editor = await addStaff(site.storage.db, 'editor', EDITOR);
  });
  afterAll(async () => {
    await site?.close();
  });

  async function signedIn(
    options = DESKTOP,
  ): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    const problems = await watch(page);
    await signInWith(page, site, EDITOR);
    return { context, page, problems };
  }

  it('takes every kind of block to readers, and loads an embed only when the reader asks', async () => {
    const { context, page, problems } = await signedIn();
    await page.goto(`${site.url}/admin/articles/new`);
    await page.getByLabel('Headline', { exact: true }).fill('Council adopts the budget');
    await page.getByRole('textbox', { name: 'Body' }).click();
    await page.keyboard.insertText('The council met with bold words and italic doubts.');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Heading', exact: true }).click();
    await page.keyboard.insertText('What was decided');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Bulleted list' }).click();
    await page.keyboard.insertText('A new budget');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('Longer library hours');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Numbered list' }).click();
    await page.keyboard.insertText('First reading');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('Second reading');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('The mayor spoke last.');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('What the hall looked like.');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('Watch the session.');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('The end of the session.');

    await selectText(page, 'bold words');
    await page.getByRole('button', { name: 'Bold' }).click();
    await selectText(page, 'italic doubts');
    await page.getByRole('button', { name: 'Italic' }).click();

    await cursorAfter(page, 'The mayor spoke last.');
    await page.getByRole('button', { name: 'Pull quote' }).click();
    await page.getByLabel('Quotation').fill('We will keep the lights on.');
    await page.getByLabel('Who said it').fill('The mayor');
    await page.getByRole('button', { name: 'Insert' }).click();

    await cursorAfter(page, 'What the hall looked like.');
    await page.getByRole('button', { name: 'Image', exact: true }).click();
    await page.getByLabel('Search captions, credits and alt text').fill('city hall');
    await page.locator('.media-choice', { hasText: 'Riverside City Hall' }).first().click();
    await page.locator('#body-editor-content figure[data-media-id]').click();
    await page.getByRole('button', { name: 'Image', exact: true }).click();
    await page.getByLabel('Caption', { exact: true }).fill('The hall on budget night.');
    await page.getByRole('button', { name: 'Update' }).click();

    await cursorAfter(page, 'Watch the session.');
    await page.getByRole('button', { name: 'Embed' }).click();
    await page.getByLabel('Address of the video or post').fill('https://www.youtube.com/watch?v=dQw4w9WgXcQ');
    await page.getByLabel('Title (optional)').fill('The budget session');
    await page.getByRole('button', { name: 'Insert' }).click();
    await page
      .locator('#body-editor-content figure[data-embed-url]', { hasText: 'readers load it with a click' })
      .waitFor();

    await cursorAfter(page, 'The end of the session.');
    await page.getByRole('button', { name: 'Rule' }).click();

    await page.getByLabel('Section').selectOption({ label: 'Politics' });
    await page.getByLabel('Author 1').selectOption({ label: 'Corinne Vale' });
    await Promise.all([
      page.waitForURL(/\/admin\/articles\/\d+$/),
      page.getByRole('button', { name: 'Save', exact: true }).click(),
    ]);
    const id = Number(/(\d+)$/.exec(page.url())![1]);
    const saved = await loadArticle(site.storage.db, id);
    // The paragraph the editor keeps after a rule, to type on, is empty and shows nothing to readers.
    const blocks = saved.fields.body.content.filter((b) => b.type !== 'paragraph' || b.content?.length);
    expect(blocks.map((b) => b.type)).toEqual([
      'paragraph',
      'heading',
      'bulletList',
      'orderedList',
      'paragraph',
      'pullQuote',
      'paragraph',
      'image',
      'paragraph',
      'embed',
      'paragraph',
      'horizontalRule',
    ]);
    await Promise.all([
      page.waitForURL(new RegExp(`/admin/articles/${id}$`)),
      page.getByRole('button', { name: 'Publish now' }).click(),
    ]);
    expect(await page.locator('.flash-ok').textContent()).toContain('Published');
    expect(problems).toEqual([]);
    await context.close();

    // A reader: nothing leaves for another site until they ask for the video.
    const readerContext = await browser.newContext(DESKTOP);
    const outside: string[] = [];
    readerContext.on('request', (r) => {
      if (!r.url().startsWith(site.url)) outside.push(r.url());
    });
    await readerContext.route('https://www.youtube-nocookie.com/**', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><title>Player</title><p>The player</p>',
      }),
    );
    const reader = await readerContext.newPage();
    const readerProblems = await watch(reader);
    await reader.goto(`${site.url}/articles/${saved.fields.slug}`);
    const story = reader.locator('article');
    expect(await story.locator('strong').first().textContent()).toBe('bold words');
    expect(await story.locator('em').first().textContent()).toBe('italic doubts');
    expect(await story.locator('h2', { hasText: 'What was decided' }).count()).toBe(1);
    expect(await story.locator('ul li').allTextContents()).toEqual(['A new budget', 'Longer library hours']);
    expect(await story.locator('ol li').allTextContents()).toEqual(['First reading', 'Second reading']);
    expect(await story.locator('.pull-quote').textContent()).toContain('We will keep the lights on.');
    expect(await story.locator('.pull-quote figcaption').textContent()).toBe('— The mayor');
    const figure = story.locator('figure:not(.hero):not(.pull-quote):not(.embed)', {
      hasText: 'budget night',
    });
    expect(await figure.locator('figcaption').textContent()).toMatch(
      /^The hall on budget night\. \| Image by /,
    );
    expect(await figure.locator('img').getAttribute('alt')).toContain('domed city hall');
    expect(await story.locator('hr').count()).toBe(1);

    const embed = story.locator('figure.embed');
    expect(await embed.locator('iframe').count()).toBe(0);
    expect(await embed.locator('a.embed-link').getAttribute('href')).toBe(
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
    );
    expect(outside).toEqual([]);
    await embed.getByRole('button', { name: 'Load the video from YouTube' }).click();
    const player = embed.locator('iframe');
    await player.waitFor();
    expect(await player.getAttribute('src')).toBe('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ');
    expect(await player.getAttribute('title')).toBe('The budget session');
    await waitUntil(async () => outside.length > 0);
    expect(outside.every((u) => u.startsWith('https://www.youtube-nocookie.com/embed/'))).toBe(true);
    expect(await reader.frameLocator('figure.embed iframe').locator('p').textContent()).toBe('The player');
    expect(readerProblems).toEqual([]);
    await readerContext.close();
  });

  it('shows a stale save from a second tab its conflict and loses none of its text', async () => {
    const draft = await createArticle(
      site.storage.db,
      editor,
      {
        headline: 'Council budget vote delayed',
        seoHeadline: '',
        socialHeadline: '',
        metaDescription: '',
        canonicalUrl: '',
        noindex: false,
        socialDescription: '',
        socialImageId: null,
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
    // Both tabs are this editor's: the message says it was their own other tab, not a colleague.
    expect(await second.locator('.save-status').textContent()).toMatch(
      /you saved a newer version in another tab or window at \d/,
    );
    expect(await second.locator('#autosave-conflict').textContent()).toContain(
      'You saved a newer version of this article in another tab or window.',
    );
    expect(await second.locator('#body-editor-content').textContent()).toContain(
      'A sentence typed in the second tab.',
    );

    // Comparing shows the differences and still holds the second tab's text.
    await second.getByRole('button', { name: 'Compare with the newer version' }).click();
    await second.locator('#conflict').waitFor();
    expect(await second.locator('#conflict').textContent()).toContain(
      'You saved a newer version in another tab or window',
    );
    expect(await second.locator('#conflict').textContent()).not.toContain('Someone else');
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
        metaDescription: '',
        canonicalUrl: '',
        noindex: false,
        socialDescription: '',
        socialImageId: null,
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
  it('says when the body is nested past the limit, and keeps the text in the editor and in this browser', async () => {
    type Node = { type: string; content?: Node[]; text?: string };
    const paragraph = (text: string): Node => ({ type: 'paragraph', content: [{ type: 'text', text }] });
    // 16 lists, each in the item of the one before: one level past the limit (made here, past the editor,
    // as an old import could have).
    let list: Node = { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph('Deepest')] }] };
    for (let level = 15; level >= 1; level -= 1) {
      list = {
        type: 'bulletList',
        content: [{ type: 'listItem', content: [paragraph(`Level ${level}`), list] }],
      };
    }
    const body = { type: 'doc', content: [paragraph('The opening paragraph.'), list] };
    const draft = await createArticle(
      site.storage.db,
      editor,
      {
        headline: 'A list of lists',
        seoHeadline: '',
        socialHeadline: '',
        metaDescription: '',
        canonicalUrl: '',
        noindex: false,
        socialDescription: '',
        socialImageId: null,
        dek: '',
        slug: '',
        sectionId: null,
        tags: [],
        authorIds: [],
        workType: 'news',
        dateline: '',
        heroMediaId: null,
        body: body as unknown as BodyDocument,
      },
      'manual',
      new Date(),
    );
    const { context, page, problems } = await signedIn();
    await page.goto(`${site.url}/admin/articles/${draft.id}`);
    await page.locator('#body-editor-content p', { hasText: 'The opening paragraph.' }).click();
    await page.keyboard.press('End');
    await page.keyboard.insertText(' Typed into a body nested too deeply.');
    await waitForStatus(page, 'the limit is 32 levels');
    const status = await page.locator('.save-status').textContent();
    expect(status).toContain('Not saved yet: The body is nested more than 32 levels deep');
    expect(status).toContain('Your text is kept in this browser.');
    expect(await page.locator('#body-editor-content').textContent()).toContain(
      'Typed into a body nested too deeply.',
    );
    const kept = await page.evaluate((key) => localStorage.getItem(key), `broadsheet:article:${draft.id}`);
    expect(kept).toContain('Typed into a body nested too deeply.');
    expect((await loadArticle(site.storage.db, draft.id)).version).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });
});
