// Comments in Chromium: posting without JavaScript (redirect to the comment, or to the held notice) and
// with it (in place, no reload), a validation error that keeps every word, text kept in the browser until
// the server takes it, a reply, and an editor moderating that reply from the queue with the keyboard.
// No console errors and no Content-Security-Policy violations on any page.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DESKTOP, launchChromium } from '../support/browser.js';
import { changeSettings, watchPage } from '../support/comments.js';
import { addArticle } from '../support/content.js';
import { addStaff } from '../support/newsroom.js';
import { type RunningSite, startDemoSite } from '../support/server.js';

const EDITOR = {
  name: 'Mo Moderator',
  email: 'mo.moderator@example.org',
  password: 'the moderator passphrase',
};

let site: RunningSite;
let browser: Browser;
let slug: string;
let articleUrl: string;

// The site's clock runs with the real one, moved on by the tests instead of waiting for time to pass.
let clockOffsetMs = 0;
const clock = () => new Date(Date.now() + clockOffsetMs);

beforeAll(async () => {
  site = await startDemoSite({ clock });
  browser = await launchChromium();
  await addStaff(site.storage.db, 'editor', EDITOR);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});
beforeEach(async () => {
  slug = `comments-${randomUUID().slice(0, 8)}`;
  await addArticle(site.storage.db, {
    slug,
    headline: `Council votes on the river bridge ${slug}`,
    publishedAt: new Date(Date.now() - 3600_000).toISOString(),
  });
  articleUrl = `${site.url}/articles/${slug}`;
  // The browser fills the form at once; the minimum time to post is a rule of its own (post-comment.test.ts).
  await changeSettings(site, { mode: 'approve_all', minSecondsBeforePosting: 0 });
  // Every request comes from 127.0.0.1: each test starts with the rate limits of a fresh minute.
  await site.storage.db.deleteFrom('rate_limit_counters').execute();
});

async function fillForm(page: Page, fields: { comment: string; name?: string; email?: string }) {
  // By their accessible names, as a screen reader announces them (the star is hidden from it).
  const field = (name: string) => page.getByRole('textbox', { name, exact: true });
  await field('Comment').fill(fields.comment);
  await field('Name').fill(fields.name ?? 'Rita Reader');
  await field('Email').fill(fields.email ?? 'rita.reader@example.org');
}

const commentBox = (page: Page) => page.locator('#comment-comment');

