// The image formats the library writes, with their content types and file extensions: one table for the
// code that encodes files and the route that serves them (which must not load the encoder).
import type { Variant } from './media.js';

export type ImageFormat = Variant['format'];

export const CONTENT_TYPES: Record<ImageFormat, string> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
};

export const EXTENSIONS: Record<ImageFormat, string> = {
  avif: 'avif',
  webp: 'webp',
  jpeg: 'jpg',
  png: 'png',
  gif: 'gif',
};

const TYPE_BY_EXTENSION = new Map(
  (Object.keys(EXTENSIONS) as ImageFormat[]).map((f) => [EXTENSIONS[f], CONTENT_TYPES[f]]),
);

/** The content type of a stored file by its key's extension; undefined for anything we do not write. */
export function contentTypeOf(key: string): string | undefined {
  const dot = key.lastIndexOf('.');
  return dot < 0 ? undefined : TYPE_BY_EXTENSION.get(key.slice(dot + 1));
}
