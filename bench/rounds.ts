// Interleaved rounds: every scenario once per round, round after round, so that whatever else the machine
// does at a moment weighs on all scenarios alike; each figure is the median of its rounds. The memory of
// every server is sampled all the while.
import { cpuMs, sampleRss } from './proc.js';
import { type Load, runWrk, type WrkResult, type WrkTarget } from './wrk.js';

export interface Scenario {
  key: string;
  label: string;
  /** The process answering, whose memory is watched. */
  pid: number;
  target(): WrkTarget;
  /** Told each result (posting numbers its readers on from there). */
  ran?(result: WrkResult): void;
}

/** A run of wrk, and the CPU time the answering process spent on each request it answered. */
export type Run = WrkResult & { serverCpuMsPerRequest: number };

export interface Rounds {
  runs: Map<string, Run[]>;
  /** The highest resident memory of each process while loaded, in MB. */
  peakRssMb: Map<number, number>;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export async function measureRounds(
  scenarios: readonly Scenario[],
  load: Load,
  rounds: number,
  warmUpSeconds: number,
  progress: (line: string) => void,
): Promise<Rounds> {
  const sampler = sampleRss([...new Set(scenarios.map((s) => s.pid))], 200);
  const runs = new Map(scenarios.map((s) => [s.key, [] as Run[]]));
  const once = async (s: Scenario, seconds: number): Promise<Run> => {
    const cpuBefore = cpuMs(s.pid);
    const result = await runWrk(s.target(), load, seconds);
    const serverCpuMsPerRequest = (cpuMs(s.pid) - cpuBefore) / Math.max(1, result.requests);
    s.ran?.(result);
    return { ...result, serverCpuMsPerRequest };
  };
  try {
    if (warmUpSeconds > 0) {
      progress(`warming up: ${scenarios.length} scenarios, ${warmUpSeconds} s each`);
      for (const s of scenarios) await once(s, warmUpSeconds);
    }
    for (let round = 1; round <= rounds; round++) {
      progress(`round ${round} of ${rounds}`);
      for (const s of scenarios) runs.get(s.key)!.push(await once(s, load.seconds));
    }
  } catch (error) {
    sampler.stop();
    throw error;
  }
  return { runs, peakRssMb: sampler.stop() };
}
