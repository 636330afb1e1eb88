// Review in Chromium: an editor returns a contributor's submitted article with notes; the contributor signs
// in, finds it under "Returned to you", reads the notes at the top of the editor, and edits it again.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../../src/editorial/drafts.js';
import { loadArticle } from '../../src/editorial/editable.js';
import { submitForReview } from '../../src/editorial/workflow.js';
import { DESKTOP, launchChromium, recordProblems } from '../support/browser.js';
import { bodyOf } from '../support/content.js';
import { addStaff } from '../support/newsroom.js';
import { type RunningSite, startDemoSite } from '../support/server.js';

const EDITOR = { name: 'Eli Editor', email: 'eli.review@example.org', password: 'the editor passphrase' };
const WRITER = { name: 'Cora Writer', email: 'cora.review@example.org', password: 'the writer passphrase' };
const NOTES = 'Name the second source.\nThe figure in the third paragraph needs a citation.';

let browser: Browser;
let site: RunningSite;
let articleId: number;

beforeAll(async () => {
  browser = await launchChromium();
  site = await startDemoSite();
  await addStaff(site.storage.db, 'editor', EDITOR);
  const writer = await addStaff(site.storage.db, 'contributor', WRITER);
  const db = site.storage.db;
  const { id } = await createArticle(
    db,
    writer,
    {
      headline: 'Bridge repairs run a month late',
      seoHeadline: '',
      socialHeadline: '',
      metaDescription: '',
      socialDescription: '',
      socialImageId: null,
      canonicalUrl: '',
      noindex: false,
      dek: '',
      slug: '',
      sectionId: null,
      tags: [],
      authorIds: [],
      workType: 'news',
      dateline: '',
      heroMediaId: null,
      body: bodyOf('The council said the repairs would finish in May.'),
    },
    'manual',
    new Date(),
  );
  await submitForReview({ db, events: site.deps.events }, writer, id, new Date());
  articleId = id;
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function signIn(person: {
  email: string;
  password: string;
}): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext(DESKTOP);
  const page = await context.newPage();
  const problems = recordProblems(page);
  await page.goto(`${site.url}/admin/sign-in`);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await Promise.all([page.waitForURL(/\/admin$/), page.getByRole('button', { name: 'Sign in' }).click()]);
  return { page, problems };
}

describe('returning an article to its writer in Chromium', () => {
  it('the editor returns it with notes; the writer sees them and can edit again', async () => {
    const editor = await signIn(EDITOR);
    await editor.page.goto(`${site.url}/admin/articles/${articleId}`);
    await editor.page.getByLabel('Notes for the writer').fill(NOTES);
    await Promise.all([
      editor.page.waitForURL(new RegExp(`/admin/articles/${articleId}$`)),
      editor.page.getByRole('button', { name: 'Return to writer' }).click(),
    ]);
    await editor.page.locator('.flash-ok').waitFor();
    expect(await editor.page.locator('.flash-ok').textContent()).toContain('Returned to Cora Writer');
    expect(editor.problems).toEqual([]);

    const writer = await signIn(WRITER);
    const returned = writer.page.locator('.returned-to-you');
    expect(await returned.textContent()).toContain('1 new');
    await Promise.all([
      writer.page.waitForURL(new RegExp(`/admin/articles/${articleId}$`)),
      returned.getByRole('link', { name: 'Bridge repairs run a month late' }).click(),
    ]);
    const notice = writer.page.locator('#return-notice');
    expect(await notice.textContent()).toContain('Eli Editor returned this article on');
    // As rendered: the notes' line breaks are kept by the stylesheet, which only innerText shows.
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is checked.
    expect(await notice.locator('.return-note').innerText()).toBe(NOTES);

    const headline = writer.page.getByLabel('Headline', { exact: true });
    expect(await headline.isEditable()).toBe(true);
    await headline.fill('Bridge repairs run a month late, council says');
    await Promise.all([
      writer.page.waitForURL(new RegExp(`/admin/articles/${articleId}$`)),
      writer.page.getByRole('button', { name: 'Save', exact: true }).click(),
    ]);
    await writer.page.locator('.flash-ok').waitFor();
    const saved = await loadArticle(site.storage.db, articleId);
    expect([saved.status, saved.fields.headline]).toEqual([
      'draft',
      'Bridge repairs run a month late, council says',
    ]);
    // Still returned with notes until it is submitted again.
    expect(await writer.page.locator('#return-notice').isVisible()).toBe(true);
    expect(writer.problems).toEqual([]);
  });
});
