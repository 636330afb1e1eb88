// `npm run backup` and `npm run restore` as real processes, on each database: a newsroom goes out into an
// archive and comes back whole into a new installation; wrong input ends with one line and exit code 1.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalFileStore } from '../src/media/file-store.js';
import { openStorage } from '../src/storage/db.js';
import { everyFile, everyRow, seedNewsroom } from './support/backup-contents.js';
import { newInstallation } from './support/backup-targets.js';
import { type TestStorage, testDatabases } from './support/databases.js';

const run = promisify(execFile);
const SECRET = 'the-newsrooms-own-secret-for-this-test-01';
const TSX = join(process.cwd(), 'node_modules/.bin/tsx');
const SCRIPTS = join(process.cwd(), 'scripts');

function command(script: 'backup' | 'restore', args: string[], env: NodeJS.ProcessEnv, cwd = process.cwd()) {
  return run(TSX, [join(SCRIPTS, `${script}.ts`), ...args], {
    cwd,
    env: { ...process.env, LOG_LEVEL: 'silent', SEED_DEMO: 'false', ...env },
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );
}

// Each step is a tsx process that compiles the scripts and migrates a new installation: on a busy machine
// running PostgreSQL suites beside it that takes longer than a unit test's half minute.
describe.each(testDatabases)('npm run backup / restore on $name', (database) => {
  let source: TestStorage;
  let dir: string;
  let sourceEnv: NodeJS.ProcessEnv;

  beforeAll(async () => {
    source = await database.open();
    dir = await mkdtemp(join(tmpdir(), 'broadsheet-backup-cli-'));
    await seedNewsroom(source.db, new LocalFileStore(join(dir, 'media')), 3);
    sourceEnv = { DATABASE_URL: source.url!, MEDIA_DIR: join(dir, 'media'), APP_SECRET: SECRET };
  });

  afterAll(async () => {
    await source.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('backs up to a file named by its time, and restores it into a new installation', async () => {
    const work = await mkdtemp(join(dir, 'cwd-'));
    const backup = await command('backup', [], sourceEnv, work);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    const [name, ...others] = await readdir(work);
    expect(others).toEqual([]);
    expect(name).toMatch(/^broadsheet-backup-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.tar\.gz$/);
    expect(backup.stdout).toMatch(
      /^Backed up \d+ rows in \d+ tables and \d+ media files \(.* MB\) to .*\.tar\.gz\n$/,
    );
    // The database's address (and any password in it) is printed nowhere.
    expect(backup.stdout).not.toContain('127.0.0.1');

    const url = await newInstallation(database.name, dir, 'absent');
    const media = join(dir, 'restored-media');
    const restore = await command('restore', [join(work, name!)], {
      DATABASE_URL: url,
      MEDIA_DIR: media,
      APP_SECRET: SECRET,
    });
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(
      /^Restored the backup of .* \(Broadsheet \d+\.\d+\.\d+, schema \d{4}_\w+\): \d+ media files; rows: .*comments 30/,
    );

    const target = openStorage(url, { poolSize: 2 });
    try {
      expect(await everyRow(target.db, target.dialect)).toEqual(await everyRow(source.db, source.dialect));
    } finally {
      await target.close();
    }
    expect(await everyFile(media)).toEqual(await everyFile(join(dir, 'media')));

    // The same archive again, into the installation it just filled: refused, one line.
    const again = await command('restore', [join(work, name!)], {
      DATABASE_URL: url,
      MEDIA_DIR: media,
      APP_SECRET: SECRET,
    });
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(
      /^restore: This installation's database already holds content \(.*\); a backup is restored only into an empty one\. Nothing was changed\.\n$/,
    );
  }, 120_000);

  it('warns, after restoring, when the new installation signs with another secret', async () => {
    const file = join(dir, 'for-secret.tar.gz');
    expect((await command('backup', ['--out', file], sourceEnv)).code).toBe(0);
    const url = await newInstallation(database.name, dir, 'absent');
    const restore = await command('restore', [file], {
      DATABASE_URL: url,
      MEDIA_DIR: join(dir, 'other-secret-media'),
      APP_SECRET: 'another-installations-secret-0123456789',
    });
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/^Restored the backup/);
    expect(restore.stderr).toMatch(
      /^restore: warning: this installation does not have the app secret the backup was made with/,
    );
    expect(restore.stderr).not.toContain(SECRET);
  }, 120_000);

  it('answers input that is no backup with one line and exit code 1', async () => {
    const file = join(dir, 'notes.txt');
    await writeFile(file, 'not a backup at all\n'.repeat(40));
    const url = await newInstallation(database.name, dir, 'absent');
    const bad = await command('restore', [file], { DATABASE_URL: url, MEDIA_DIR: join(dir, 'unused') });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(`restore: ${file} is not a .tar.gz archive; nothing was restored.\n`);
    expect(await readdir(dir)).not.toContain('unused');

    const usage = await command('restore', [], { DATABASE_URL: url });
    expect(usage.code).toBe(1);
    expect(usage.stderr).toBe('restore: Usage: npm run restore -- <backup.tar.gz>\n');
  });
});
