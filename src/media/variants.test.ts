// Variants are checked by decoding what was written: real format, size, orientation and the absence of
// every piece of metadata a photographer's camera or phone puts in a file.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { Invalid } from '../http/errors.js';
import { renderImage, variantWidths } from './variants.js';

// The EXIF IFD0 entry 0x8825 points at the GPS block; little-endian as libvips writes it.
const GPS_POINTER = Buffer.from([0x25, 0x88]);

function solid(width: number, height: number, channels: 3 | 4 = 3, background = '#7a8b9c') {
  return sharp({ create: { width, height, channels, background } });
}

/** A 1600 × 1200 JPEG stored sideways (orientation 6) carrying a camera make and a GPS position. */
async function phoneJpeg(): Promise<Buffer> {
  return solid(1600, 1200)
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Pocket 12' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '49/1 59/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '36/1 13/1 0/1',
      },
    })
    .toBuffer();
}

describe('variantWidths', () => {
  it('keeps only the standard widths that fit, and never enlarges', () => {
    expect(variantWidths(4000)).toEqual([320, 640, 960, 1280, 1920]);
    expect(variantWidths(1920)).toEqual([320, 640, 960, 1280, 1920]);
    expect(variantWidths(1000)).toEqual([320, 640, 960]);
    expect(variantWidths(320)).toEqual([320]);
  });

  it('falls back to the original width for images narrower than the smallest variant', () => {
    expect(variantWidths(200)).toEqual([200]);
  });
});

describe('renderImage', () => {
  it('turns a phone photo upright and strips EXIF and GPS from the original and every variant', async () => {
    const input = await phoneJpeg();
    // The fixture must really carry what we strip, or the test proves nothing.
    const before = await sharp(input).metadata();
    expect(before.orientation).toBe(6);
    expect(before.exif?.includes(GPS_POINTER)).toBe(true);

    const { info, original, variants } = await renderImage(input, 'abc');
    expect(info).toMatchObject({ format: 'jpeg', mimeType: 'image/jpeg', width: 1200, height: 1600 });
    expect(original).toMatchObject({ key: 'abc/original.jpg', width: 1200, height: 1600, format: 'jpeg' });
    expect(variants.map((v) => v.width)).toEqual([320, 320, 320, 640, 640, 640, 960, 960, 960]);

    for (const file of [original, ...variants]) {
      const meta = await sharp(file.data).metadata();
      expect(meta.exif, file.key).toBeUndefined();
      expect(meta.xmp, file.key).toBeUndefined();
      expect(meta.iptc, file.key).toBeUndefined();
      expect(meta.orientation ?? 1, file.key).toBe(1);
      // Upright: portrait, in the same proportions as the photo as it was taken.
      expect(meta.height, file.key).toBeGreaterThan(meta.width);
      expect(meta.width).toBe(file.width);
      expect(meta.height).toBe(file.height);
      expect(Math.abs(file.height - (file.width * 4) / 3)).toBeLessThanOrEqual(1);
      expect(meta.hasProfile, file.key).toBe(true);
    }
  });

  it('writes AVIF, WebP and JPEG per width, each really in the format its key and type claim', async () => {
    const { variants } = await renderImage(await solid(700, 400).jpeg().toBuffer(), 'k1');
    expect(variants.map((v) => v.key)).toEqual([
      'k1/320.avif',
      'k1/320.webp',
      'k1/320.jpg',
      'k1/640.avif',
      'k1/640.webp',
      'k1/640.jpg',
    ]);
    const sniffed: Record<string, string> = { avif: 'heif', webp: 'webp', jpeg: 'jpeg', png: 'png' };
    for (const v of variants) {
      const meta = await sharp(v.data).metadata();
      expect(meta.format).toBe(sniffed[v.format]);
      if (v.format === 'avif') expect(meta.compression).toBe('av1');
      expect(v.contentType).toBe(`image/${v.format}`);
    }
  });

  it('converts colours to sRGB and keeps only an sRGB profile', async () => {
    const p3 = await solid(400, 300, 3, '#d23c3c').withIccProfile('p3').jpeg().toBuffer();
    const srgb = await sharp(await solid(10, 10).jpeg().toBuffer())
      .withIccProfile('srgb')
      .jpeg()
      .toBuffer();
    const srgbProfile = (await sharp(srgb).metadata()).icc!;
    const p3Profile = (await sharp(p3).metadata()).icc!;
    expect(p3Profile.equals(srgbProfile)).toBe(false);

    const { original, variants } = await renderImage(p3, 'p3');
    for (const file of [original, ...variants]) {
      expect((await sharp(file.data).metadata()).icc?.equals(srgbProfile), file.key).toBe(true);
    }
  });

  it('keeps a PNG fallback, and transparency, for an image with see-through pixels', async () => {
    const withAlpha = await solid(800, 500, 4, '#33669980').png().toBuffer();
    const { info, original, variants } = await renderImage(withAlpha, 'a');
    expect(info.transparent).toBe(true);
    expect(original.key).toBe('a/original.png');
    expect(variants.map((v) => v.format)).toEqual(['avif', 'webp', 'png', 'avif', 'webp', 'png']);
    expect(variants.some((v) => v.format === 'jpeg')).toBe(false);
    const png = variants.find((v) => v.format === 'png')!;
    expect((await sharp(png.data).metadata()).hasAlpha).toBe(true);
    expect((await sharp(png.data).stats()).isOpaque).toBe(false);
  });

  it('uses a JPEG fallback when an alpha channel is present but every pixel is opaque', async () => {
    const opaque = await solid(800, 500, 4, '#336699ff').png().toBuffer();
    const { info, variants } = await renderImage(opaque, 'o');
    expect(info.transparent).toBe(false);
    expect(variants.filter((v) => v.format === 'jpeg').map((v) => v.width)).toEqual([320, 640]);
  });

  it('never makes a variant wider than the original', async () => {
    const small = await renderImage(await solid(200, 150).jpeg().toBuffer(), 's');
    expect(small.variants.map((v) => [v.width, v.height])).toEqual([
      [200, 150],
      [200, 150],
      [200, 150],
    ]);
    expect(small.variants.map((v) => v.key)).toEqual(['s/200.avif', 's/200.webp', 's/200.jpg']);

    const odd = await renderImage(await solid(1000, 600).webp().toBuffer(), 'w');
    expect(Math.max(...odd.variants.map((v) => v.width))).toBe(960);
    expect(odd.original).toMatchObject({ key: 'w/original.webp', format: 'webp', width: 1000 });
  });

  it('turns a truncated upload into a clear error rather than a crash', async () => {
    const whole = await solid(640, 480).jpeg().toBuffer();
    const error = await renderImage(whole.subarray(0, Math.floor(whole.length / 2)), 't').catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Invalid);
    expect((error as Invalid).message).toMatch(/damaged|not an image/);
  });
});
