// Audience analytics in Debian's Chromium: the beacon's size, the page view it sends from a cached article
// page (no cookie, nothing stored in the browser), read depth as the reader scrolls, engaged time sent when
// the page is left, and the newsroom's dashboard, which must render and pass axe.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalyticsJobs } from '../../src/analytics/jobs.js';
import { assetsDir } from '../../src/http/assets.js';
import { DESKTOP, launchChromium, recordProblems } from '../support/browser.js';
import { addStaff, PASSWORD } from '../support/newsroom.js';
import { eventually } from '../support/outage.js';
import { type RunningSite, startDemoSite } from '../support/server.js';

const HEADLINE = 'Russia Withdrawing From Kharkiv After Heavy Losses';
// A reader's browser: Debian's headless Chromium says "HeadlessChrome", which is not counted.
const READER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

let site: RunningSite;
let browser: Browser;
let articleId: number;
let articlePath: string;

beforeAll(async () => {
  site = await startDemoSite({ env: { ANALYTICS_FLUSH_MS: '50' } });
  browser = await launchChromium();
  const row = await site.storage.db
    .selectFrom('articles')
    .select(['id', 'slug'])
    .where('headline', '=', HEADLINE)
    .executeTakeFirstOrThrow();
  articleId = row.id;
  articlePath = `/articles/${row.slug}`;
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const events = (kind: string) =>
  site.storage.db
    .selectFrom('analytics_events')
    .selectAll()
    .where('kind', '=', kind)
    .where('article_id', '=', articleId)
    .orderBy('id')
    .execute();

async function readerContext(): Promise<BrowserContext> {
  return browser.newContext({ ...DESKTOP, userAgent: READER_AGENT });
}

describe('the beacon', () => {
  it('is at most 1 KB gzipped', () => {
    const manifest = JSON.parse(readFileSync(join(assetsDir(), 'manifest.json'), 'utf8')) as Record<
      string,
      string
    >;
    const file = join(assetsDir(), 'assets', manifest['beacon.js']!.replace('/assets/', ''));
    const gzipped = gzipSync(readFileSync(file), { level: 9 }).length;
    expect(gzipped).toBeLessThanOrEqual(1024);
  });

  it('sends a page view, read depth and engaged time, with no cookie and nothing stored in the browser', async () => {
    const context = await readerContext();
    const page = await context.newPage();
    const problems = recordProblems(page);
    const sent = page.waitForRequest((r) => r.url().endsWith('/a/event') && r.method() === 'POST');
    // Twice: the second answer comes from the page cache, and must carry the same beacon and attributes.
    await page.goto(`${site.url}${articlePath}?utm_source=newsletter&utm_campaign=spring`);
    await sent;
    await page.goto(`${site.url}${articlePath}`, { referer: 'https://www.example.org/links' });

    await eventually(async () => expect(await events('pageview')).toHaveLength(2), 5000);
    const views = await events('pageview');
    expect(views[0]).toMatchObject({
      path: articlePath,
      source: 'newsletter',
      campaign: 'spring',
      device: 'desktop',
    });
    expect(views[1]).toMatchObject({ source: 'example.org', campaign: null });
    expect(views[0]!.section_id).not.toBeNull();
    expect(views[0]!.visitor).toBe(views[1]!.visitor);

    // Read depth: every quarter once, as the body scrolls past.
    await page.mouse.wheel(0, 400);
    for (let i = 0; i < 30; i++) {
      await page.mouse.wheel(0, 600);
      await page.waitForTimeout(50);
    }
    await eventually(
      async () => expect((await events('depth')).map((e) => e.value)).toEqual([25, 50, 75, 100]),
      5000,
    );

    // Engaged time: a heartbeat of 15 s once the tab has been visible and the reader active that long.
    for (let i = 0; i < 17; i++) {
      await page.mouse.move(100 + (i % 5) * 20, 200);
      await page.waitForTimeout(1000);
    }
    await eventually(async () => expect((await events('engaged')).map((e) => e.value)).toEqual([15]), 5000);
    // No id kept in the browser: no cookie, and nothing in storage but what other islands keep (drafts).
    const kept = await page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)]);
    expect(kept.filter((key) => /visit|analytic|beacon|uid|track/i.test(key))).toEqual([]);

    expect(await context.cookies()).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('sends nothing from a headless browser’s own user agent', async () => {
    const before = (await events('pageview')).length;
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    const answered = page.waitForResponse((r) => r.url().endsWith('/a/event'));
    await page.goto(`${site.url}${articlePath}`);
    expect((await answered).status()).toBe(204);
    await page.waitForTimeout(300);
    expect(await events('pageview')).toHaveLength(before);
    await context.close();
  });
});

describe('the dashboard', () => {
  it('renders what was counted and passes axe', async () => {
    await runAnalyticsJobs({
      db: site.storage.db,
      retentionDays: 30,
      clock: () => new Date(Date.now() + 10 * 60_000),
    });
    const editor = await addStaff(site.storage.db, 'editor');
    const context = await browser.newContext({ ...DESKTOP, bypassCSP: true });
    const page = await context.newPage();
    const problems = recordProblems(page);
    await page.goto(`${site.url}/admin/sign-in`);
    await page.getByLabel('Email').fill(editor.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([page.waitForURL(/\/admin$/), page.getByRole('button', { name: 'Sign in' }).click()]);
    await page.goto(`${site.url}/admin/analytics?range=7d`);
    await expect(page.getByRole('heading', { name: 'Analytics', level: 1 }).isVisible()).resolves.toBe(true);
    expect(await page.locator('section[aria-labelledby="h-articles"] tbody th').first().textContent()).toBe(
      HEADLINE,
    );
    expect(await page.locator('figure svg[role="img"]').count()).toBe(1);
    await page.locator('details summary').click();
    expect(await page.locator('details table tbody tr').count()).toBe(7);

    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      // biome-ignore lint/suspicious/noExplicitAny: axe is the script evaluated just above.
      const result = await (window as any).axe.run(document);
      return (result.violations as { id: string; nodes: { target: string[] }[] }[]).map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
    });
    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
