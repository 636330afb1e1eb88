// sharp (libvips), loaded on the first image and set up for a small server: a start that processes no image
// never loads libvips (a 19 MB library, some 18 MB of memory), and image work keeps to one thread, uncached.
import type { default as Sharp } from 'sharp';

export type SharpModule = typeof Sharp;

let loading: Promise<SharpModule> | undefined;

export function loadSharp(): Promise<SharpModule> {
  loading ??= import('sharp').then(({ default: sharp }) => {
    // libvips keeps recent operations (up to 50 MB and 20 files) to reuse their pixels; an upload is
    // decoded once and never again, so the cache would only hold memory after the work is done.
    sharp.cache(false);
    // One thread per image: the image queue decides how many images run at once, so the cores left are
    // the readers'.
    sharp.concurrency(1);
    return sharp;
  });
  return loading;
}
