// The loop every background job runs in, on fake timers: when passes start, that they never overlap, that a
// failure is reported and the loop goes on, that "more work" repeats at once, and what stop() waits for.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type PeriodicJob, type PeriodicJobOptions, startPeriodicJob } from './periodic-job.js';

/** A pass that stays in progress until the test lets it finish. */
function heldPass() {
  const waiting: Array<(value: unknown) => void> = [];
  let starts = 0;
  return {
    starts: () => starts,
    pass: () => {
      starts++;
      return new Promise((resolve) => waiting.push(resolve));
    },
    finish: (value?: unknown) => waiting.shift()?.(value),
  };
}

describe('startPeriodicJob', () => {
  let job: PeriodicJob | undefined;
  const errors: unknown[] = [];
  const start = (options: Partial<PeriodicJobOptions> & Pick<PeriodicJobOptions, 'pass'>) => {
    job = startPeriodicJob({ intervalMs: 1000, onError: (error) => errors.push(error), ...options });
    return job;
  };

  beforeEach(() => {
    vi.useFakeTimers();
    errors.length = 0;
  });
  afterEach(async () => {
    await job?.stop();
    job = undefined;
    vi.useRealTimers();
  });

  it('runs the first pass at once with firstRunAfterMs 0, then once per interval', async () => {
    let passes = 0;
    start({ pass: async () => void passes++, firstRunAfterMs: 0 });
    expect(passes).toBe(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(passes).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(passes).toBe(2);
    await vi.advanceTimersByTimeAsync(3000);
    expect(passes).toBe(5);
  });

  it('waits one interval for the first pass without firstRunAfterMs', async () => {
    let passes = 0;
    start({ pass: async () => void passes++ });
    await vi.advanceTimersByTimeAsync(999);
    expect(passes).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(passes).toBe(1);
  });

  it('runs the first pass after firstRunAfterMs, the interval still counted from the start', async () => {
    let passes = 0;
    start({ pass: async () => void passes++, firstRunAfterMs: 300 });
    await vi.advanceTimersByTimeAsync(299);
    expect(passes).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(passes).toBe(1);
    await vi.advanceTimersByTimeAsync(700);
    expect(passes).toBe(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(passes).toBe(3);
  });

  it('never starts a pass while one is in progress, and skips the ticks it covered', async () => {
    const held = heldPass();
    start({ pass: held.pass, firstRunAfterMs: 0 });
    await vi.advanceTimersByTimeAsync(5500);
    expect(held.starts()).toBe(1);
    held.finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(held.starts()).toBe(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(held.starts()).toBe(2);
    held.finish();
  });

  it('reports a failed pass and runs the next one at the next tick', async () => {
    let passes = 0;
    start({
      pass: async () => {
        passes++;
        if (passes === 1) throw new Error('database away');
      },
      firstRunAfterMs: 0,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(errors.map((e) => (e as Error).message)).toEqual(['database away']);
    await vi.advanceTimersByTimeAsync(2000);
    expect(passes).toBe(3);
    expect(errors).toHaveLength(1);
  });

  it('runs again at once while a pass says more work waits, and only for true', async () => {
    const outcomes: unknown[] = [true, true, 10, true, false];
    let passes = 0;
    start({ pass: async () => outcomes[passes++], firstRunAfterMs: 0 });
    await vi.advanceTimersByTimeAsync(0);
    // Two passes asked for more; the third's count is no request.
    expect(passes).toBe(3);
    await vi.advanceTimersByTimeAsync(1000);
    expect(passes).toBe(5);
  });

  it('stop() waits for the pass in progress and lets no new one start', async () => {
    const held = heldPass();
    let seen: boolean | undefined;
    const running = start({
      pass: async (signal) => {
        await held.pass();
        seen = signal.stopped;
        return true; // more work: refused, since the job stopped meanwhile
      },
      firstRunAfterMs: 0,
    });
    let stopped = false;
    const stopping = running.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(5000);
    expect(stopped).toBe(false);
    held.finish();
    await stopping;
    expect(stopped).toBe(true);
    expect(seen).toBe(true);
    await vi.advanceTimersByTimeAsync(5000);
    expect(held.starts()).toBe(1);
  });

  it('starts nothing after stop(), not even a first run still waiting for its time', async () => {
    let passes = 0;
    const waiting = start({ pass: async () => void passes++, firstRunAfterMs: 300 });
    await waiting.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(passes).toBe(0);
  });
});
