// The demo article as a reader sees it, on a phone and on a desktop, with and without JavaScript.
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchChromium, PHONE, recordProblems } from '../support/browser.js';
import { type RunningSite, startDemoSite } from '../support/server.js';

const HEADLINE = 'Russia Withdrawing From Kharkiv After Heavy Losses';
const LAST_PARAGRAPH = 'The Russian military action in Ukraine began on February 24.';

let site: RunningSite;
let browser: Browser;
let articleUrl: string;

beforeAll(async () => {
  site = await startDemoSite();
  browser = await launchChromium();
  const row = await site.storage.db
    .selectFrom('articles')
    .select('slug')
    .where('headline', '=', HEADLINE)
    .executeTakeFirstOrThrow();
  articleUrl = `${site.url}/articles/${row.slug}`;
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Cumulative layout shift, measured by the browser itself while the page loads. */
async function layoutShift(page: import('playwright-core').Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as Array<
            PerformanceEntry & { value: number; hadRecentInput: boolean }
          >) {
            if (!e.hadRecentInput) total += e.value;
          }
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(total), 500);
      }),
  );
}

/**
 * Whether a sighted reader sees the element. The cut keeps the rest of the story in the page as a clipped
 * 1px box, so screen readers still read it; Playwright's isVisible() counts such a box as visible.
 */
async function shownToSighted(locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  return box !== null && box.width > 1 && box.height > 1;
}

describe('the article page in Chromium', () => {
  it('on a phone: shows the page in the reference order, cut behind "Expand article", which expands in place', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const problems = recordProblems(page);
    await page.goto(articleUrl, { waitUntil: 'load' });
    expect(await page.title()).toContain(HEADLINE);
    await expect(page.locator('h1').textContent()).resolves.toBe(HEADLINE);
    const order = await page.evaluate(() => {
      const at = (sel: string) => {
        const el = document.querySelector(sel);
        return el ? Array.from(document.querySelectorAll('*')).indexOf(el) : -1;
      };
      return { h1: at('h1'), byline: at('.byline'), hero: at('figure.hero'), body: at('.article-body') };
    });
    expect(order.h1).toBeGreaterThan(-1);
    expect(order.h1).toBeLessThan(order.byline);
    expect(order.byline).toBeLessThan(order.hero);
    expect(order.hero).toBeLessThan(order.body);
    await expect(page.locator('figure.hero figcaption').textContent()).resolves.toMatch(
      /^Ukrainian soldiers next to a military tracked vehicle in Kharkiv, Ukraine\. \| Image by Tyler Hicks, The New York Times$/,
    );

    // Cut: the last paragraph is in the page (for search engines and screen readers) but not visible.
    const last = page.getByText(LAST_PARAGRAPH);
    await expect(last.count()).resolves.toBe(1);
    await expect(shownToSighted(last)).resolves.toBe(false);
    const button = page.getByRole('button', { name: 'Expand article' });
    await expect(button.isVisible()).resolves.toBe(true);
    // Expanding in place: the reader stays where they are once the button is on screen.
    await button.scrollIntoViewIfNeeded();
    const scrollBefore = await page.evaluate(() => window.scrollY);
    await button.click();
    await expect(shownToSighted(last)).resolves.toBe(true);
    await expect(button.isVisible()).resolves.toBe(false);
    expect(await page.evaluate(() => window.scrollY)).toBe(scrollBefore);
    expect(await layoutShift(page)).toBeLessThan(0.01);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('on a phone without JavaScript: the same button works through the form control alone', async () => {
    const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(articleUrl);
    const last = page.getByText(LAST_PARAGRAPH);
    await expect(shownToSighted(last)).resolves.toBe(false);
    await page.getByText('Expand article').click();
    await expect(shownToSighted(last)).resolves.toBe(true);
    await context.close();
  });

  it('on a phone with the keyboard only: Tab reaches "Expand article" and Space expands', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const page = await context.newPage();
    await page.goto(articleUrl);
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.textContent === 'Expand article');
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Space');
    await expect(shownToSighted(page.getByText(LAST_PARAGRAPH))).resolves.toBe(true);
    await context.close();
  });

  it('on a desktop: the whole article shows, no button, no layout shift, no console error', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    const problems = recordProblems(page);
    await page.goto(articleUrl, { waitUntil: 'load' });
    await expect(shownToSighted(page.getByText(LAST_PARAGRAPH))).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Expand article' }).isVisible()).resolves.toBe(false);
    const hero = page.locator('figure.hero img');
    await expect(hero.getAttribute('fetchpriority')).resolves.toBe('high');
    await expect(hero.getAttribute('loading')).resolves.toBe('eager');
    // The browser picked a modern format from the <picture> sources.
    expect(await hero.evaluate((img: HTMLImageElement) => img.currentSrc)).toMatch(/\.(avif|webp)$/);
    expect(await hero.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    expect(await layoutShift(page)).toBeLessThan(0.01);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('home, section, tag and author pages render without console errors, and an unknown page is a styled 404', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    const problems = recordProblems(page);
    await page.goto(site.url);
    const lead = page.locator('.lead-story h2 a');
    await expect(lead.count()).resolves.toBe(1);
    await page.locator('.site-nav a').first().click();
    await expect(page.locator('h1.page-title').count()).resolves.toBe(1);
    await page.goto(articleUrl);
    await page.locator('.byline a[rel=author]').first().click();
    expect(page.url()).toContain('/authors/');
    await page.goto(articleUrl);
    await page.locator('.tag-list a').first().click();
    expect(page.url()).toContain('/tags/');
    const missing = await page.goto(`${site.url}/articles/no-such-story`);
    expect(missing?.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
    expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
    await context.close();
  });

  it('prints cleanly: navigation hidden, the whole text shown', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(articleUrl);
    await page.emulateMedia({ media: 'print' });
    await expect(shownToSighted(page.getByText(LAST_PARAGRAPH))).resolves.toBe(true);
    await expect(page.locator('.site-nav').isVisible()).resolves.toBe(false);
    await context.close();
  });

  it('follows the reader into dark mode', async () => {
    const context = await browser.newContext({ ...DESKTOP, colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto(articleUrl);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(18, 18, 18)');
    await context.close();
  });
});
