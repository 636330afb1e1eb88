// The import command as `npm run import` runs it (its arguments, exit codes, progress and report), against a
// SQLite file and the WXR reader: a WordPress fixture imported, a malformed file refused with its line and
// column and exit code 1, mistakes in the command refused with the usage and exit code 2.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    let out = '';
    let err = '';
    const code = await importCommand(args, sourceReaders, {
      out: (text) => {
        out += text;
      },
      err: (text) => {
        err += text;
      },
      env: {
        DATABASE_URL: `sqlite:${join(dir, 'site.db')}`,
        MEDIA_DIR: join(dir, 'media'),
        APP_SECRET: 'test-secret-test-secret-test-secret-0123',
        LOG_LEVEL: 'silent',
      },
      secret: async (configured) => configured,
    });
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
