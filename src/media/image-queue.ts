// The image work of one process, in line: at most `concurrency` images are decoded and encoded at once and
// at most `maxWaiting` wait; past that an upload is refused at once (503 with Retry-After) rather than
// holding its file in memory until its turn. The cores and memory left over are the readers'.
import { DomainError } from '../http/errors.js';
import { MAX_INPUT_PIXELS } from './inspect-image.js';

export class ImageQueueFull extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      'BUSY',
      503,
      `The server is busy with other images. Please try again in ${retryAfterSeconds} seconds.`,
    );
  }
}

export interface ImageQueue {
  /** Runs the task when a place is free; throws ImageQueueFull at once when the line is full. */
  run<T>(task: () => Promise<T>): Promise<T>;
  readonly running: number;
  readonly waiting: number;
  /** The largest image (width × height) this process takes into the queue at all. */
  readonly maxPixels: number;
}

export interface ImageQueueOptions {
  concurrency: number;
  maxWaiting: number;
  /** IMAGE_MAX_MEGAPIXELS in pixels; MAX_INPUT_PIXELS (50 megapixels) when not given. */
  maxPixels?: number;
}

// Until an image has been timed: a camera photograph takes a few seconds on a small server.
const FIRST_GUESS_MS = 5000;
const MAX_RETRY_AFTER_SECONDS = 120;

export function imageQueue({
  concurrency,
  maxWaiting,
  maxPixels = MAX_INPUT_PIXELS,
}: ImageQueueOptions): ImageQueue {
  let running = 0;
  const waiting: Array<() => void> = [];
  let averageMs = FIRST_GUESS_MS;

  // When the line ahead of a newcomer would be through, at the pace of the last few images.
  function retryAfterSeconds(): number {
    const rounds = Math.ceil((running + waiting.length) / concurrency);
    return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil((rounds * averageMs) / 1000)));
  }

  async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running < concurrency) running += 1;
    else if (waiting.length < maxWaiting) await new Promise<void>((resolve) => waiting.push(resolve));
    else throw new ImageQueueFull(retryAfterSeconds());
    const started = performance.now();
    try {
      return await task();
    } finally {
      averageMs = 0.7 * averageMs + 0.3 * (performance.now() - started);
      // The place passes straight to the next in line, so a newcomer cannot overtake it.
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  }

  return {
    run,
    maxPixels,
    get running() {
      return running;
    },
    get waiting() {
      return waiting.length;
    },
  };
}
