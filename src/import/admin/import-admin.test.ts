// The newsroom's import, from the upload to the report: the upload streamed to a file and a job row made,
// the job run on the server by the runner (with a stand-in import run here: the run itself is tested with
// its own code), the progress and the report on the job's page, a job whose server stopped run again, the
// uploads refused, and who may use it.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { addStaff, type Browserish, signInAs } from '../../../test/support/newsroom.js';
import type {
  ImportCount,
  ImportKind,
  ImportOptions,
  ImportReport,
  ProgressListener,
} from '../import-contract.js';
import { type RunImport, runNextImportJob } from '../jobs/import-job-runner.js';
import { selectImportJob } from '../jobs/job-queries.js';
import { SourceFileError } from '../source-model.js';

const WXR = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Old</title>
<link>https://old.example.org</link><wp:wxr_version>1.2</wp:wxr_version></channel></rss>`;

function counts(): Record<ImportKind, ImportCount> {
  const zero = () => ({ imported: 0, updated: 0, skipped: 0, failed: 0 });
  return {
    people: zero(),
    sections: zero(),
    tags: zero(),
    media: zero(),
    articles: zero(),
    pages: zero(),
    comments: zero(),
    redirects: zero(),
  };
}

/** A stand-in for runImport: reports progress, then a report naming a hostile title. */
function standInRun(calls: ImportOptions[]): RunImport {
  return async (options: ImportOptions, onProgress: ProgressListener): Promise<ImportReport> => {
    calls.push(options);
    const c = counts();
    c.articles.imported = 2;
    onProgress({ phase: 'reading', done: 1, total: 3, counts: c });
    onProgress({ phase: 'writing', done: 3, total: 3, counts: c });
    return {
      system: options.system,
      sourceSite: 'https://old.example.org',
      dryRun: options.dryRun,
      counts: c,
      warnings: [
        {
          kind: 'articles',
          title: '<script>alert(1)</script>',
          oldUrl: 'https://old.example.org/?p=9',
          message: 'kept as text',
        },
      ],
      redirects: [{ from: '/2019/01/harbour/', to: '/articles/harbour' }],
      empty: false,
    };
  };
}

