// For outage tests: a redis-server of the test's own (started on a free port, killed and started again on
// the same port), app instances opened the way a server process opens them (content events included), and
// waiting for a condition with a deadline instead of sleeping.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, buildApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import { outboxMailer } from '../../src/mail/mailer.js';
import { LocalFileStore } from '../../src/media/file-store.js';
import { openContentEvents } from '../../src/server/content-events.js';
import type { ContentEvents } from '../../src/storage/content-events.js';
import type { Storage } from '../../src/storage/db.js';
import { freePort } from './free-port.js';

/** Resolves once `check` passes; fails with its last error after `deadlineMs`. */
export async function eventually<T>(
  check: () => Promise<T> | T,
  deadlineMs: number,
  everyMs = 50,
): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface OwnRedis {
  url: string;
  port: number;
  /** Kills the server; resolves once it no longer accepts connections. */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const own: OwnRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        {
          stdio: 'ignore',
        },
      );
      await eventually(async () => {
        if (!(await accepts(port))) throw new Error(`redis-server on ${port} does not accept connections`);
      }, 10_000);
    },
    async stop() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
  };
  await own.start();
  return own;
}

export interface Instance extends App {
  config: Config;
  events: ContentEvents;
  close(): Promise<void>;
}

/** One app instance on `storage`, its content events opened as the server opens them. */
export async function startInstance(
  storage: Storage,
  env: Record<string, string>,
  options: { cacheClock?: () => number; onError?: (error: unknown, what: string) => void } = {},
): Promise<Instance> {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    PUBLIC_URL: 'http://127.0.0.1:3000',
    ...env,
  });
  const mediaDir = await mkdtemp(join(tmpdir(), 'broadsheet-media-'));
  const events = await openContentEvents(config, storage, {
    serves: true,
    onError: options.onError ?? (() => {}),
  });
  const built = await buildApp({
    config,
    storage,
    files: new LocalFileStore(mediaDir),
    events,
    mailer: outboxMailer(storage.db, { from: config.mailFrom }),
    secret: 'test-secret-test-secret-test-secret-0123',
    cacheClock: options.cacheClock,
  });
  return {
    ...built,
    config,
    events,
    async close() {
      await built.app.close();
      await events.close();
      await rm(mediaDir, { recursive: true, force: true });
    },
  };
}
