// npm run bench:import-memory: the memory target, on the command a newsroom runs. A generated export
// of BENCH_IMPORT_POSTS (170,000) posts with a comment each, some 500 MB, is written by a child process, then
// imported by the compiled `npm run import -- wordpress FILE` into a new SQLite file, in a process of its own
// whose peak resident memory (the kernel's VmHWM) is read while it runs. Target: under 300 MB.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error: a plain .mjs module of the project's scripts, without types
import { SCRIPT_NODE_FLAGS } from '../scripts/ensure-built.mjs';
import { peakRssMb } from './proc.js';
import { root } from './processes.js';
import { int, print, progress } from './report.js';

const POSTS = Number(process.env.BENCH_IMPORT_POSTS ?? 170_000);
const TARGET_MB = 300;
const work = mkdtempSync(join(tmpdir(), 'broadsheet-bench-import-memory-'));

try {
  const file = join(work, 'export.xml');
  progress(`generating ${int(POSTS)} posts`);
  const generated = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'bench', 'support', 'generate-wxr.ts'), file, '--posts', String(POSTS)],
    { stdio: ['ignore', 'ignore', 'inherit'], cwd: root },
  );
  if (generated.status !== 0) throw new Error('the WXR generator failed');
  const megabytes = statSync(file).size / 1e6;
  spawnSync(process.execPath, [join(root, 'scripts', 'ensure-built.mjs')], { stdio: 'inherit', cwd: root });

  progress(`importing the ${int(megabytes)} MB export with the compiled command`);
  const started = performance.now();
  const script = join(root, 'dist', 'scripts', 'import.js');
  const child = spawn(process.execPath, [...SCRIPT_NODE_FLAGS.import, script, 'wordpress', file], {
    cwd: work,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: `sqlite:${join(work, 'site.db')}`,
      MEDIA_DIR: join(work, 'media'),
      APP_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
      LOG_LEVEL: 'silent',
    },
  });
  let report = '';
  child.stdout.on('data', (chunk) => {
    report += chunk;
  });
  // VmHWM only grows; read it until the process is gone, the last reading is its peak to within 50 ms.
  let peak = 0;
  const timer = setInterval(() => {
    if (child.pid) peak = Math.max(peak, peakRssMb(child.pid));
  }, 50);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(timer);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`the import failed (exit ${code}):\n${report}`);
  const imported = /^articles\s+(\d+)/m.exec(report)?.[1];

  print(`\n## Import of a ${int(megabytes)} MB WordPress export (npm run import, SQLite, no media)`);
  print(
    `articles imported: ${imported ?? '?'} of ${int(POSTS)}, in ${seconds.toFixed(0)} s (${int(POSTS / seconds)} posts/s, with reading the XML twice and the search index)`,
  );
  print(
    `peak RSS of the import process: ${int(peak)} MB (target under ${TARGET_MB} MB: ${peak < TARGET_MB ? 'met' : 'NOT met'})`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
