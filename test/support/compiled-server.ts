// For tests that start the compiled server (dist/server/main.js): builds it when the sources are newer. Test
// files run in parallel, and a second build beside a first removes the folders the first is writing, so a
// build is taken under a lock (a directory, which only one process can make), and the others wait for it
// and then find the output up to date.
import { execFile } from 'node:child_process';
import { mkdir, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const WAIT_MS = 180_000;
// A lock older than this was left by a test process that died mid-build.
const STALE_MS = 170_000;

async function takeLock(lock: string): Promise<void> {
  const until = Date.now() + WAIT_MS;
  for (;;) {
    try {
      await mkdir(lock);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const since = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (since > STALE_MS) await rmdir(lock).catch(() => {});
      if (Date.now() > until) throw new Error(`waited ${WAIT_MS / 1000} s for another build (${lock})`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

export async function ensureCompiledServer(root = process.cwd()): Promise<void> {
  const lock = join(root, '.build-lock');
  await takeLock(lock);
  try {
    await run(process.execPath, [join(root, 'scripts', 'ensure-built.mjs')]);
  } finally {
    await rmdir(lock).catch(() => {});
  }
}
