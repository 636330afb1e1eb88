// Turns an uploaded image into what readers download: responsive AVIF, WebP and JPEG/PNG variants and a
// cleaned original, upright and with every piece of metadata (EXIF, GPS, XMP, IPTC) gone but the colour.
import sharp, { type Metadata, type Sharp } from 'sharp';
import { Invalid } from '../http/errors.js';
import type { Variant } from './media.js';

export type SourceFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif';

export interface ImageInfo {
  format: SourceFormat;
  mimeType: string;
  /** Upright size, after the EXIF orientation is applied. */
  width: number;
  height: number;
  /** True only when some pixel is actually see-through; an unused alpha channel does not count. */
  transparent: boolean;
}

export interface EncodedImage extends Variant {
  contentType: string;
  data: Buffer;
}

export interface RenderedImage {
  info: ImageInfo;
  original: EncodedImage;
  variants: EncodedImage[];
}

/** The widths a layout asks for, from a phone's column to a wide desktop hero. */
export const VARIANT_WIDTHS = [320, 640, 960, 1280, 1920] as const;

// 60 megapixels covers every camera a newsroom uses; beyond it decoding costs more memory than a small
// server should spend on one upload.
export const MAX_INPUT_PIXELS = 60_000_000;

export const CONTENT_TYPES: Record<Variant['format'], string> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
};

export const EXTENSIONS: Record<Variant['format'], string> = {
  avif: 'avif',
  webp: 'webp',
  jpeg: 'jpg',
  png: 'png',
  gif: 'gif',
};

const ACCEPTED = 'Upload a JPEG, PNG, WebP, AVIF or GIF image.';

function unreadable(message: string): Invalid {
  return new Invalid(message, { file: message });
}

/** Reads the real type from the bytes (never the file name) and rejects what we do not publish. */
export async function inspectImage(data: Buffer): Promise<ImageInfo> {
  let meta: Metadata;
  try {
    meta = await sharp(data, { limitInputPixels: false }).metadata();
  } catch {
    throw unreadable(`That file is not an image we can read. ${ACCEPTED}`);
  }
  let format: SourceFormat;
  if (meta.format === 'heif') {
    // HEIF is a container: AV1 inside is AVIF; HEVC inside is an iPhone HEIC, which browsers cannot show.
    if (meta.compression !== 'av1') throw unreadable(`HEIC photos are not supported. ${ACCEPTED}`);
    format = 'avif';
  } else if (
    meta.format === 'jpeg' ||
    meta.format === 'png' ||
    meta.format === 'webp' ||
    meta.format === 'gif'
  ) {
    format = meta.format;
  } else {
    throw unreadable(`Images of type ${meta.format.toUpperCase()} are not supported. ${ACCEPTED}`);
  }
  if (meta.width * meta.height > MAX_INPUT_PIXELS) {
    throw unreadable(`That image is ${meta.width} × ${meta.height} pixels; the limit is 60 megapixels.`);
  }
  const transparent =
    meta.hasAlpha && !(await sharp(data, { limitInputPixels: MAX_INPUT_PIXELS }).stats()).isOpaque;
  return {
    format,
    mimeType: CONTENT_TYPES[format],
    width: meta.autoOrient.width,
    height: meta.autoOrient.height,
    transparent,
  };
}

/** The variant widths for an image this wide: never wider than the original, and at least one. */
export function variantWidths(originalWidth: number): number[] {
  const widths = VARIANT_WIDTHS.filter((w) => w <= originalWidth);
  return widths.length > 0 ? widths : [originalWidth];
}

// Quality settings judged by eye on photographs; AVIF effort 2 encodes several times faster than the
// default 4 for a few percent more bytes, which matters when a 2-core server encodes on upload.
function encode(pipeline: Sharp, format: Variant['format'], purpose: 'variant' | 'original'): Sharp {
  const high = purpose === 'original';
  switch (format) {
    case 'avif':
      return pipeline.avif({ quality: high ? 64 : 50, effort: 2, chromaSubsampling: '4:2:0' });
    case 'webp':
      return pipeline.webp({ quality: high ? 90 : 78, effort: 4 });
    case 'jpeg':
      return pipeline.jpeg({ quality: high ? 90 : 80, progressive: true, mozjpeg: !high });
    case 'png':
      return pipeline.png({ compressionLevel: 9, adaptiveFiltering: true });
    case 'gif':
      return pipeline.gif();
  }
}

async function toEncoded(pipeline: Sharp, format: Variant['format'], key: string): Promise<EncodedImage> {
  const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
  return { format, key, width: info.width, height: info.height, contentType: CONTENT_TYPES[format], data };
}

/**
 * Renders the cleaned original (`<baseKey>/original.<ext>`, in its own format) and the variants
 * (`<baseKey>/<width>.<ext>`), all upright, in sRGB with an sRGB profile, and with no other metadata.
 */
export async function renderImage(data: Buffer, baseKey: string, info?: ImageInfo): Promise<RenderedImage> {
  const source = info ?? (await inspectImage(data));
  // sharp writes no metadata unless asked; withIccProfile converts the pixels to sRGB and keeps only
  // that profile, so colours stay right while EXIF (GPS, camera serials) and XMP are dropped.
  const base = sharp(data, { limitInputPixels: MAX_INPUT_PIXELS }).autoOrient().withIccProfile('srgb');
  const fallback: Variant['format'] = source.transparent ? 'png' : 'jpeg';
  try {
    const original = await toEncoded(
      encode(base.clone(), source.format, 'original'),
      source.format,
      `${baseKey}/original.${EXTENSIONS[source.format]}`,
    );
    const variants: EncodedImage[] = [];
    // One width at a time, its three formats together: keeps both cores busy without holding every
    // decoded size in memory at once.
    for (const width of variantWidths(source.width)) {
      const resized = base.clone().resize({ width, withoutEnlargement: true });
      const formats: Variant['format'][] = ['avif', 'webp', fallback];
      variants.push(
        ...(await Promise.all(
          formats.map((f) =>
            toEncoded(encode(resized.clone(), f, 'variant'), f, `${baseKey}/${width}.${EXTENSIONS[f]}`),
          ),
        )),
      );
    }
    return { info: source, original, variants };
  } catch (error) {
    if (error instanceof Invalid) throw error;
    // The header parsed but the pixels did not: a truncated or corrupt upload.
    throw unreadable(`That image appears to be damaged and could not be processed. ${ACCEPTED}`);
  }
}

/** The part of an encoded image the media row stores. */
export function variantOf(image: EncodedImage): Variant {
  return { format: image.format, width: image.width, height: image.height, key: image.key };
}
