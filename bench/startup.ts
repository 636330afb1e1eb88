// Starting up: how long from spawning `node dist/server/main.js` on an existing database to the first 200 of an
// article, and what `npm start` runs on a fresh directory (every process of its tree, with its memory).
import { spawn } from 'node:child_process';
import { copyFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../test/support/free-port.js';
import { cpuMs, isRunning, listeningPid, type ProcessInfo, processTree } from './proc.js';
import { root, startBroadsheet, statusOf } from './processes.js';
import { type Load, runWrk } from './wrk.js';

export interface FirstRequest {
  /** From spawn to the first 200 of the page, asked every few ms. */
  wallMs: number;
  /** The server's CPU time by then: the wall time it would take with a core to itself. */
  cpuMs: number;
}

/** The time to the first answer, once per start. */
export async function firstRequestTimes(
  env: Record<string, string>,
  logDir: string,
  path: string,
  starts: number,
): Promise<FirstRequest[]> {
  const times: FirstRequest[] = [];
  for (let i = 0; i < starts; i++) {
    const server = await startBroadsheet('first-request', env, logDir, 'none');
    try {
      for (;;) {
        const status = await statusOf(`${server.base}${path}`);
        if (status === 200) break;
        if (server.child.exitCode !== null) throw new Error(`the server exited (${server.child.exitCode})`);
        if (status !== 0) throw new Error(`${path} answered ${status}`);
        await new Promise((r) => setTimeout(r, 2));
      }
      times.push({ wallMs: performance.now() - server.spawnedAt, cpuMs: cpuMs(server.pid) });
    } finally {
      await server.stop();
    }
  }
  return times;
}

export interface NpmStartFigures {
  startedMs: number;
  /** The tree just after the home page first answered, and after a few seconds of load. */
  ready: ProcessInfo[];
  loaded: ProcessInfo[];
  /** The process holding the listening socket. */
  serverPid: number | null;
}

/**
 * `npm start` as a newcomer runs it: a directory with nothing in it but the project's package.json and
 * scripts (the build already made), every setting at its default but the port. The demo is seeded.
 */
export async function npmStartTree(dir: string, load: Load): Promise<NpmStartFigures> {
  copyFileSync(join(root, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(root, 'scripts'), join(dir, 'scripts'));
  const port = await freePort();
  const started = performance.now();
  // Its own process group, so that npm, the shell and node under it are stopped together.
  const npm = spawn('npm', ['start'], {
    cwd: dir,
    detached: true,
    stdio: 'ignore',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, PORT: String(port) },
  });
  const exited = new Promise<void>((resolve) => npm.once('exit', () => resolve()));
  try {
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 300_000;
    while ((await statusOf(`${base}/`)) !== 200) {
      if (npm.exitCode !== null) throw new Error(`npm start exited (${npm.exitCode})`);
      if (Date.now() > deadline) throw new Error('npm start did not answer within 300 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    const startedMs = performance.now() - started;
    const ready = processTree(npm.pid!);
    await runWrk({ url: `${base}/` }, load, 5);
    const loaded = processTree(npm.pid!);
    return { startedMs, ready, loaded, serverPid: listeningPid(port, loaded) };
  } finally {
    const tree = processTree(npm.pid!).map((p) => p.pid);
    signalGroup(npm.pid!, 'SIGTERM');
    await exited;
    await goneOrKilled(npm.pid!, tree);
  }
}

function signalGroup(group: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-group, signal);
  } catch {
    // Every process of the group has gone already.
  }
}

/** Waits for the group's processes to finish their graceful stop; kills the group if they take over 10 s. */
async function goneOrKilled(group: number, pids: number[]): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (pids.some(isRunning)) {
    if (Date.now() > deadline) {
      signalGroup(group, 'SIGKILL');
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
