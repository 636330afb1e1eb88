// The WordPress export reader alone, on a generated export of about 500 MB: records per second, posts per
// second, and the process's peak memory (the issue's target is an import under 300 MB, so the reader must
// stay far below it whatever the file's size).
//   npx tsx bench/wxr-read.ts [--posts 170000] [--file existing.xml] [--keep]
// The export is written by bench/support/generate-wxr.ts in a child process, so its memory is not counted.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readWxr } from '../src/import/wordpress/wxr-reader.js';
import { int, mb, print, progress } from './report.js';

const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '170000' },
    file: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const here = dirname(fileURLToPath(import.meta.url));
const folder = values.file === undefined ? mkdtempSync(join(tmpdir(), 'bench-wxr-')) : undefined;
const file = values.file ?? join(folder ?? tmpdir(), 'generated.xml');

if (!existsSync(file)) {
  progress(`generating ${values.posts} posts into ${file}`);
  const generated = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(here, 'support', 'generate-wxr.ts'),
      file,
      '--posts',
      values.posts,
      '--attachment-every',
      '5',
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (generated.status !== 0) throw new Error('generating the export failed');
}

const bytes = statSync(file).size;
const counts = new Map<string, number>();
let comments = 0;
let peakRss = process.memoryUsage().rss;
let peakHeap = process.memoryUsage().heapUsed;
const sampler = setInterval(() => {
  const usage = process.memoryUsage();
  peakRss = Math.max(peakRss, usage.rss);
  peakHeap = Math.max(peakHeap, usage.heapUsed);
}, 50);

progress(`reading ${(bytes / 1e6).toFixed(0)} MB`);
const started = performance.now();
const cpuBefore = process.cpuUsage();
for await (const record of readWxr(file)) {
  counts.set(record.kind, (counts.get(record.kind) ?? 0) + 1);
  if (record.kind === 'post') comments += record.comments.length;
}
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
clearInterval(sampler);
// The kernel's own high-water mark of this process, in case a peak fell between two samples.
peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);

const records = [...counts.values()].reduce((sum, n) => sum + n, 0);
const posts = counts.get('post') ?? 0;
print('WordPress export reader (bench/wxr-read.ts)');
print(
  `  file                 ${(bytes / 1e6).toFixed(0)} MB, read in ${seconds.toFixed(1)} s (${(bytes / 1e6 / seconds).toFixed(1)} MB/s)`,
);
print(
  `  records              ${int(records)} (${[...counts].map(([kind, n]) => `${kind} ${int(n)}`).join(', ')}; ${int(comments)} comments inside posts)`,
);
print(
  `  CPU time             ${cpuSeconds.toFixed(1)} s (wall time includes waiting for a busy machine's CPU)`,
);
print(`  records per second   ${int(records / seconds)} (${int(records / cpuSeconds)} per CPU second)`);
print(`  posts per second     ${int(posts / seconds)} (${int(posts / cpuSeconds)} per CPU second)`);
print(`  peak RSS             ${mb(peakRss / 1e6)} (the process, Node and tsx included)`);
print(`  peak heap used       ${mb(peakHeap / 1e6)}`);

if (folder !== undefined && !values.keep) rmSync(folder, { recursive: true, force: true });
else progress(`kept ${file}`);
