// Turns an uploaded image into what readers download: responsive AVIF, WebP and JPEG/PNG variants and a
// cleaned original, upright and with every piece of metadata (EXIF, GPS, XMP, IPTC) gone but the colour.
import type { Sharp } from 'sharp';
import { Invalid } from '../http/errors.js';
import { CONTENT_TYPES, EXTENSIONS, type ImageFormat } from './image-formats.js';
import { ACCEPTED, type ImageHeader, inspectImage, MAX_INPUT_PIXELS, unreadable } from './inspect-image.js';
import { loadSharp, type SharpModule } from './load-sharp.js';
import type { Variant } from './media.js';
import { hasSeeThroughPixels } from './see-through.js';

export interface ImageInfo extends ImageHeader {
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

/** The variant widths for an image this wide: never wider than the original, and at least one. */
export function variantWidths(originalWidth: number): number[] {
  const widths = VARIANT_WIDTHS.filter((w) => w <= originalWidth);
  return widths.length > 0 ? widths : [originalWidth];
}

// Quality settings judged by eye on photographs; AVIF effort 2 encodes several times faster than the
// default 4 for a few percent more bytes, which matters when a 2-core server encodes on upload.
function encode(pipeline: Sharp, format: ImageFormat, purpose: 'variant' | 'original'): Sharp {
  const high = purpose === 'original';
  switch (format) {
    case 'avif':
      return pipeline.avif({ quality: high ? 64 : 50, effort: 2, chromaSubsampling: '4:2:0' });
    case 'webp':
      return pipeline.webp({ quality: high ? 90 : 78, effort: 4 });
    case 'jpeg':
      return pipeline.jpeg({ quality: high ? 90 : 80, progressive: true, mozjpeg: !high });
    case 'png':
      // Level 9 costs ten times the CPU of zlib's default 6 for some 9% fewer bytes: worth it for the
      // variants readers download, not for a 60-megapixel original that is only kept (97 s against 9 s).
      return pipeline.png({ compressionLevel: high ? 6 : 9, adaptiveFiltering: true });
    case 'gif':
      return pipeline.gif();
  }
}

async function toEncoded(pipeline: Sharp, format: ImageFormat, key: string): Promise<EncodedImage> {
  const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
  return { format, key, width: info.width, height: info.height, contentType: CONTENT_TYPES[format], data };
}

/**
 * The pixels of the largest variant, upright and in sRGB, decoded from the upload once: every variant is
 * made from them, so a 60-megapixel upload is decoded at most three times (see-through check, original, this)
 * rather than once per variant, and what stays in memory is a 1920-pixel image, not a 60-megapixel one.
 */
async function largestVariantPixels(sharp: SharpModule, source: () => Sharp, width: number) {
  const { data, info } = await source()
    .resize({ width, withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const raw = { width: info.width, height: info.height, channels: info.channels };
  return () => sharp(data, { raw });
}

/**
 * Renders the cleaned original (`<baseKey>/original.<ext>`, in its own format) and the variants
 * (`<baseKey>/<width>.<ext>`), all upright, in sRGB with an sRGB profile, and with no other metadata.
 * One encoder runs at a time: the image queue, not this function, decides how many cores images take.
 */
export async function renderImage(
  data: Buffer,
  baseKey: string,
  header?: ImageHeader,
  maxPixels = MAX_INPUT_PIXELS,
): Promise<RenderedImage> {
  const sharp = await loadSharp();
  const checked = header ?? (await inspectImage(data, maxPixels));
  // sharp writes no metadata unless asked; withIccProfile converts the pixels to sRGB and keeps only
  // that profile, so colours stay right while EXIF (GPS, camera serials) and XMP are dropped.
  const source = () => sharp(data, { limitInputPixels: maxPixels }).autoOrient().withIccProfile('srgb');
  try {
    const transparent = checked.hasAlpha && (await hasSeeThroughPixels(sharp, data, maxPixels));
    const info: ImageInfo = { ...checked, transparent };
    const original = await toEncoded(
      encode(source(), info.format, 'original'),
      info.format,
      `${baseKey}/original.${EXTENSIONS[info.format]}`,
    );
    const widths = variantWidths(info.width);
    const pixels = await largestVariantPixels(sharp, source, Math.max(...widths));
    const formats: ImageFormat[] = ['avif', 'webp', transparent ? 'png' : 'jpeg'];
    const variants: EncodedImage[] = [];
    for (const width of widths) {
      for (const format of formats) {
        const resized = pixels().resize({ width, withoutEnlargement: true }).withIccProfile('srgb');
        const key = `${baseKey}/${width}.${EXTENSIONS[format]}`;
        variants.push(await toEncoded(encode(resized, format, 'variant'), format, key));
      }
    }
    return { info, original, variants };
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
