// The compiled server (dist/server/main.js) as a process of its own on a database, for tests that kill it
// without warning: started with the settings a test adds, waited for until /healthz answers, stopped by signal.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { eventually } from './outage.js';

export interface CompiledServer {
  child: ChildProcess;
  url: string;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
}

export function startCompiledServer(
  cwd: string,
  port: number,
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<CompiledServer> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [join(process.cwd(), 'dist/server/main.js')], {
    cwd,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: url,
      DATABASE_URL: databaseUrl,
      APP_SECRET: 'kill-test-secret-kill-test-secret-0123456',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      ...env,
    },
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`server exited with ${code}: ${out}`));
    child.once('exit', onExit);
    eventually(async () => {
      const response = await fetch(`${url}/healthz`);
      if (response.status !== 200) throw new Error(`healthz ${response.status}`);
    }, 20_000).then(
      () => {
        child.off('exit', onExit);
        resolve({ child, url, output: () => out });
      },
      (error) => {
        child.kill('SIGKILL');
        reject(error);
      },
    );
  });
}

/** Sends the signal and resolves once the process has gone (at once if it already has). */
export function stopCompiledServer(server: CompiledServer, signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    server.child.once('exit', () => resolve());
    server.child.kill(signal);
  });
}
