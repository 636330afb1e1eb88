// How the bench prints: numbers as people read them, the load table (median of the rounds and every round),
// and each target of the structure issue with the figure measured and, plainly, met or NOT met.
import { median, type Run, type Scenario } from './rounds.js';
import type { WrkResult } from './wrk.js';

export const print = (line = '') => process.stdout.write(`${line}\n`);
/** Progress goes to stderr: `npm run bench > figures.txt` keeps the figures alone. */
export const progress = (line: string) => process.stderr.write(`  · ${line}\n`);

export const int = (n: number) => Math.round(n).toLocaleString('en');
export const ms = (n: number) => (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0));
export const mb = (n: number) => `${n.toFixed(0)} MB`;
export const percent = (ratio: number) => `${(ratio * 100).toFixed(0)} %`;

export function loadTable(scenarios: readonly Scenario[], runs: Map<string, Run[]>): void {
  print(
    `${'scenario'.padEnd(46)} ${'req/s'.padStart(8)} ${'p99 ms'.padStart(8)} ${'CPU ms'.padStart(7)}   ` +
      'each round (req/s; p99 ms)',
  );
  for (const s of scenarios) {
    const results: Run[] = runs.get(s.key) ?? [];
    const rounds = results.map((r) => `${int(r.requestsPerSecond)}; ${ms(r.p99Ms)}`).join(' | ');
    const failed = results.reduce((sum, r) => sum + r.failed, 0);
    const socket = results.reduce((sum, r) => sum + r.socketErrors, 0);
    const errors = failed || socket ? `   !! ${failed} non-2xx/3xx, ${socket} socket errors` : '';
    print(
      `${s.label.padEnd(46)} ${int(medianOf(results, 'requestsPerSecond')).padStart(8)} ` +
        `${ms(medianOf(results, 'p99Ms')).padStart(8)} ${cpu(results).padStart(7)}   ${rounds}${errors}`,
    );
  }
}

/** The server's CPU time per request, median of the rounds. */
export function cpu(results: readonly Run[]): string {
  return median(results.map((r) => r.serverCpuMsPerRequest)).toFixed(2);
}

export function medianOf(results: readonly WrkResult[], field: 'requestsPerSecond' | 'p99Ms'): number {
  return median(results.map((r) => r[field]));
}

/** The median over rounds of one scenario's requests/s divided by another's in the same round. */
export function roundRatios(a: readonly WrkResult[], b: readonly WrkResult[]) {
  const each = a.map((r, i) => r.requestsPerSecond / b[i]!.requestsPerSecond);
  return { median: median(each), each: each.map(percent).join(' / ') };
}

export interface Target {
  /** null: a figure to know, with no target; 'unsure': measured, but the measurement cannot judge it. */
  met: boolean | null | 'unsure';
  text: string;
}

export function printTargets(targets: readonly Target[]): void {
  for (const t of targets) {
    const verdict =
      t.met === null ? 'info   ' : t.met === 'unsure' ? 'UNSURE ' : t.met ? 'met    ' : 'NOT met';
    print(`${verdict}  ${t.text}`);
  }
  const count = (met: Target['met']) => targets.filter((t) => t.met === met).length;
  const unsure = count('unsure') ? `, ${count('unsure')} not judged (see UNSURE)` : '';
  print(`\n${count(true)} targets met, ${count(false)} not met${unsure}.`);
}