function multipart(
  csrf: string,
  file: { name: string; content: string | Buffer } | null,
  fields: Record<string, string> = {},
) {
  const boundary = '----broadsheetimport';
  const parts: Buffer[] = [];
  const add = (text: string) => parts.push(Buffer.from(text));
  for (const [name, value] of Object.entries({ _csrf: csrf, ...fields })) {
    add(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  }
  if (file) {
    add(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    );
    parts.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content));
    add('\r\n');
  }
  add(`--${boundary}--\r\n`);
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe.each(testDatabases)('the import screens and job on $name', (database) => {
  let t: TestApp;
  let admin: Browserish;
  let editor: Browserish;
  let importDir: string;
  const calls: ImportOptions[] = [];
  const run = standInRun(calls);
  const log = { error: () => {} };

  beforeAll(async () => {
    importDir = await mkdtemp(join(tmpdir(), 'broadsheet-imports-'));
    t = await buildTestApp({ database, env: { IMPORT_DIR: importDir, IMPORT_MAX_MB: '1' } });
    await addStaff(t.storage.db, 'admin', { email: 'admin@example.org' });
    await addStaff(t.storage.db, 'editor', { email: 'editor@example.org' });
    admin = await signInAs(t.app, 'admin@example.org');
    editor = await signInAs(t.app, 'editor@example.org');
  });
  afterAll(async () => {
    await t.close();
    await rm(importDir, { recursive: true, force: true });
  });

  function upload(
    who: Browserish,
    file: { name: string; content: string | Buffer } | null,
    fields: Record<string, string> = {},
  ) {
    const body = multipart(who.csrf, file, fields);
    return t.app.inject({
      method: 'POST',
      url: '/admin/import',
      headers: { origin: 'http://127.0.0.1:3000', cookie: who.cookie, 'content-type': body.contentType },
      payload: body.payload,
    });
  }

  it('takes an upload as a queued job, runs it on the server, and shows its progress and report', async () => {
    const response = await upload(
      admin,
      { name: 'export.xml', content: WXR },
      { fetchMedia: 'on', mediaBaseUrl: 'https://cdn.example.org/' },
    );
    expect(response.statusCode).toBe(303);
    const id = Number(/\/admin\/import\/(\d+)$/.exec(response.headers.location as string)?.[1]);
    const queued = await selectImportJob(t.storage.db, id);
    expect(queued).toMatchObject({
      system: 'wordpress',
      status: 'queued',
      fileName: 'export.xml',
      options: { dryRun: false, fetchMedia: true, mediaBaseUrl: 'https://cdn.example.org' },
    });
    expect(existsSync(queued!.filePath)).toBe(true);

    const waiting = await t.app.inject({ url: `/admin/import/${id}`, headers: { cookie: admin.cookie } });
    expect(waiting.body).toContain('<progress');
    expect(waiting.body).toMatch(/src="\/assets\/import\.[0-9a-f]+\.js"/);
    expect(waiting.body).toContain(`href="/admin/import/${id}">Refresh`);

    expect(
      await runNextImportJob({ db: t.storage.db, run, clock: () => new Date(), log, progressEveryMs: 0 }),
    ).toBe(true);
    expect(calls.at(-1)).toMatchObject({
      system: 'wordpress',
      file: queued!.filePath,
      dryRun: false,
      mediaBaseUrl: 'https://cdn.example.org',
    });
    const done = await selectImportJob(t.storage.db, id);
    expect(done).toMatchObject({ status: 'done', progress: { phase: 'writing', done: 3 }, error: null });
    expect(done!.finishedAt).not.toBeNull();
    expect(existsSync(queued!.filePath)).toBe(false);

    const progress = await t.app.inject({
      url: `/admin/import/${id}/progress`,
      headers: { cookie: admin.cookie, accept: 'application/json' },
    });
    expect(progress.json()).toMatchObject({ status: 'done', progress: { phase: 'writing' } });

    const page = await t.app.inject({ url: `/admin/import/${id}`, headers: { cookie: admin.cookie } });
    expect(page.body).toContain('Report');
    expect(page.body).toContain('&lt;script>alert(1)&lt;/script>');
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).toContain('<a href="/articles/harbour">/articles/harbour</a>');
    expect(page.body).toContain('https://old.example.org/?p=9');
    expect(page.body).not.toContain('<progress');

    const list = await t.app.inject({ url: '/admin/import', headers: { cookie: admin.cookie } });
    expect(list.body).toContain(`href="/admin/import/${id}">export.xml</a>`);
  });

  it('tells a Ghost export by its content, and passes a dry run and no media fetching on', async () => {
    const ghost = JSON.stringify({ db: [{ meta: { version: '5.0.0' }, data: { posts: [] } }] });
    const response = await upload(admin, { name: 'backup.txt', content: ghost }, { dryRun: 'on' });
    const id = Number((response.headers.location as string).split('/').pop());
    expect(await selectImportJob(t.storage.db, id)).toMatchObject({
      system: 'ghost',
      options: { dryRun: true, fetchMedia: false },
    });
    await runNextImportJob({ db: t.storage.db, run, clock: () => new Date(), log });
    expect(calls.at(-1)).toMatchObject({ system: 'ghost', dryRun: true, mediaBaseUrl: undefined });
    const page = await t.app.inject({ url: `/admin/import/${id}`, headers: { cookie: admin.cookie } });
    expect(page.body).toContain('A dry run: nothing was written.');
  });

  it('runs again a job whose server stopped mid-run once its lease has run out, and leaves a live one alone', async () => {
    const response = await upload(admin, { name: 'export.xml', content: WXR });
    const id = Number((response.headers.location as string).split('/').pop());
    const soon = new Date(Date.now() + 60_000).toISOString();
    await t.storage.db
      .updateTable('import_jobs')
      .set({ status: 'running', lease_owner: 'gone:1', lease_until: soon, attempts: 1 })
      .where('id', '=', id)
      .execute();
    expect(await runNextImportJob({ db: t.storage.db, run, clock: () => new Date(), log })).toBe(false);
    const past = new Date(Date.now() - 1000).toISOString();
    await t.storage.db.updateTable('import_jobs').set({ lease_until: past }).where('id', '=', id).execute();
    expect(await runNextImportJob({ db: t.storage.db, run, clock: () => new Date(), log })).toBe(true);
    expect(await selectImportJob(t.storage.db, id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('marks a job failed with the file’s line and column when the export cannot be read', async () => {
    const response = await upload(admin, { name: 'broken.xml', content: WXR });
    const id = Number((response.headers.location as string).split('/').pop());
    const failing: RunImport = async () => {
      throw new SourceFileError('The XML is not well formed: unclosed tag <item>', 12, 7);
    };
    await runNextImportJob({ db: t.storage.db, run: failing, clock: () => new Date(), log });
    const job = await selectImportJob(t.storage.db, id);
    expect(job?.status).toBe('failed');
    expect(job?.error).toContain('(line 12, column 7)');
    expect(job?.error).toContain('Nothing was written.');
    const page = await t.app.inject({ url: `/admin/import/${id}`, headers: { cookie: admin.cookie } });
    expect(page.body).toContain('The import failed.');
    expect(page.body).toContain('unclosed tag &lt;item> (line 12, column 7)');
  });

  it('refuses what is not an export, an empty form and a file past the limit, keeping no file', async () => {
    const before = (await t.storage.db.selectFrom('import_jobs').select('id').execute()).length;
    const text = await upload(admin, { name: 'notes.xml', content: 'just some words' });
    expect(text.statusCode).toBe(400);
    expect(text.body).toContain('neither a WordPress nor a Ghost export');
    const html = await upload(admin, { name: 'page.xml', content: '<html><body>hi</body></html>' });
    expect(html.statusCode).toBe(400);
    expect(html.body).toContain('not a WordPress export (WXR)');
    const none = await upload(admin, null);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Choose the export file to import.');
    const large = await upload(admin, { name: 'big.xml', content: Buffer.alloc(1024 * 1024 + 10, 'a') });
    expect(large.statusCode).toBe(413);
    expect(large.body).toContain('larger than the 1 MB the import takes');
    const badAddress = await upload(
      admin,
      { name: 'export.xml', content: WXR },
      { fetchMedia: 'on', mediaBaseUrl: 'javascript:alert(1)' },
    );
    expect(badAddress.statusCode).toBe(400);
    expect(badAddress.body).toContain('must be a web address');
    expect((await t.storage.db.selectFrom('import_jobs').select('id').execute()).length).toBe(before);
    const jobsFiles = await t.storage.db
      .selectFrom('import_jobs')
      .select('file_path')
      .where('status', 'in', ['queued', 'running'])
      .execute();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await readdir(importDir)).toHaveLength(jobsFiles.length);
  });

  it('lets admins only: editors are refused every import address', async () => {
    for (const url of ['/admin/import', '/admin/import/1', '/admin/import/1/progress']) {
      const response = await t.app.inject({ url, headers: { cookie: editor.cookie } });
      expect(response.statusCode).toBe(403);
    }
    const posted = await upload(editor, { name: 'export.xml', content: WXR });
    expect(posted.statusCode).toBe(403);
    const anonymous = await t.app.inject({ url: '/admin/import' });
    expect(anonymous.statusCode).toBe(302);
  });
});
