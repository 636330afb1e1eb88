// `npm start` as a new user runs it: a real process on a fresh directory, its first start and its second,
// and the one clear line it gives on a bad setting or an unreachable database.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCompiledServer } from './support/compiled-server.js';
import { startS3StandIn } from './support/s3-stand-in.js';
import { freePort } from './support/server.js';

const run = promisify(execFile);
// What `npm start` runs, in a directory of its own: the data folder is made where it starts.
const START = [join(process.cwd(), 'scripts/start.mjs')];

interface Started {
  child: ChildProcess;
  output: () => string;
  url: string;
}

/** Starts the app in `dir` and resolves once it has printed its banner (or rejects when it exits first). */
function start(dir: string, port: number, env: NodeJS.ProcessEnv = {}): Promise<Started> {
  const child = spawn(process.execPath, START, {
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
  return run(process.execPath, START, { cwd: dir, env: { ...process.env, LOG_LEVEL: 'warn', ...env } }).then(
    (r) => ({ code: 0, stderr: r.stderr }),
    (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
  );
}

describe('npm start', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'broadsheet-start-'));
    // npm start builds when the sources changed; done here once, so no test waits for the compiler.
    await ensureCompiledServer();
  }, 180_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  // The first start seeds the demo (drawing its images with sharp): the slowest start there is.
  it('creates the database under ./data, seeds the demo once, serves it and says how to sign in', async () => {
    const port = await freePort();
    const first = await start(dir, port);
    try {
      expect(existsSync(join(dir, 'data/broadsheet.sqlite'))).toBe(true);
      expect(first.output()).toContain('Seeded the demo newsroom');
      expect(first.output()).toContain(`Broadsheet is running at http://127.0.0.1:${port}/`);
      expect(first.output()).toContain('Media: the folder ./data/media');
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
  }, 120_000);

  it('is one server process: the demo was seeded by a process that has exited, and nothing runs beside it', async () => {
    const port = await freePort();
    const started = await start(dir, port);
    try {
      const pid = started.child.pid!;
      const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8');
      expect(children.trim()).toBe('');
      expect((await fetch(`${started.url}/`)).status).toBe(200);
    } finally {
      await stop(started);
    }
  });

  it('on SIGTERM finishes the request in flight, refuses new ones, and exits cleanly', async () => {
    const port = await freePort();
    const started = await start(dir, port);
    const body = `comment=${'a'.repeat(2000)}`;
    const response = new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/articles/no-such-story/comments',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': Buffer.byteLength(body),
            origin: started.url,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode!));
        },
      );
      req.on('error', reject);
      // Half the body now, the rest after the signal: the server is in the middle of this request.
      req.write(body.slice(0, 1000));
      req.on('socket', (socket) =>
        socket.on('connect', () => {
          // Long enough for the server to have read the headers; what is measured is the outcome.
          setTimeout(() => {
            started.child.kill('SIGTERM');
            setTimeout(() => req.end(body.slice(1000)), 200);
          }, 300);
        }),
      );
    });
    const exited = new Promise<number | null>((resolve) => started.child.once('exit', resolve));
    // A whole answer (the story does not exist), not a dropped connection.
    expect(await response).toBe(404);
    expect(await exited).toBe(0);
    await expect(fetch(`${started.url}/`)).rejects.toThrow();
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

  it('keeps media in the bucket MEDIA_STORAGE names: the demo is seeded into it and served from it', async () => {
    const s3 = await startS3StandIn();
    const elsewhere = await mkdtemp(join(tmpdir(), 'broadsheet-start-s3-'));
    try {
      const started = await start(elsewhere, await freePort(), s3.env('demo'));
      try {
        expect(started.output()).toContain(`Media: s3://newsroom-media/demo at ${s3.endpoint}`);
        expect(started.output()).not.toContain('S3RVER');
        expect(existsSync(join(elsewhere, 'data/media'))).toBe(false);
        const keys = await s3.keys('demo');
        expect(keys.length).toBeGreaterThan(10);
        const home = await (await fetch(`${started.url}/`)).text();
        const path = /srcset="\/media\/([^ "]+)/.exec(home)![1]!;
        expect(keys).toContain(path);
        const file = await fetch(`${started.url}/media/${path}`);
        expect(file.status).toBe(200);
        expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
        expect(Buffer.from(await file.arrayBuffer()).length).toBe(Number(file.headers.get('content-length')));
      } finally {
        await stop(started);
      }
    } finally {
      await s3.close();
      await rm(elsewhere, { recursive: true, force: true });
    }
  }, 120_000);

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