describe('without JavaScript', () => {
  it('posts, and lands on the published comment', async () => {
    const context = await browser.newContext({ ...DESKTOP, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(articleUrl);
    await expect(page.locator('#respond-title').textContent()).resolves.toBe('Submit a Comment');
    await expect(page.locator('.comment-notes').textContent()).resolves.toBe(
      'Your email address will not be published. Required fields are marked *',
    );
    await fillForm(page, { comment: 'Posted by a plain form.\n\nWith a second paragraph.' });
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await page.waitForURL(/#comment-\d+$/);
    const id = /#comment-(\d+)$/.exec(page.url())![1];
    expect(new URL(page.url()).pathname).toBe(`/articles/${slug}`);
    const comment = page.locator(`#comment-${id}`);
    await expect(comment.locator('.comment-text p').allInnerTexts()).resolves.toEqual([
      'Posted by a plain form.',
      'With a second paragraph.',
    ]);
    await expect(page.locator('.comment-count a').textContent()).resolves.toBe('1 comment');
    await context.close();
  });

  it('posts a comment that waits, and shows it to its author alone, marked as awaiting moderation', async () => {
    await changeSettings(site, { mode: 'hold_all', minSecondsBeforePosting: 0 });
    const context = await browser.newContext({ ...DESKTOP, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(articleUrl);
    await fillForm(page, { comment: 'Waiting for a moderator, no script.' });
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await page.waitForURL(/\/comments\/held\//);
    await expect(page.locator('.comment-held-note').textContent()).resolves.toContain(
      'Your comment is awaiting moderation.',
    );
    await expect(page.getByText('Waiting for a moderator, no script.').isVisible()).resolves.toBe(true);
    await page.goto(articleUrl);
    await expect(page.getByText('Waiting for a moderator, no script.').count()).resolves.toBe(0);
    await context.close();
  });

  it('shows a problem next to its field and keeps everything typed', async () => {
    const context = await browser.newContext({ ...DESKTOP, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(articleUrl);
    await fillForm(page, { comment: 'A long thought I do not want to type again.', email: 'rita@' });
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await page.waitForLoadState();
    await expect(page.locator('#comment-email-error').textContent()).resolves.toBe(
      'Enter an email address such as name@example.org.',
    );
    await expect(page.locator('#comment-email').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(commentBox(page).inputValue()).resolves.toBe('A long thought I do not want to type again.');
    await expect(page.locator('#comment-name').inputValue()).resolves.toBe('Rita Reader');
    await page.locator('#comment-email').fill('rita@example.org');
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await page.waitForURL(/#comment-\d+$/);
    await expect(page.getByText('A long thought I do not want to type again.').isVisible()).resolves.toBe(
      true,
    );
    await context.close();
  });

  it('replies through the Reply link’s own page', async () => {
    const context = await browser.newContext({ ...DESKTOP, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(articleUrl);
    await fillForm(page, { comment: 'The first word.' });
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await page.waitForURL(/#comment-\d+$/);
    const parent = /#comment-(\d+)$/.exec(page.url())![1];
    await page.getByRole('link', { name: 'Reply to Rita Reader' }).click();
    await expect(page.locator('#respond-title').textContent()).resolves.toBe('Reply to Rita Reader');
    await fillForm(page, {
      comment: 'The answer, without a script.',
      name: 'Sam Second',
      email: 'sam@example.org',
    });
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await page.waitForURL(/#comment-\d+$/);
    await expect(
      page
        .locator(`#comment-${parent} > ol.comment-replies > li`)
        .getByText('The answer, without a script.')
        .count(),
    ).resolves.toBe(1);
    await context.close();
  });
});

describe('with JavaScript', () => {
  it('posts in place without a reload, and the draft is gone once the server has it', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    const problems = await watchPage(page);
    await page.goto(articleUrl);
    await page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    await fillForm(page, { comment: 'Posted in place.' });
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await page.locator('.comment-list').getByText('Posted in place.').waitFor();
    await expect(
      page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument),
    ).resolves.toBe(true);
    await expect(page.locator('#respond .form-message').textContent()).resolves.toBe(
      'Your comment is published.',
    );
    // A success is not said in the red of errors, nor as an alert.
    await expect(page.locator('#respond .form-message').getAttribute('class')).resolves.toBe(
      'form-message form-message-ok',
    );
    await expect(page.locator('#respond .form-message').getAttribute('role')).resolves.toBe('status');
    await expect(commentBox(page).inputValue()).resolves.toBe('');
    await expect(page.locator('#comments-title').textContent()).resolves.toBe('1 comment');
    await expect(page.locator('.comment-count a').textContent()).resolves.toBe('1 comment');
    await expect(
      page.evaluate((s) => localStorage.getItem(`broadsheet:comment-draft:${s}`), slug),
    ).resolves.toBeNull();
    // Everyone sees it: it is on the page for the next reader too.
    const other = await browser.newPage();
    await other.goto(articleUrl);
    await expect(other.getByText('Posted in place.').count()).resolves.toBe(1);
    await other.close();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows a held comment in place and again after a reload, to its author only', async () => {
    await changeSettings(site, { mode: 'hold_all', minSecondsBeforePosting: 0 });
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    const problems = await watchPage(page);
    await page.goto(articleUrl);
    await fillForm(page, { comment: 'Held, seen only by me.' });
    await page.getByRole('button', { name: 'Post Comment' }).click();
    const held = page.locator('.comment-held');
    await held.getByText('Held, seen only by me.').waitFor();
    await expect(held.locator('.comment-held-note').textContent()).resolves.toContain('awaiting moderation');
    await page.reload();
    await page.locator('.comment-held').getByText('Held, seen only by me.').waitFor();

    const stranger = await browser.newContext(DESKTOP);
    const theirs = await stranger.newPage();
    await theirs.goto(articleUrl);
    await theirs.waitForLoadState('networkidle');
    await expect(theirs.getByText('Held, seen only by me.').count()).resolves.toBe(0);
    await stranger.close();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows a problem next to its field without a reload, keeping the text', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    const problems = await watchPage(page);
    await page.goto(articleUrl);
    await fillForm(page, { comment: 'Please keep this.', name: '', email: 'nope' });
    await page.getByRole('button', { name: 'Post Comment' }).click();
    const error = page.locator('#comment-email-error');
    await error.waitFor({ state: 'visible' });
    await expect(error.textContent()).resolves.toBe('Enter an email address such as name@example.org.');
    await expect(page.locator('#comment-name-error').textContent()).resolves.toBe('Please enter your name.');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('comment-name');
    await expect(commentBox(page).inputValue()).resolves.toBe('Please keep this.');
    expect(new URL(page.url()).pathname).toBe(`/articles/${slug}`);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('keeps the text in the browser when the site cannot be reached, and after a reload', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await page.goto(articleUrl);
    await fillForm(page, { comment: 'Written on a train.' });
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await page
      .locator('#respond .form-message')
      .filter({ hasText: /We could not reach the site\. Your comment is kept in this browser/ })
      .waitFor();
    await expect(commentBox(page).inputValue()).resolves.toBe('Written on a train.');
    await context.setOffline(false);
    await page.reload();
    await expect(commentBox(page).inputValue()).resolves.toBe('Written on a train.');
    await expect(page.locator('#comment-email').inputValue()).resolves.toBe('rita.reader@example.org');
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await page.locator('.comment-list').getByText('Written on a train.').waitFor();
    await context.close();
  });

  it('keeps the text when the rate limit refuses it, and says when to try again', async () => {
    // Limits count in fixed windows of a minute: move the site's clock to the start of the next one, so all
    // seven posts fall in it (and none counts posts of the tests before).
    clockOffsetMs += 61_000 - (clock().getTime() % 60_000);
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await page.goto(articleUrl);
    for (let i = 0; i < 6; i++) {
      await fillForm(page, { comment: `Quick remark ${i}.`, email: `quick${i}@example.org` });
      await page.getByRole('button', { name: 'Post Comment' }).click();
      await page.locator('.comment-list').getByText(`Quick remark ${i}.`).waitFor();
    }
    await fillForm(page, { comment: 'One too many, but kept.', email: 'quick9@example.org' });
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await page
      .locator('#respond .form-message')
      .filter({ hasText: /Your comment is kept; please send it again in \d+ seconds/ })
      .waitFor();
    await expect(commentBox(page).inputValue()).resolves.toBe('One too many, but kept.');
    await context.close();
  });
});

describe('the minimum time to write', () => {
  it('counts from when the form came into view: with the script the comment is published, without it held', async () => {
    await changeSettings(site, { mode: 'approve_all', minSecondsBeforePosting: 2 });
    const withScript = await browser.newContext(DESKTOP);
    const page = await withScript.newPage();
    const problems = await watchPage(page);
    // The island fetches its token when the form comes into view (filling it scrolls it there).
    const fetched = page.waitForResponse((r) => r.url().endsWith(`/articles/${slug}/comments/form-token`));
    await page.goto(articleUrl);
    await fillForm(page, { comment: 'Written over a few seconds.', email: 'patient@example.org' });
    expect((await fetched).status()).toBe(200);
    clockOffsetMs += 2500;
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await page.locator('#respond .form-message').filter({ hasText: 'Your comment is published.' }).waitFor();
    expect(problems).toEqual([]);
    await withScript.close();

    // Without the script only the page's token is sent, which cannot show how long the reader took.
    const noScript = await browser.newContext({ ...DESKTOP, javaScriptEnabled: false });
    const plain = await noScript.newPage();
    await plain.goto(articleUrl);
    await fillForm(plain, { comment: 'Written without a script.', email: 'plain@example.org' });
    clockOffsetMs += 2500;
    await plain.getByRole('button', { name: 'Post Comment' }).click();
    await plain.waitForURL(/\/comments\/held\//);
    await expect(plain.locator('.comment-held-note').textContent()).resolves.toContain(
      'Your comment is awaiting moderation.',
    );
    await noScript.close();
  });
});

describe('a reply, moderated from the admin', () => {
  it('opens the form under the comment, holds the reply, and an editor approves it from the queue', async () => {
    const reader = await browser.newContext(DESKTOP);
    const page = await reader.newPage();
    const problems = await watchPage(page);
    await page.goto(articleUrl);
    await fillForm(page, { comment: 'Will the bridge close for the works?', name: 'Quinn Question' });
    await page.getByRole('button', { name: 'Post Comment' }).click();
    const question = page.locator('.comment-list > li.comment').first();
    await question.getByText('Will the bridge close').waitFor();
    const parentId = (await question.getAttribute('id'))!.replace('comment-', '');

    await changeSettings(site, { mode: 'hold_all', minSecondsBeforePosting: 0 });
    await page.getByRole('link', { name: 'Reply to Quinn Question' }).click();
    await expect(page.locator('#respond-title').textContent()).resolves.toBe('Reply to Quinn Question');
    // The form moved under the comment it answers.
    await expect(page.locator(`#comment-${parentId} #respond`).count()).resolves.toBe(1);
    await page.locator('#comment-comment').fill('Only at night, from March.');
    await page.locator('#comment-name').fill('Ann Answer');
    await page.locator('#comment-email').fill('ann.answer@example.org');
    await page.getByRole('button', { name: 'Post Comment' }).click();
    const reply = page.locator(`#comment-${parentId} ol.comment-replies .comment-held`);
    await reply.getByText('Only at night, from March.').waitFor();
    await expect(page.locator('#respond-title').textContent()).resolves.toBe('Submit a Comment');

    const staff = await browser.newContext(DESKTOP);
    const admin = await staff.newPage();
    const adminProblems = await watchPage(admin);
    await admin.goto(`${site.url}/admin/sign-in`);
    await admin.getByLabel('Email').fill(EDITOR.email);
    await admin.getByLabel('Password').fill(EDITOR.password);
    await Promise.all([admin.waitForURL(/\/admin$/), admin.getByRole('button', { name: 'Sign in' }).click()]);
    await admin.getByRole('link', { name: 'Comments', exact: true }).click();
    await admin.waitForURL(/\/admin\/comments$/);
    const items = admin.locator('.mod-item');
    const texts = await items.allInnerTexts();
    const index = texts.findIndex((t) => t.includes('Only at night, from March.'));
    expect(index).toBeGreaterThanOrEqual(0);
    const item = items.nth(index);
    await expect(item.textContent()).resolves.toMatch(/in reply to Quinn Question: “Will the bridge close/);
    await expect(item.textContent()).resolves.toContain(`Council votes on the river bridge ${slug}`);
    await expect(item.textContent()).resolves.toContain('History: 0 approved, 0 spam');

    // j moves to the next comment, a approves the one in focus.
    for (let i = 0; i <= index; i++) await admin.keyboard.press('j');
    await expect(item.getAttribute('class')).resolves.toContain('mod-focus');
    await Promise.all([admin.waitForURL(/\/admin\/comments\?status=pending/), admin.keyboard.press('a')]);
    await expect(admin.locator('.flash').textContent()).resolves.toBe('1 comment approved.');
    await expect(admin.getByText('Only at night, from March.').count()).resolves.toBe(0);
    expect(adminProblems).toEqual([]);

    // The reader sees it published, for everyone, under the question.
    await page.reload();
    const published = page.locator(`#comment-${parentId} > ol.comment-replies > li.comment`);
    await published.getByText('Only at night, from March.').waitFor();
    await expect(page.locator('.comment-held').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await staff.close();
    await reader.close();
  });
});
