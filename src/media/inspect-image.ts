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

// 60 megapixels covers every camera a newsroom uses; beyond it decoding costs more memory than a small
// server should spend on one upload.
export const MAX_INPUT_PIXELS = 60_000_000;

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

/** Reads the real type from the bytes and rejects what we do not publish, or what is too large to decode. */
export async function inspectImage(data: Buffer): Promise<ImageHeader> {
  const sharp = await loadSharp();
  let meta: Metadata;
  try {
    meta = await sharp(data, { limitInputPixels: false }).metadata();
  } catch {
    throw unreadable(`That file is not an image we can read. ${ACCEPTED}`);
  }
  const format = publishedFormat(meta);
  if (meta.width * meta.height > MAX_INPUT_PIXELS) {
    throw unreadable(`That image is ${meta.width} × ${meta.height} pixels; the limit is 60 megapixels.`);
  }
  return {
    format,
    mimeType: CONTENT_TYPES[format],
    width: meta.autoOrient.width,
    height: meta.autoOrient.height,
    hasAlpha: meta.hasAlpha,
  };
}
