// The image queue with tasks the test finishes by hand: how many run at once, who goes next, and the
// refusal once the line is full. Real uploads through it are in admin/routes.test.ts.
import { describe, expect, it } from 'vitest';
import { ImageQueueFull, imageQueue } from './image-queue.js';

function task() {
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { run: () => done, finish, fail };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('imageQueue', () => {
  it('runs no more than its concurrency at once, and the rest in the order they came', async () => {
    const queue = imageQueue({ concurrency: 2, maxWaiting: 5 });
    const tasks = Array.from({ length: 5 }, task);
    const started: number[] = [];
    const results = tasks.map((t, i) =>
      queue.run(() => {
        started.push(i);
        return t.run();
      }),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    expect([queue.running, queue.waiting]).toEqual([2, 3]);

    tasks[1]!.finish();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    expect([queue.running, queue.waiting]).toEqual([2, 2]);

    // A task that fails gives up its place as one that succeeds does.
    tasks[0]!.fail(new Error('damaged'));
    await expect(results[0]).rejects.toThrow('damaged');
    await settle();
    expect(started).toEqual([0, 1, 2, 3]);

    for (const t of tasks) t.finish();
    await Promise.allSettled(results);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect([queue.running, queue.waiting]).toEqual([0, 0]);
  });

  it('refuses at once when the line is full, saying when to try again', async () => {
    const queue = imageQueue({ concurrency: 1, maxWaiting: 1 });
    const first = task();
    const second = task();
    const running = queue.run(first.run);
    const waiting = queue.run(second.run);
    const refused = await queue.run(async () => 'never').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ImageQueueFull);
    expect((refused as ImageQueueFull).status).toBe(503);
    expect((refused as ImageQueueFull).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((refused as ImageQueueFull).message).toContain(
      `try again in ${(refused as ImageQueueFull).retryAfterSeconds} seconds`,
    );

    first.finish();
    second.finish();
    await Promise.all([running, waiting]);
    // With the line empty again, the next image is taken.
    expect(await queue.run(async () => 'taken')).toBe('taken');
  });

  it('with no waiting allowed, takes only as many as it runs', async () => {
    const queue = imageQueue({ concurrency: 1, maxWaiting: 0 });
    const first = task();
    const running = queue.run(first.run);
    await expect(queue.run(async () => 'second')).rejects.toBeInstanceOf(ImageQueueFull);
    first.finish();
    await running;
  });
});
