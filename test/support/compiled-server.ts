// For tests that start the compiled server (dist/server/main.js): builds it when the sources are newer, but
// first waits for a build another test file already started (test/start.test.ts builds too), since a second
// build running beside it removes the folders the first is writing.
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function buildRunning(script: string): Promise<boolean> {
  for (const pid of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (command.split('\0').includes(script)) return true;
  }
  return false;
}

export async function ensureCompiledServer(root = process.cwd()): Promise<void> {
  const until = Date.now() + 120_000;
  while (Date.now() < until && (await buildRunning(join(root, 'scripts', 'build.mjs')))) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await run(process.execPath, [join(root, 'scripts', 'ensure-built.mjs')]);
}
