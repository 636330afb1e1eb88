// Compiled app instances (plain node on dist/server/main.js, as production runs it), each a process of its own
// in its own working folder, on a port of its own: the machines behind a load balancer, on one machine.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

const MAIN = join(import.meta.dirname, '..', '..', 'dist', 'server', 'main.js');

export interface AppInstance {
  name: string;
  port: number;
  /** http://127.0.0.1:port: the instance itself, not through the proxy. */
  url: string;
  child: ChildProcess;
  output(): string;
  /** SIGKILL: the machine gone without a word. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

async function answersHealth(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`)).status === 200;
  } catch {
    return false;
  }
}

/**
 * Starts one instance with `env` over production defaults, on `port` (chosen beforehand when a proxy must be
 * configured first); resolves once /healthz answers.
 */
export async function startAppInstance(
  name: string,
  env: Record<string, string>,
  port?: number,
): Promise<AppInstance> {
  port ??= await freePort();
  const cwd = await mkdtemp(join(tmpdir(), `broadsheet-${name}-`));
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [MAIN], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      ...env,
      PORT: String(port),
    },
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const until = Date.now() + 30_000;
  while (!(await answersHealth(url))) {
    if (gone()) throw new Error(`${name} exited (${child.exitCode}): ${out}`);
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not answer /healthz within 30 s: ${out}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const end = async (signal: NodeJS.Signals) => {
    if (!gone()) child.kill(signal);
    await exited;
    await rm(cwd, { recursive: true, force: true });
  };
  return {
    name,
    port,
    url,
    child,
    output: () => out,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}
