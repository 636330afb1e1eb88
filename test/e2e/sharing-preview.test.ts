// The editor's search and sharing previews in Chromium: typing a description redraws the search result and the
// social card at once, a long one is cut with an ellipsis, noindex warns, a social image replaces the card's
// picture, and the panel passes axe.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchChromium, recordProblems } from '../support/browser.js';
import { addStaff } from '../support/newsroom.js';
import { type RunningSite, startDemoSite } from '../support/server.js';

const EDITOR = { name: 'Sam Sharer', email: 'sam.sharer@example.org', password: 'a sharer passphrase here' };

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

describe('the search and sharing previews in Chromium', () => {
  it('follow the description as it is typed, cut it with an ellipsis, and warn about noindex', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    const problems = recordProblems(page);
    await page.goto(`${site.url}/admin/sign-in`);
    await page.getByLabel('Email').fill(EDITOR.email);
    await page.getByLabel('Password').fill(EDITOR.password);
    await Promise.all([page.waitForURL(/\/admin$/), page.getByRole('button', { name: 'Sign in' }).click()]);
    await page.goto(`${site.url}/admin/articles/new`);

    const search = page.getByRole('figure', { name: 'In a search result' });
    const card = page.getByRole('figure', { name: 'On a social card' });
    const searchDescription = search.locator('[data-preview="search-description"]');
    const cardDescription = card.locator('[data-preview="card-description"]');

    await page.getByLabel('Headline', { exact: true }).fill('Ferries return to the island');
    expect(await search.locator('[data-preview="search-title"]').textContent()).toBe(
      'Ferries return to the island',
    );
    expect(await search.locator('[data-preview="search-crumbs"]').textContent()).toMatch(
      / › articles › ferries-return-to-the-island$/,
    );

    await page.getByLabel('Description', { exact: true }).fill('Timetables are back to normal from Monday.');
    expect(await searchDescription.textContent()).toBe('Timetables are back to normal from Monday.');
    // No social description written: the card takes the search one.
    expect(await cardDescription.textContent()).toBe('Timetables are back to normal from Monday.');

    const long = `${'The island’s ferries run again after the storm, and the harbour master says '.repeat(3)}done.`;
    await page.getByLabel('Description', { exact: true }).fill(long);
    const cut = (await searchDescription.textContent()) ?? '';
    expect(cut.endsWith('…')).toBe(true);
    expect(Array.from(cut).length).toBeLessThanOrEqual(158);
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
    expect((await cardDescription.textContent())?.endsWith('…')).toBe(true);

    await page.getByLabel('Social description').fill('Back on the water.');
    expect(await cardDescription.textContent()).toBe('Back on the water.');
    expect(await searchDescription.textContent()).toBe(cut);

    const warnings = search.locator('[data-preview="search-warnings"]');
    expect(await warnings.isHidden()).toBe(true);
    await page.getByLabel('Hide from search engines').check();
    expect(await warnings.textContent()).toContain('Hidden from search engines');

    // A social image from the library becomes the card's picture.
    expect(await card.locator('[data-preview="card-image"] img').count()).toBe(0);
    await page.getByLabel('Social image').selectOption({ index: 1 });
    await card.locator('[data-preview="card-image"] img').waitFor();
    expect(await card.locator('[data-preview="card-image"] img').getAttribute('alt')).toBeTruthy();

    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      // biome-ignore lint/suspicious/noExplicitAny: axe is the script evaluated just above.
      const result = await (window as any).axe.run('.sharing-fields');
      return (result.violations as { id: string; nodes: { target: string[] }[] }[]).map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
    });
    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
