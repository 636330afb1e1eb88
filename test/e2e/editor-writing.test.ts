// Writing a new article in Chromium: the word count and reading time follow the body, the publish checklist
// follows the form, the first autosave brings the Publish and Schedule steps without a reload, and a saved
// article leaves no "unsaved changes" behind, neither on its own page nor on the next new article.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchChromium, recordProblems } from '../support/browser.js';
import { addStaff } from '../support/newsroom.js';
import { type RunningSite, startDemoSite } from '../support/server.js';

const EDITOR = {
  name: 'Wren Writer',
  email: 'wren.writer@example.org',
  password: 'a writer passphrase here',
};

let browser: Browser;
let site: RunningSite;

beforeAll(async () => {
  browser = await launchChromium();
  site = await startDemoSite();
  await addStaff(site.storage.db, 'editor', EDITOR);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function signedIn(): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext(DESKTOP);
  const page = await context.newPage();
  const problems = recordProblems(page);
  await page.goto(`${site.url}/admin/sign-in`);
  await page.getByLabel('Email').fill(EDITOR.email);
  await page.getByLabel('Password').fill(EDITOR.password);
  await Promise.all([page.waitForURL(/\/admin$/), page.getByRole('button', { name: 'Sign in' }).click()]);
  return { context, page, problems };
}

const checklist = (page: Page) => page.locator('#publish-checklist li').allTextContents();

describe('writing a new article in Chromium', () => {
  it('counts words and reading time as the body is written, and shows the publish steps after the first autosave', async () => {
    const { context, page, problems } = await signedIn();
    await page.goto(`${site.url}/admin/articles/new`);
    const count = page.locator('#body-word-count');
    expect(await count.textContent()).toBe('0 words · 0 min read');
    // A new article has no steps yet: it does not exist on the server.
    expect(await page.getByRole('button', { name: 'Publish now' }).count()).toBe(0);

    await page.getByLabel('Headline', { exact: true }).fill('River levels fall after a week of rain');
    await page.getByRole('textbox', { name: 'Body' }).click();
    await page.keyboard.insertText('The river fell by a metre overnight.');
    expect(await count.textContent()).toBe('7 words · 1 min read');
    // 500 more words: about two minutes at 238 words a minute.
    await page.keyboard.insertText(` ${'word '.repeat(500).trim()}`);
    expect(await count.textContent()).toBe('507 words · 2 min read');

    // The first autosave makes it a draft; its status, checklist and steps arrive in place, no reload.
    const publish = page.getByRole('button', { name: 'Publish now' });
    await publish.waitFor({ timeout: 20_000 });
    expect(page.url()).toMatch(/\/admin\/articles\/\d+$/);
    expect(await page.getByRole('button', { name: 'Schedule' }).isVisible()).toBe(true);
    expect(await checklist(page)).toEqual(['Choose a section.', 'Add at least one author.']);

    // The checklist follows the form as it changes, before any save.
    await page.getByLabel('Section').selectOption({ index: 1 });
    expect(await checklist(page)).toEqual(['Add at least one author.']);
    await page.locator('select[name="authorIds"]').first().selectOption({ index: 1 });
    expect(await checklist(page)).toEqual([]);
    expect(await page.locator('#publish-checklist').isHidden()).toBe(true);
    await page.getByLabel('Headline', { exact: true }).fill('');
    await page.getByLabel('Slug').fill('');
    expect(await checklist(page)).toEqual(['Add a headline.', 'Add a slug.']);
    expect(await page.locator('#publish-checklist').isVisible()).toBe(true);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('leaves no unsaved-changes banner after a successful save, nor on the next new article', async () => {
    const { context, page, problems } = await signedIn();
    await page.goto(`${site.url}/admin/articles/new`);
    await page.getByLabel('Headline', { exact: true }).fill('Ferry timetable changes on Monday');
    await page.getByRole('textbox', { name: 'Body' }).click();
    await page.keyboard.insertText('Two morning crossings move earlier.');
    // Saved at once, before any autosave: the copy kept in this browser is under the new-article key.
    await Promise.all([
      page.waitForURL(/\/admin\/articles\/\d+$/),
      page.getByRole('button', { name: 'Save', exact: true }).click(),
    ]);
    expect(await page.locator('.flash-ok').first().textContent()).toContain('Draft created.');
    expect(await page.getByText('unsaved changes').count()).toBe(0);

    await page.goto(`${site.url}/admin/articles/new`);
    await page.locator('#body-word-count').waitFor();
    expect(await page.getByText('unsaved changes').count()).toBe(0);
    expect(await page.getByLabel('Headline', { exact: true }).inputValue()).toBe('');

    // An autosaved article, reloaded: nothing is offered back either.
    await page.getByLabel('Headline', { exact: true }).fill('Market moves to the square');
    await page.getByRole('textbox', { name: 'Body' }).click();
    await page.keyboard.insertText('Stalls open at eight.');
    await page.waitForFunction(
      () => document.querySelector('.save-status')?.textContent?.includes('Saved automatically'),
      undefined,
      {
        timeout: 20_000,
      },
    );
    await page.waitForTimeout(600);
    await page.reload();
    await page.locator('#body-word-count').waitFor();
    expect(await page.getByText('unsaved changes').count()).toBe(0);
    expect(await page.getByLabel('Headline', { exact: true }).inputValue()).toBe(
      'Market moves to the square',
    );

    expect(problems).toEqual([]);
    await context.close();
  });

  it('uploads a hero from the hero field: alt text asked for, then in the library and chosen at once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-hero-'));
    const photo = join(dir, 'harbour.png');
    await writeFile(
      photo,
      await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#3a6b8c' } })
        .png()
        .toBuffer(),
    );
    const { context, page, problems } = await signedIn();
    await page.goto(`${site.url}/admin/articles/new`);
    await page.getByLabel('Headline', { exact: true }).fill('Harbour wall repaired');
    await page.getByLabel('Hero image file').setInputFiles(photo);
    await page.getByRole('button', { name: 'Upload and use as hero' }).click();
    // No alt text: nothing is sent, and the field says why.
    await page.getByText('Add alt text: describe the image').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('hero-upload-alt');

    await page
      .getByLabel('Hero alt text (required)')
      .fill('Workers on the repaired harbour wall at low tide');
    await page.getByLabel('Hero caption').fill('The harbour wall after its repair.');
    await page.getByLabel('Hero credit').fill('Dana Photographer');
    await page.getByRole('button', { name: 'Upload and use as hero' }).click();
    await page.getByText('Uploaded to the library and chosen as the hero.').waitFor({ timeout: 20_000 });

    const stored = await site.storage.db
      .selectFrom('media')
      .select(['id', 'alt_text', 'caption', 'credit_person'])
      .where('alt_text', '=', 'Workers on the repaired harbour wall at low tide')
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      caption: 'The harbour wall after its repair.',
      credit_person: 'Dana Photographer',
    });
    // In the hero list and chosen, with its picture, without opening the chooser or reloading.
    const hero = page.locator('select[name="heroMediaId"]');
    expect(await hero.inputValue()).toBe(String(stored.id));
    expect(await page.locator('[data-image-preview="heroMediaId"] img').getAttribute('alt')).toBe(
      'Workers on the repaired harbour wall at low tide',
    );

    expect(problems).toEqual([]);
    await context.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('uploads an image pasted or dropped into the body, asking its alt text, caption and credit first', async () => {
    const picture = (background: string) =>
      sharp({ create: { width: 1200, height: 800, channels: 3, background } })
        .png()
        .toBuffer();
    const [bakery, ovens] = [await picture('#8c5a3a'), await picture('#3a8c5a')];
    const { context, page, problems } = await signedIn();
    await page.goto(`${site.url}/admin/articles/new`);
    await page.getByLabel('Headline', { exact: true }).fill('Bakery reopens on the high street');
    await page.getByRole('textbox', { name: 'Body' }).click();
    await page.keyboard.insertText('The bakery opened its doors again.');

    const sendFile = (kind: 'paste' | 'drop', name: string, png: Buffer) =>
      page.evaluate(
        ({ kind, name, bytes }) => {
          const data = new DataTransfer();
          data.items.add(new File([new Uint8Array(bytes)], name, { type: 'image/png' }));
          const target = document.querySelector('#body-editor-content p')!;
          const box = target.getBoundingClientRect();
          const event =
            kind === 'paste'
              ? new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
              : new DragEvent('drop', {
                  dataTransfer: data,
                  bubbles: true,
                  cancelable: true,
                  clientX: box.right - 2,
                  clientY: box.top + 4,
                });
          target.dispatchEvent(event);
        },
        { kind, name, bytes: [...png] },
      );

    // Pasted: the form asks; without alt text it refuses, and a cancel inserts nothing.
    await sendFile('paste', 'bakery.png', bakery);
    const dialog = page.getByRole('dialog', { name: /Describe bakery\.png/ });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Upload and insert' }).click();
    expect(await dialog.getByRole('alert').textContent()).toBe('Alt text is required.');
    await dialog.getByLabel('Alt text').fill('Loaves cooling on racks in the bakery window');
    await dialog.getByLabel('Caption').fill('The first bake since the fire.');
    await dialog.getByLabel('Credit').fill('Ola Baker');
    await dialog.getByLabel('Usage rights').selectOption('own');
    await dialog.getByRole('button', { name: 'Upload and insert' }).click();
    await page.locator('#body-editor-content img').first().waitFor({ timeout: 20_000 });
    const pasted = await site.storage.db
      .selectFrom('media')
      .select(['id', 'caption', 'credit_person', 'rights'])
      .where('alt_text', '=', 'Loaves cooling on racks in the bakery window')
      .executeTakeFirstOrThrow();
    expect(pasted).toMatchObject({
      caption: 'The first bake since the fire.',
      credit_person: 'Ola Baker',
      rights: 'own',
    });

    // Dropped: the same form, and a second image in the body.
    await sendFile('drop', 'ovens.png', ovens);
    const second = page.getByRole('dialog', { name: /Describe ovens\.png/ });
    await second.getByLabel('Alt text').fill('Two stone ovens glowing');
    await second.getByRole('button', { name: 'Upload and insert' }).click();
    await page.waitForFunction(
      () => document.querySelectorAll('#body-editor-content img').length === 2,
      undefined,
      {
        timeout: 20_000,
      },
    );
    const dropped = await site.storage.db
      .selectFrom('media')
      .select('id')
      .where('alt_text', '=', 'Two stone ovens glowing')
      .executeTakeFirstOrThrow();
    // Both are library images in the body, where they were pasted and dropped.
    const ids = (
      await page
        .locator('#body-editor-content figure')
        .evaluateAll((figures) => figures.map((f) => Number(f.getAttribute('data-media-id'))))
    ).sort();
    expect(ids).toEqual([pasted.id, dropped.id].sort());

    expect(problems).toEqual([]);
    await context.close();
  });
});
