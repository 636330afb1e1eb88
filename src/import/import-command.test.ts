// The import command as `npm run import` runs it (its arguments, exit codes, progress and report), against a
// SQLite file and the WXR reader: a WordPress fixture imported, a malformed file refused with its line and
// column and exit code 1, mistakes in the command refused with the usage and exit code 2; and a Broadsheet
// archive through the same command, its report printed like the others', its refusals said as they are.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedNewsroom } from '../../test/support/backup-contents.js';
import { testDatabases } from '../../test/support/databases.js';
import { archiveImport } from '../export/archive-import.js';
import { writeExportFile } from '../export/create-export.js';
import { LocalFileStore } from '../media/file-store.js';
import { importCommand } from './import-command.js';
import { sourceReaders } from './source-readers.js';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../test/fixtures/import/wordpress/${name}`, import.meta.url));

describe('npm run import', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'import-command-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function command(...args: string[]) {
    return commandOn('site', args);
  }

  async function commandOn(site: string, args: string[]) {
    let out = '';
    let err = '';
    const code = await importCommand(
      args,
      sourceReaders,
      {
        out: (text) => {
          out += text;
        },
        err: (text) => {
          err += text;
        },
        env: {
          DATABASE_URL: `sqlite:${join(dir, `${site}.db`)}`,
          MEDIA_DIR: join(dir, `${site}-media`),
          APP_SECRET: 'test-secret-test-secret-test-secret-0123',
          LOG_LEVEL: 'silent',
        },
        secret: async (configured) => configured,
      },
      archiveImport,
    );
    return { code, out, err };
  }

  it('imports an export, prints the report, and skips it all the second time', async () => {
    const first = await command('wordpress', fixture('newsroom-1.2.xml'), '--uploads', fixture('uploads'));
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^articles\s+8\s+0\s+0\s+0$/m);
    expect(first.out).toMatch(/Redirects made: \d+/);
    expect(first.err).toContain('import: writing');
    const second = await command('wordpress', fixture('newsroom-1.2.xml'), '--uploads', fixture('uploads'));
    expect(second.out).toMatch(/^articles\s+0\s+0\s+8\s+0$/m);
  });

  it('refuses a malformed file with its line and column, exit code 1', async () => {
    const { code, err } = await command('wordpress', fixture('malformed.xml'), '--dry-run');
    expect(code).toBe(1);
    expect(err).toMatch(/line \d+, column \d+\)\. Nothing was written\./);
  });

  it.each([
    [['joomla', 'x.xml'], 'Name the system'],
    [['broadsheet'], 'Name the archive'],
    [['broadsheet', 'no-such-export.tar.gz'], 'There is no file at'],
    [['broadsheet', 'a.tar.gz', 'b.tar.gz'], 'Unexpected b.tar.gz'],
    [['wordpress'], 'Name the export file'],
    [['wordpress', 'no-such-file.xml'], 'There is no file at'],
    [['ghost', 'x.json', '--uploads', 'dir'], 'takes --images'],
    [['wordpress', 'x.xml', '--media-base', 'ftp://old'], 'must be an http(s) address'],
  ])('refuses %j with the usage, exit code 2', async (args, message) => {
    const { code, err } = await command(...args);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).toContain('Usage: npm run import');
  });
});

describe('npm run import -- broadsheet', () => {
  let dir: string;
  let archive: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'import-archive-command-'));
    const source = await testDatabases[0]!.open();
    try {
      await seedNewsroom(source.db, new LocalFileStore(join(dir, 'source-media')), 2);
      archive = join(dir, 'site-export.tar.gz');
      await writeExportFile(
        {
          db: source.db,
          store: new LocalFileStore(join(dir, 'source-media')),
          siteAddress: 'https://news.example.org',
        },
        archive,
      );
    } finally {
      await source.cleanup();
    }
  }, 60_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function command(...args: string[]) {
    let out = '';
    let err = '';
    const io = {
      out: (text: string) => {
        out += text;
      },
      err: (text: string) => {
        err += text;
      },
      env: {
        DATABASE_URL: `sqlite:${join(dir, 'target.db')}`,
        MEDIA_DIR: join(dir, 'target-media'),
        APP_SECRET: 'test-secret-test-secret-test-secret-0123',
        LOG_LEVEL: 'silent',
      },
      secret: async (configured: string | undefined) => configured,
    };
    const code = await importCommand(args, sourceReaders, io, archiveImport);
    return { code, out, err };
  }

  it('checks in a dry run, imports, then refuses a site no longer empty, with nothing written twice', async () => {
    const dry = await command('broadsheet', archive, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/^Dry run \(nothing written\) from broadsheet https:\/\/news\.example\.org$/m);
    expect(dry.out).toMatch(/^articles\s+\d+\s+0\s+0\s+0$/m);
    expect(dry.out).not.toContain('Restart the server');

    const real = await command('broadsheet', archive);
    expect(real.code).toBe(0);
    expect(real.out).toMatch(/^Import from broadsheet https:\/\/news\.example\.org$/m);
    const articles = Number(/^articles\s+(\d+)/m.exec(real.out)?.[1]);
    expect(articles).toBeGreaterThan(2);
    expect(real.out).toMatch(/^Redirects made: \d+$/m);
    expect(real.out).toMatch(/^Curated fronts: \d+; settings: .*site/m);
    expect(real.out).toContain('Restart the server so it reads the imported settings.');

    const again = await command('broadsheet', archive);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/^import: This Broadsheet is not empty \(it has \d+ articles/m);
    expect(again.out).toBe('');
  });

  it('refuses a file that is not an archive, exit code 1', async () => {
    const bogus = join(dir, 'not-an-archive.tar.gz');
    await writeFile(bogus, 'plain words, not gzip');
    const { code, err } = await command('broadsheet', bogus, '--dry-run');
    expect(code).toBe(1);
    expect(err).toMatch(/^import: /m);
    expect(err).not.toContain('failed:');
  });
});
