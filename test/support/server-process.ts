// The server as a real process, run from the sources (tsx) in the project folder, with its data in a
// temporary folder: for tests of what only a whole process does (worker processes, start-up refusals).
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface ServerProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** SIGTERM, then resolves once it has exited. */
  stop(): Promise<void>;
}

const MAIN = join(process.cwd(), 'src/main.ts');

/** Starts `src/main.ts` with `env` over a quiet default; APP_SECRET is set so that nothing is written to ./data. */
export function runServer(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      APP_SECRET: 'test-secret-test-secret-test-secret-0123',
      ...env,
    },
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Resolves once the server has printed its banner; rejects with its output when it exits first. */
export async function running(server: ServerProcess, deadlineMs = 60_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (!server.output().includes('Broadsheet is running')) {
    if (server.child.exitCode !== null)
      throw new Error(`exited with ${server.child.exitCode}: ${server.output()}`);
    if (Date.now() > until) throw new Error(`did not start within ${deadlineMs} ms: ${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
