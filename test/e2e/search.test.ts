// Searching the demo newsroom in Chromium from the masthead's form, with and without JavaScript: the form
// is a labelled search landmark, the results page shows the count and the highlighted passage, and a link
// leads to the story.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchChromium, recordProblems } from '../support/browser.js';
import { type RunningSite, startDemoSite } from '../support/server.js';

const HEADLINE = 'Russia Withdrawing From Kharkiv After Heavy Losses';

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

describe('search from the masthead in Chromium', () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`finds a story by a word of its body and opens it (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const context = await browser.newContext({ ...DESKTOP, javaScriptEnabled });
      const page = await context.newPage();
      const problems = recordProblems(page);
      await page.goto(site.url);
      const box = page
        .getByRole('search', { name: 'Site' })
        .getByRole('searchbox', { name: 'Search stories' });
      await box.fill('withdrawing troops');
      await box.press('Enter');
      await page.waitForURL(/\/search\?q=withdrawing\+troops$/);
      expect(await page.title()).toMatch(/^Search: withdrawing troops – /);
      await expect
        .poll(() => page.locator('.search-count').textContent())
        .toMatch(/^1 story found for “withdrawing troops”$/);
      const result = page.locator('.search-result').first();
      expect(await result.locator('mark').allTextContents()).toEqual(
        expect.arrayContaining(['withdrawing', 'troops']),
      );
      // The page's own form keeps the words, for a second try.
      expect(await page.getByRole('searchbox', { name: 'Search for' }).inputValue()).toBe(
        'withdrawing troops',
      );
      await result.getByRole('link', { name: HEADLINE }).click();
      await page.waitForURL(/\/articles\//);
      expect(await page.locator('h1').textContent()).toBe(HEADLINE);
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it('says plainly that nothing was found', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await page.goto(`${site.url}/search?q=${encodeURIComponent('zeppelin "')}`);
    expect(await page.locator('.search-count').textContent()).toBe('No stories found for “zeppelin "”.');
    expect(await page.locator('.search-result').count()).toBe(0);
    await context.close();
  });
});
