// The size of the files under src/ a reader of the code opens: every .ts/.tsx but the tests, in lines as
// `wc -l` counts them (newlines), with the median, the 90th percentile and the files over 200 lines.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface SourceSize {
  files: number;
  median: number;
  p90: number;
  /** Files over 200 lines, longest first. */
  over200: Array<{ path: string; lines: number }>;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The value at or below which `share` of the sorted values lie (nearest rank). */
export function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] ?? 0;
}

export function sourceSize(root: string): SourceSize {
  const counted = sourceFiles(join(root, 'src')).map((path) => ({
    path: relative(root, path),
    lines: readFileSync(path, 'utf8').split('\n').length - 1,
  }));
  const lines = counted.map((c) => c.lines).sort((a, b) => a - b);
  return {
    files: counted.length,
    median: percentile(lines, 0.5),
    p90: percentile(lines, 0.9),
    over200: counted.filter((c) => c.lines > 200).sort((a, b) => b.lines - a.lines),
  };
}
