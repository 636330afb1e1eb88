// What an uploaded file really is, read from its header (never its name): the formats we publish, its
// upright size, and whether it has an alpha channel. Cheap: no pixel is decoded, so it runs before the queue.
import type { Metadata } from 'sharp';
import { Invalid } from '../http/errors.js';
import { CONTENT_TYPES } from './image-formats.js';
import { loadSharp } from './load-sharp.js';

export type SourceFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif';

export interface ImageHeader {
  format: SourceFormat;
  mimeType: string;
  /** Upright size, after the EXIF orientation is applied. */
  width: number;
  height: number;
  /** An alpha channel, used or not: whether any pixel is see-through takes decoding them (variants.ts). */
  hasAlpha: boolean;
}

// 50 megapixels covers the cameras a newsroom uses (a 45-megapixel full-frame body included); decoding one
// takes some 150 MB, and beyond it a small server spends more memory on one upload than it can spare.
// IMAGE_MAX_MEGAPIXELS changes it per server (config.ts); this is the default and the import tools' limit.
export const DEFAULT_MAX_MEGAPIXELS = 50;
export const MAX_INPUT_PIXELS = DEFAULT_MAX_MEGAPIXELS * 1_000_000;

export const ACCEPTED = 'Upload a JPEG, PNG, WebP, AVIF or GIF image.';

export function unreadable(message: string): Invalid {
  return new Invalid(message, { file: message });
}

function publishedFormat(meta: Metadata): SourceFormat {
  if (meta.format === 'heif') {
    // HEIF is a container: AV1 inside is AVIF; HEVC inside is an iPhone HEIC, which browsers cannot show.
    if (meta.compression !== 'av1') throw unreadable(`HEIC photos are not supported. ${ACCEPTED}`);
    return 'avif';
  }
  if (meta.format === 'jpeg' || meta.format === 'png' || meta.format === 'webp' || meta.format === 'gif') {
    return meta.format;
  }
  throw unreadable(`Images of type ${meta.format.toUpperCase()} are not supported. ${ACCEPTED}`);
}

/** "That image is 9000 × 7000 pixels (63 megapixels); the limit is 50 megapixels." */
export function tooManyPixelsMessage(width: number, height: number, maxPixels: number): string {
  const megapixels = (pixels: number) => {
    const mp = pixels / 1_000_000;
    return Number.isInteger(mp) ? String(mp) : mp.toFixed(1);
  };
  return (
    `That image is ${width} × ${height} pixels (${megapixels(width * height)} megapixels); ` +
    `the limit is ${megapixels(maxPixels)} megapixels. Save a smaller copy and upload that.`
  );
}

/**
 * Reads the real type from the bytes and rejects what we do not publish, or what is too large to decode
 * (more than `maxPixels`: the server's IMAGE_MAX_MEGAPIXELS, or the default).
 */
export async function inspectImage(data: Buffer, maxPixels = MAX_INPUT_PIXELS): Promise<ImageHeader> {
  const sharp = await loadSharp();
  let meta: Metadata;
  try {
    meta = await sharp(data, { limitInputPixels: false }).metadata();
  } catch {
    throw unreadable(`That file is not an image we can read. ${ACCEPTED}`);
  }
  const format = publishedFormat(meta);
  if (meta.width * meta.height > maxPixels) {
    throw unreadable(tooManyPixelsMessage(meta.width, meta.height, maxPixels));
  }
  return {
    format,
    mimeType: CONTENT_TYPES[format],
    width: meta.autoOrient.width,
    height: meta.autoOrient.height,
    hasAlpha: meta.hasAlpha,
  };
}
