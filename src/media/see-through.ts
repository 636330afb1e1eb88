// Whether an image with an alpha channel has any pixel that is actually see-through: such an image keeps a
// PNG fallback, one whose alpha channel is unused gets a JPEG. Read as a stream of the alpha channel alone,
// so a 60-megapixel upload is never held decoded in memory (sharp's stats() holds all of it).
import type { SharpModule } from './load-sharp.js';

const OPAQUE = Buffer.alloc(64 * 1024, 255);

export async function hasSeeThroughPixels(sharp: SharpModule, data: Buffer, limitInputPixels: number) {
  const alpha = sharp(data, { limitInputPixels }).extractChannel('alpha').raw();
  for await (const chunk of alpha as AsyncIterable<Buffer>) {
    for (let at = 0; at < chunk.length; at += OPAQUE.length) {
      const part = chunk.subarray(at, at + OPAQUE.length);
      // Leaving the loop ends the stream: the first see-through pixel is enough.
      if (!part.equals(OPAQUE.subarray(0, part.length))) return true;
    }
  }
  return false;
}
