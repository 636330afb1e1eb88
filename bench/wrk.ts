// The load generator: Debian's wrk, run as its own process, and the figures read from what it prints
// (requests/s, the latency distribution of --latency, answers that were not 2xx/3xx, socket errors).
import { execFile } from 'node:child_process';
import { join } from 'node:path';

export const WRK = process.env.BENCH_WRK ?? '/usr/bin/wrk';
const LUA = join(import.meta.dirname, 'lua');

export interface Load {
  threads: number;
  connections: number;
  seconds: number;
}

export interface WrkTarget {
  url: string;
  /** A script of bench/lua/ and its arguments (random paths, posted comments). */
  script?: { name: string; args: string[] };
  /** Headers sent with every request, as "Name: value". */
  headers?: string[];
}

export interface WrkResult {
  requestsPerSecond: number;
  requests: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers wrk counts as failures: neither 2xx nor 3xx. */
  failed: number;
  socketErrors: number;
}

export function runWrk(target: WrkTarget, load: Load, seconds = load.seconds): Promise<WrkResult> {
  const args = [
    `-t${load.threads}`,
    `-c${load.connections}`,
    `-d${seconds}s`,
    // A slow answer must show in the p99, not vanish as a timeout after wrk's default 2 s.
    '--timeout',
    '20s',
    '--latency',
    ...(target.headers ?? []).flatMap((header) => ['-H', header]),
    ...(target.script ? ['-s', join(LUA, target.script.name)] : []),
    target.url,
    ...(target.script ? ['--', ...target.script.args] : []),
  ];
  return new Promise((resolve, reject) => {
    execFile(WRK, args, { encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`wrk ${args.join(' ')} failed: ${stderr || error.message}`));
      try {
        resolve(parseWrk(stdout));
      } catch (parseError) {
        reject(new Error(`${(parseError as Error).message} in:\n${stdout}${stderr}`));
      }
    });
  });
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

export function parseWrk(out: string): WrkResult {
  const perSecond = /^Requests\/sec:\s+([\d.]+)/m.exec(out);
  const total = /^\s*(\d+) requests in /m.exec(out);
  if (!perSecond || !total) throw new Error('wrk printed no requests/s');
  const percentile = (p: number) => {
    const m = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(out);
    if (!m) throw new Error(`wrk printed no ${p}% latency`);
    return Number(m[1]) * UNIT_MS[m[2]!]!;
  };
  const sockets = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    requestsPerSecond: Number(perSecond[1]),
    requests: Number(total[1]),
    p50Ms: percentile(50),
    p99Ms: percentile(99),
    failed: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
    socketErrors: sockets ? sockets.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
  };
}
