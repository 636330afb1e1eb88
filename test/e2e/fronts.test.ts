// Curated fronts and the banner in Chromium: an editor chooses the lead and a featured story, reorders them
// with the keyboard (the move buttons), publishes, and the home page leads with the moved story; a banner
// set in the newsroom shows on an article page and stays dismissed for the rest of the visit.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchChromium, recordProblems } from '../support/browser.js';
import { addStaff, PASSWORD } from '../support/newsroom.js';
import { type RunningSite, startDemoSite } from '../support/server.js';

let site: RunningSite;
let browser: Browser;
const EMAIL = 'eda.editor@example.org';
let stories: Array<{ id: number; slug: string; headline: string }>;

beforeAll(async () => {
  site = await startDemoSite();
  browser = await launchChromium();
  await addStaff(site.storage.db, 'editor', { email: EMAIL, name: 'Eda Editor' });
  stories = await site.storage.db
    .selectFrom('articles')
    .select(['id', 'slug', 'headline'])
    .where('status', '=', 'published')
    .orderBy('published_at', 'asc')
    .limit(3)
    .execute();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function signIn(page: Page) {
  await page.goto(`${site.url}/admin/sign-in`);
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([page.waitForURL(/\/admin$/), page.getByRole('button', { name: 'Sign in' }).click()]);
}

const leadHeadline = (page: Page) => page.locator('#lead-story').textContent();

describe('curated fronts in Chromium', () => {
  it('reorders the home front with the keyboard and shows it after publishing', async () => {
    const [oldest, second] = stories as [(typeof stories)[0], (typeof stories)[0]];
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    const problems = recordProblems(page);
    await page.goto(site.url);
    expect(await leadHeadline(page)).not.toBe(second.headline);

    await signIn(page);
    await page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Fronts' }).click();
    await page.getByRole('link', { name: 'Home page' }).click();
    await page.getByLabel('Lead', { exact: true }).selectOption(String(oldest.id));
    await page.getByLabel('Featured 1', { exact: true }).selectOption(String(second.id));
    // Each form posts back to the address the page is already at, where waitForURL would resolve at once:
    // the new document's load is what says the answer has arrived.
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Save draft' }).click()]);
    // Saved, not live: readers still see the newest story lead.
    const reader = await context.newPage();
    await reader.goto(site.url);
    expect(await leadHeadline(reader)).not.toBe(oldest.headline);

    // The keyboard way: focus the move button and press Enter.
    await page.getByRole('button', { name: 'Move Featured 1 up' }).focus();
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    await expect(page.getByLabel('Lead', { exact: true }).inputValue()).resolves.toBe(String(second.id));
    await expect(page.getByLabel('Featured 1', { exact: true }).inputValue()).resolves.toBe(
      String(oldest.id),
    );

    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Publish' }).click()]);
    await expect(page.getByText('Home page published.').count()).resolves.toBe(1);
    // A reader arriving now (the first reader's browser may keep its copy for the page's max-age).
    const later = await (await browser.newContext(DESKTOP)).newPage();
    await later.goto(site.url);
    expect(await leadHeadline(later)).toBe(second.headline);
    await expect(later.locator('#featured + ul').textContent()).resolves.toContain(oldest.headline);
    await later.context().close();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('reorders by dragging, announced in the live region, and narrows the story lists as one types', async () => {
    const [oldest, second] = stories as [(typeof stories)[0], (typeof stories)[0]];
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    const problems = recordProblems(page);
    await signIn(page);
    await page.goto(`${site.url}/admin/fronts/home`);
    await page.getByLabel('Lead', { exact: true }).selectOption(String(second.id));
    await page.getByLabel('Featured 1', { exact: true }).selectOption(String(oldest.id));
    // Held by the slot's edge: a drag started on its select would open the select instead.
    await page.locator('[data-slot="1"]').dragTo(page.locator('[data-slot="0"]'), {
      sourcePosition: { x: 3, y: 3 },
      targetPosition: { x: 3, y: 3 },
    });
    await expect(page.getByLabel('Lead', { exact: true }).inputValue()).resolves.toBe(String(oldest.id));
    await expect(page.getByLabel('Featured 1', { exact: true }).inputValue()).resolves.toBe(
      String(second.id),
    );
    const announced = await page.locator('[data-front-announce]').textContent();
    expect(announced).toContain(oldest.headline);
    expect(announced).toMatch(/moved to Lead\. Save the draft to keep it\.$/);

    await page.getByLabel('Find a story').fill(second.headline.slice(0, 12));
    const visible = await page
      .getByLabel('Featured 2', { exact: true })
      .locator('option:not([hidden])')
      .allTextContents();
    expect(visible.some((t) => t.startsWith(second.headline))).toBe(true);
    expect(visible.some((t) => t.startsWith(oldest.headline))).toBe(false);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the banner on an article page, and keeps it dismissed for the visit', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    const problems = recordProblems(page);
    await signIn(page);
    await page.goto(`${site.url}/admin/fronts`);
    await page.getByLabel('Banner text').fill('Storm warning: <roads> closed');
    await page.getByLabel('Link').fill('/sections/news');
    await page.getByLabel('Style').selectOption('breaking');
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Show the banner' }).click(),
    ]);

    const article = `${site.url}/articles/${stories[0]!.slug}`;
    await page.goto(article);
    const banner = page.getByRole('region', { name: 'Breaking news' });
    await banner.waitFor();
    await expect(banner.getByRole('link').textContent()).resolves.toBe('Storm warning: <roads> closed');
    await banner.getByRole('button', { name: 'Dismiss this notice' }).click();
    await expect(banner.count()).resolves.toBe(0);

    await page.reload();
    await page.waitForLoadState('networkidle');
    await expect(page.getByRole('region', { name: 'Breaking news' }).count()).resolves.toBe(0);

    // Another reader (a new visit) still sees it.
    const other = await browser.newContext(DESKTOP);
    const fresh = await other.newPage();
    await fresh.goto(article);
    await fresh.getByRole('region', { name: 'Breaking news' }).waitFor();
    expect(problems).toEqual([]);
    await other.close();
    await context.close();
  });
});
