// The server's import job with the real import run, on both databases: the WordPress fixture uploaded,
// run and reported (articles in the database, their old addresses redirected), run again after its server
// stopped mid-run with nothing duplicated, and a malformed export failed with its line and column, nothing
// written.
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { addStaff } from '../../../test/support/newsroom.js';
import { runNextImportJob } from './import-job-runner.js';
import { insertImportJob, selectImportJob } from './job-queries.js';
import { serverImportRun } from './server-import.js';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/import');

describe.each(testDatabases)('the import job with the real run on $name', (database) => {
  let t: TestApp;
  let dir: string;
  let staffId: number;
  const log = { error: () => {} };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'broadsheet-import-job-'));
    t = await buildTestApp({ database });
    staffId = (await addStaff(t.storage.db, 'admin')).id;
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function queue(fixture: string, system: 'wordpress' | 'ghost') {
    const file = join(dir, `${Math.random().toString(36).slice(2)}.export`);
    await copyFile(join(FIXTURES, fixture), file);
    return insertImportJob(t.storage.db, {
      system,
      filePath: file,
      fileName: fixture,
      options: { dryRun: false, fetchMedia: false },
      createdBy: staffId,
      now: new Date(),
    });
  }

  function runOnce() {
    const run = serverImportRun({
      db: t.storage.db,
      files: t.files,
      events: t.deps.events,
      secret: t.deps.secret,
      clock: () => new Date(),
    });
    return runNextImportJob({ db: t.storage.db, run, clock: () => new Date(), log, progressEveryMs: 0 });
  }

  const articleCount = async () =>
    Number(
      (
        await t.storage.db
          .selectFrom('articles')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('imports the WordPress fixture, reports it, and a job run again after a restart adds nothing', async () => {
    const before = await articleCount();
    const id = await queue('wordpress/newsroom-1.2.xml', 'wordpress');
    expect(await runOnce()).toBe(true);
    const job = await selectImportJob(t.storage.db, id);
    expect(job?.status).toBe('done');
    expect(job?.report?.counts.articles.imported).toBeGreaterThan(0);
    expect(job?.report?.redirects.length).toBeGreaterThan(0);
    // Images were not fetched, as the form asked: each is listed.
    expect(job?.report?.warnings.some((w) => w.kind === 'media')).toBe(true);
    const after = await articleCount();
    expect(after - before).toBe(job?.report?.counts.articles.imported);

    // The same file queued again and its server "stopped" mid-run: claimed again, nothing duplicated.
    const again = await queue('wordpress/newsroom-1.2.xml', 'wordpress');
    const past = new Date(Date.now() - 1000).toISOString();
    await t.storage.db
      .updateTable('import_jobs')
      .set({ status: 'running', lease_owner: 'stopped:1', lease_until: past, attempts: 1 })
      .where('id', '=', again)
      .execute();
    expect(await runOnce()).toBe(true);
    const second = await selectImportJob(t.storage.db, again);
    expect(second).toMatchObject({ status: 'done', attempts: 2 });
    expect(second?.report?.counts.articles.imported).toBe(0);
    expect(await articleCount()).toBe(after);
  });

  it('imports the Ghost 5 fixture', async () => {
    const id = await queue('ghost/v5/ghost-5.json', 'ghost');
    await runOnce();
    const job = await selectImportJob(t.storage.db, id);
    expect(job?.status).toBe('done');
    expect(job?.report?.counts.articles.imported).toBe(4);
    expect(job?.report?.counts.pages.imported).toBe(1);
    expect(job?.report?.warnings.some((w) => w.message.includes('no paywall'))).toBe(true);
  });

  it('fails a malformed export with its line and column, writing nothing', async () => {
    const before = await articleCount();
    const id = await queue('wordpress/malformed.xml', 'wordpress');
    await runOnce();
    const job = await selectImportJob(t.storage.db, id);
    expect(job?.status).toBe('failed');
    expect(job?.error).toMatch(/line 43, column \d+/);
    expect(job?.error).toContain('Nothing was written.');
    expect(await articleCount()).toBe(before);
  });
});
