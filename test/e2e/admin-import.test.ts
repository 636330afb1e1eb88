// The newsroom's import in Chromium: an admin uploads the WordPress fixture, sees the job's progress bar, the
// page turns into the report by itself when the job on the server is done, and an imported article opens.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNextImportJob } from '../../src/import/jobs/import-job-runner.js';
import { serverImportRun } from '../../src/import/jobs/server-import.js';
import { type PeriodicJob, startPeriodicJob } from '../../src/server/periodic-job.js';
import { DESKTOP, launchChromium, recordProblems } from '../support/browser.js';
import { addStaff, PASSWORD } from '../support/newsroom.js';
import { type RunningSite, startDemoSite } from '../support/server.js';

const FIXTURE = join(import.meta.dirname, '../fixtures/import/wordpress/newsroom-1.2.xml');
const EMAIL = 'ada.admin@example.org';

let site: RunningSite;
let browser: Browser;
let importDir: string;
let jobs: PeriodicJob | undefined;

beforeAll(async () => {
  importDir = await mkdtemp(join(tmpdir(), 'broadsheet-e2e-import-'));
  site = await startDemoSite({ env: { IMPORT_DIR: importDir } });
  browser = await launchChromium();
  await addStaff(site.storage.db, 'admin', { email: EMAIL, name: 'Ada Admin' });
});
afterAll(async () => {
  await jobs?.stop();
  await browser?.close();
  await site?.close();
  await rm(importDir, { recursive: true, force: true });
});

describe('the import screen in Chromium', () => {
  it('uploads a WordPress export, follows its progress to the report, and opens an imported article', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    const problems = recordProblems(page);
    await page.goto(`${site.url}/admin/sign-in`);
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([page.waitForURL(/\/admin$/), page.getByRole('button', { name: 'Sign in' }).click()]);

    await page.goto(`${site.url}/admin/settings`);
    await page.getByRole('link', { name: 'Import from WordPress or Ghost →' }).click();
    await page.waitForURL(/\/admin\/import$/);
    await page.getByLabel('Export file').setInputFiles(FIXTURE);
    // The fixture's old site is not online: no image is fetched (each is listed in the report).
    await page.getByLabel('Fetch images from the old site').uncheck();
    await Promise.all([
      page.waitForURL(/\/admin\/import\/\d+$/),
      page.getByRole('button', { name: 'Start import' }).click(),
    ]);
    // The job waits for the server's runner, which starts only now: the page shows it waiting.
    expect(await page.locator('progress#import-bar').isVisible()).toBe(true);
    expect(await page.locator('#import-status').textContent()).toBe('Waiting');

    // The runner as the background jobs run it, asking for a job more often.
    const runner = {
      db: site.storage.db,
      run: serverImportRun({
        db: site.storage.db,
        files: site.files,
        events: site.deps.events,
        secret: site.deps.secret,
        clock: () => new Date(),
      }),
      clock: () => new Date(),
      log: {
        error: (details: object, message: string) =>
          problems.push(`job: ${message} ${JSON.stringify(details)}`),
      },
    };
    jobs = startPeriodicJob({
      pass: (signal) => runNextImportJob(runner, () => signal.stopped),
      intervalMs: 200,
      firstRunAfterMs: 0,
      onError: (error) => problems.push(`job: import job pass failed ${String(error)}`),
    });
    // The page's script polls the job and loads the report when it is done, without a click.
    await page.getByRole('heading', { name: 'Report' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('#import-status').textContent()).toBe('Done');
    const articles = page.locator('td[data-kind="articles"][data-count="imported"]');
    expect(Number(await articles.textContent())).toBeGreaterThan(0);
    expect(await page.getByRole('heading', { name: /^Warnings/ }).isVisible()).toBe(true);

    // The old permalink's row links to the article's new address.
    const row = page.locator('table.import-redirects tr', {
      hasText: '/2024/03/12/river-floods-main-street/',
    });
    const link = row.locator('a').first();
    const address = await link.getAttribute('href');
    expect(address).toMatch(/^\/articles\/river-floods-main-street/);
    await Promise.all([page.waitForURL(`${site.url}${address}`), link.click()]);
    expect(await page.locator('h1').first().textContent()).toContain('River floods Main Street');
    expect(problems).toEqual([]);
    await context.close();
  });
});
