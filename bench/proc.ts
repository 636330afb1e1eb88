// What /proc says about processes: resident memory as the kernel counts it (VmRSS), sampled while loaded;
// CPU time used; a process's descendants; which process holds a listening socket.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** Fields of /proc/<pid>/stat after the command name (which sits in parentheses and may hold spaces). */
function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/**
 * CPU time a process has used so far (user and system), in ms. Unlike requests/s it hardly changes with
 * what else runs on the machine: what a request costs the server, whoever else wants the cores.
 */
export function cpuMs(pid: number): number {
  const fields = statFields(pid);
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** Whether the process runs: neither gone nor a zombie waiting to be reaped. */
export function isRunning(pid: number): boolean {
  try {
    return statFields(pid)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Resident memory of a process in MB, as the kernel counts it; 0 once it has gone. */
export function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** The most resident memory the process has had so far (VmHWM): its peak, without sampling. */
export function peakRssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** Samples the memory of some processes until stopped; returns the highest seen of each. */
export function sampleRss(pids: number[], everyMs = 100): { stop(): Map<number, number> } {
  const peaks = new Map(pids.map((p) => [p, rssMb(p)]));
  const timer = setInterval(() => {
    for (const p of pids) peaks.set(p, Math.max(peaks.get(p) ?? 0, rssMb(p)));
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      for (const p of pids) peaks.set(p, Math.max(peaks.get(p) ?? 0, rssMb(p)));
      return peaks;
    },
  };
}

export interface ProcessInfo {
  pid: number;
  parent: number;
  command: string;
  rssMb: number;
}

/** A process and all its descendants, parents first, each with its command line and memory. */
export function processTree(rootPid: number): ProcessInfo[] {
  const all: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = Number(statFields(Number(entry))[1]);
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      all.push({ pid: Number(entry), parent, command, rssMb: rssMb(Number(entry)) });
    } catch {
      // Gone while listing.
    }
  }
  const tree: ProcessInfo[] = [];
  const visit = (pid: number) => {
    const self = all.find((p) => p.pid === pid);
    if (!self) return;
    tree.push(self);
    for (const child of all.filter((p) => p.parent === pid)) visit(child.pid);
  };
  visit(rootPid);
  return tree;
}

/** Which of the processes holds the socket listening on the port (from /proc/net/tcp and each one's fds). */
export function listeningPid(port: number, processes: ProcessInfo[]): number | null {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is ADDR:PORT in hex; state 0A is LISTEN; the inode is the tenth field.
      if (fields[3] === '0A' && Number.parseInt(fields[1]?.split(':')[1] ?? '', 16) === port) {
        inodes.add(fields[9]!);
      }
    }
  }
  for (const p of processes) {
    try {
      for (const fd of readdirSync(`/proc/${p.pid}/fd`)) {
        const link = readlinkSync(`/proc/${p.pid}/fd/${fd}`);
        if (inodes.has(/^socket:\[(\d+)\]$/.exec(link)?.[1] ?? '')) return p.pid;
      }
    } catch {
      // Gone, or not ours to read.
    }
  }
  return null;
}
