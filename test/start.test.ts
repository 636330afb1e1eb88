// `npm start` as a new user runs it: a real process on a fresh directory, its first start and its second,
// and the one clear line it gives on a bad setting or an unreachable database.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/server.js';

const run = promisify(execFile);
const TSX = join(process.cwd(), 'node_modules/.bin/tsx');
const MAIN = join(process.cwd(), 'src/main.ts');
// tsx reads the JSX settings from the tsconfig.json of its working directory, which here is elsewhere.
const TSX_ARGS = ['--tsconfig', join(process.cwd(), 'tsconfig.json'), MAIN];

interface Started {
  child: ChildProcess;
  output: () => string;
  url: string;
}

/** Starts the app in `dir` and resolves once it has printed its banner (or rejects when it exits first). */
function start(dir: string, port: number, env: NodeJS.ProcessEnv = {}): Promise<Started> {
  const child = spawn(TSX, TSX_ARGS, {
    cwd: dir,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      ...env,
    },
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const seen = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Broadsheet is running'))
        resolve({ child, output: () => out, url: `http://127.0.0.1:${port}` });
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
  });
}

function stop(started: Started): Promise<void> {
  return new Promise((resolve) => {
    started.child.once('exit', () => resolve());
    started.child.kill('SIGTERM');
  });
}

async function exitOf(env: NodeJS.ProcessEnv, dir: string) {
  return run(TSX, TSX_ARGS, { cwd: dir, env: { ...process.env, LOG_LEVEL: 'warn', ...env } }).then(
    (r) => ({ code: 0, stderr: r.stderr }),
    (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
  );
}

describe('npm start', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'broadsheet-start-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('creates the database under ./data, seeds the demo once, serves it and says how to sign in', async () => {
    const port = await freePort();
    const first = await start(dir, port);
    try {
      expect(existsSync(join(dir, 'data/broadsheet.sqlite'))).toBe(true);
      expect(first.output()).toContain('Seeded the demo newsroom');
      expect(first.output()).toContain(`Broadsheet is running at http://127.0.0.1:${port}/`);
      // Nobody is on the staff yet, so the banner carries the one-time setup link.
      expect(first.output()).toMatch(new RegExp(`http://127\\.0\\.0\\.1:${port}/admin/setup/\\S+`));
      const home = await fetch(`${first.url}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('Russia Withdrawing From Kharkiv After Heavy Losses');
    } finally {
      await stop(first);
    }

    const second = await start(dir, port);
    try {
      expect(second.output()).not.toContain('Seeded the demo newsroom');
      expect((await fetch(`${second.url}/feed.xml`)).status).toBe(200);
    } finally {
      await stop(second);
    }
  });

  it('with WEB_CONCURRENCY=2 serves from two worker processes sharing the port', async () => {
    const port = await freePort();
    const started = await start(dir, port, { WEB_CONCURRENCY: '2' });
    try {
      expect(started.output()).toContain('2 worker processes');
      const pages = await Promise.all(Array.from({ length: 20 }, () => fetch(`${started.url}/`)));
      expect(pages.every((p) => p.status === 200)).toBe(true);
    } finally {
      await stop(started);
    }
  });

  it('stops with one line naming a wrong setting and why', async () => {
    const result = await exitOf({ PORT: 'eighty' }, dir);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/PORT/);
    expect(lines[0]).toContain('eighty');
  });

  it('stops with one line when the database cannot be reached', async () => {
    const result = await exitOf({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }, dir);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^broadsheet: cannot reach the database \(postgres\)/);
  });

  it('stops with one line when the SQLite file cannot be opened', async () => {
    // A regular file where the database's folder should be: the folder cannot be made.
    const blocker = join(dir, 'not-a-folder');
    await writeFile(blocker, 'x');
    const result = await exitOf({ DATABASE_URL: `sqlite:${join(blocker, 'db.sqlite')}` }, dir);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^broadsheet: cannot open the database at DATABASE_URL: /);
  });
});
