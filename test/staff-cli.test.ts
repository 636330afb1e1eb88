// The staff command line, run as a real process against a fresh SQLite file.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../src/admin/auth/passwords.js';
import { openStorage } from '../src/storage/db.js';

const run = promisify(execFile);
const TSX = join(process.cwd(), 'node_modules/.bin/tsx');

describe('npm run staff', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'broadsheet-cli-'));
    env = {
      ...process.env,
      DATABASE_URL: `sqlite:${join(dir, 'cli.db')}`,
      BROADSHEET_PASSWORD: '',
      LOG_LEVEL: 'silent',
    };
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const staff = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
    run(TSX, ['scripts/staff.ts', ...args], { env: { ...env, ...extra } }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({
        code: e.code,
        stdout: e.stdout,
        stderr: e.stderr,
      }),
    );

  it('creates an admin with the password from BROADSHEET_PASSWORD, and lists the staff', async () => {
    const created = await staff(
      ['create', '--email', 'Chief@Example.org', '--name', 'Chief Editor', '--role', 'admin'],
      {
        BROADSHEET_PASSWORD: 'a long enough passphrase',
      },
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Created admin Chief Editor <chief@example.org>');
    expect(created.stdout).not.toContain('a long enough passphrase');

    const storage = openStorage(env.DATABASE_URL!);
    const row = await storage.db
      .selectFrom('staff')
      .select(['role', 'password_hash'])
      .executeTakeFirstOrThrow();
    await storage.close();
    expect(row.role).toBe('admin');
    expect(await verifyPassword(row.password_hash, 'a long enough passphrase')).toBe(true);

    const listed = await staff(['list']);
    expect(listed.stdout).toMatch(/1\s+admin\s+active\s+chief@example\.org\s+\(Chief Editor\)/);
  }, 30_000);

  it('explains a bad email, role or weak password, a taken email, and a missing password', async () => {
    const bad = await staff(['create', '--email', 'nope', '--name', 'X', '--role', 'boss'], {
      BROADSHEET_PASSWORD: 'a long enough passphrase',
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Email must be an email address');
    expect(bad.stderr).toContain('Role must be one of contributor, editor, admin.');

    const weak = await staff(['create', '--email', 'w@example.org', '--name', 'W', '--role', 'editor'], {
      BROADSHEET_PASSWORD: 'w@example.org',
    });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('Password must not be your email address.');

    const taken = await staff(['create', '--email', 'chief@example.org', '--name', 'C', '--role', 'editor'], {
      BROADSHEET_PASSWORD: 'a long enough passphrase',
    });
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('This email address already has an account.');

    const noPassword = await staff(['create', '--email', 'n@example.org', '--name', 'N', '--role', 'editor']);
    expect(noPassword.code).toBe(1);
    expect(noPassword.stderr).toContain('set BROADSHEET_PASSWORD');

    const unknown = await staff(['promote']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Usage:');
  }, 60_000);

  it.runIf(existsSync('/usr/bin/script'))(
    'asks for the password in a terminal without showing it',
    async () => {
      const secret = 'typed in a terminal';
      const child = spawn(
        '/usr/bin/script',
        [
          '-qfec',
          `${TSX} scripts/staff.ts create --email tty@example.org --name TTY --role editor`,
          '/dev/null',
        ],
        { env },
      );
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.endsWith('characters): ')) child.stdin.write(`${secret}\r`);
        if (out.endsWith('again: ')) child.stdin.write(`${secret}\r`);
      });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(out).toContain('Created editor TTY <tty@example.org>');
      expect(out).not.toContain(secret);
      expect(code).toBe(0);
    },
    30_000,
  );
});
