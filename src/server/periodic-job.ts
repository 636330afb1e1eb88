// The one loop the background jobs run in (background-jobs.ts): a pass at a fixed rate, never two at once,
// a failed pass reported and the loop going on. It knows nothing of what a pass does: the domains' rules
// (claims and leases that let several instances run the same pass, what a pass leaves when it is stopped)
// stay in their passes, and background-jobs.ts gives each its interval.
//
// The rate is kept on the start's grid (like setInterval): a pass that outlasts the interval makes the loop
// skip the ticks it covered instead of queueing them, so a slow database never piles passes up.

/** What a pass may read while it runs: true once stop() was called, for a pass that can end early. */
export interface PassSignal {
  readonly stopped: boolean;
}

export interface PeriodicJobOptions {
  /**
   * One run of the job. Resolving to true (and only true: a count or a list is just the pass's outcome) means
   * more work waits, so the next pass starts at once rather than at the next tick.
   */
  pass: (signal: PassSignal) => Promise<unknown>;
  intervalMs: number;
  /** When the first pass runs: 0 at once (within this call), otherwise this long after the start; by default after one interval. */
  firstRunAfterMs?: number;
  /** Where a failed pass goes; the next tick tries again. */
  onError: (error: unknown) => void;
}

export interface PeriodicJob {
  /**
   * Takes effect at once: the timers are cleared and no pass starts again (a pass asking for more ends the
   * run). The promise resolves when the pass in progress, if any, has finished.
   */
  stop(): Promise<void>;
}

export function startPeriodicJob(options: PeriodicJobOptions): PeriodicJob {
  const signal = { stopped: false };
  let running: Promise<void> | null = null;

  const tick = () => {
    if (running || signal.stopped) return;
    running = (async () => {
      while ((await options.pass(signal)) === true && !signal.stopped) {
        // More work waits: the next pass at once.
      }
    })()
      .catch(options.onError)
      .finally(() => {
        running = null;
      });
  };

  const timers: NodeJS.Timeout[] = [];
  const first = options.firstRunAfterMs;
  if (first === 0) tick();
  else if (first !== undefined) timers.push(setTimeout(tick, first));
  timers.push(setInterval(tick, options.intervalMs));
  for (const timer of timers) timer.unref();

  return {
    async stop() {
      signal.stopped = true;
      for (const timer of timers) clearTimeout(timer);
      await running;
    },
  };
}
