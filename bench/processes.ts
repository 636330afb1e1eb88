// The processes a benchmark starts: Broadsheet as it runs in production (plain node on dist/) and the bare
// node:http yardstick; waiting for them to listen, asking them for a page, stopping them.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { freePort } from '../test/support/free-port.js';

export const root = join(import.meta.dirname, '..');
const started: ChildProcess[] = [];

export interface Server {
  name: string;
  pid: number;
  base: string;
  child: ChildProcess;
  /** Asks it to stop (SIGTERM) and waits until it has. */
  stop(): Promise<void>;
}

/**
 * `node dist/server/main.js` itself, so that the pid measured is the server and not a launcher. Its output goes
 * to a log file in `logDir`, read back when it fails.
 */
export async function startBroadsheet(
  name: string,
  env: Record<string, string>,
  logDir: string,
  ready: 'listening' | 'none' = 'listening',
): Promise<Server & { spawnedAt: number }> {
  const port = await freePort();
  const log = join(logDir, `${name.replace(/\W+/g, '-')}.log`);
  const out = createWriteStream(log);
  await new Promise((resolve) => out.once('open', resolve));
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [join(root, 'dist', 'server', 'main.js')], {
    cwd: logDir,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      HOST: '127.0.0.1',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', out, out],
  });
  const server = track(name, child, `http://127.0.0.1:${port}`);
  if (ready === 'listening') await waitForPort(port, child, log);
  return { ...server, spawnedAt };
}

// Set by node:http itself on every answer, so not replayed.
const HOP_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/** A page's answer as the bare server replays it: its headers and its bytes. */
export function saveResponse(page: Fetched, file: string): void {
  const headers = Object.fromEntries(Object.entries(page.headers).filter(([n]) => !HOP_HEADERS.has(n)));
  writeFileSync(file, JSON.stringify({ headers, body: page.body.toString('base64') }));
}

/** The yardstick: bare node:http answering every request with the answer saved in `file`. */
export async function startBare(name: string, file: string): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(import.meta.dirname, 'bare-server.mjs'), file, String(port)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const server = track(name, child, `http://127.0.0.1:${port}`);
  await waitForPort(port, child);
  return server;
}

function track(name: string, child: ChildProcess, base: string): Server {
  if (child.pid === undefined) throw new Error(`${name} did not start`);
  started.push(child);
  return {
    name,
    pid: child.pid,
    base,
    child,
    stop: () => stopChild(child),
  };
}

export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill(signal);
  });
}

/** Stops every process this module started that still runs. */
export async function stopAll(): Promise<void> {
  await Promise.all(started.map((c) => stopChild(c)));
}

function exitedError(child: ChildProcess, log?: string): Error | null {
  if (child.exitCode === null && child.signalCode === null) return null;
  const tail = log ? readFileSync(log, 'utf8').slice(-2000) : '';
  return new Error(`process ${child.pid} exited (${child.exitCode ?? child.signalCode})\n${tail}`);
}

/** Waits until the port takes connections: the server listens, and nothing has been asked of it yet. */
export async function waitForPort(port: number, child: ChildProcess, log?: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const exited = exitedError(child, log);
    if (exited) throw exited;
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on ${port} after 120 s`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface Fetched {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One GET on a connection of its own (no pool: a kept-alive socket could be one the server is closing). */
export function getOnce(url: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    request.on('error', reject);
  });
}

/** The status of one GET, or 0 while nothing answers (not listening yet). */
export function statusOf(url: string): Promise<number> {
  return getOnce(url).then(
    (r) => r.status,
    () => 0,
  );
}

export async function getOk(url: string): Promise<Fetched> {
  const res = await getOnce(url);
  if (res.status !== 200)
    throw new Error(`${url} answered ${res.status}: ${res.body.toString().slice(0, 300)}`);
  return res;
}
