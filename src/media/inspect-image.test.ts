// An upload is judged by its bytes, never its name: what we publish is accepted, anything else is refused
// with a sentence that says why.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { Invalid } from '../http/errors.js';
import { DEFAULT_MAX_MEGAPIXELS, inspectImage, MAX_INPUT_PIXELS } from './inspect-image.js';

function solid(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: '#7a8b9c' } });
}

async function expectRejected(data: Buffer, message: RegExp, maxPixels?: number) {
  const error = await inspectImage(data, maxPixels).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Invalid);
  expect((error as Invalid).code).toBe('INVALID');
  expect((error as Invalid).message).toMatch(message);
  expect((error as Invalid).fields.file).toBeTruthy();
}

describe('inspectImage', () => {
  it('accepts JPEG, PNG, WebP, AVIF and GIF by their content', async () => {
    const cases = [
      [await solid(40, 30).jpeg().toBuffer(), 'jpeg', 'image/jpeg'],
      [await solid(40, 30).png().toBuffer(), 'png', 'image/png'],
      [await solid(40, 30).webp().toBuffer(), 'webp', 'image/webp'],
      [await solid(40, 30).avif().toBuffer(), 'avif', 'image/avif'],
      [await solid(40, 30).gif().toBuffer(), 'gif', 'image/gif'],
    ] as const;
    for (const [data, format, mimeType] of cases) {
      expect(await inspectImage(data)).toMatchObject({ format, mimeType, width: 40, height: 30 });
    }
  });

  it('rejects a text file, whatever it is called', async () => {
    await expectRejected(Buffer.from('name,price\nwidget,3\n', 'utf8'), /not an image we can read/);
  });

  it('rejects image types we do not publish, naming the type', async () => {
    await expectRejected(await solid(40, 30).tiff().toBuffer(), /TIFF are not supported/);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script/></svg>');
    await expectRejected(svg, /SVG are not supported/);
  });

  it('takes up to 50 megapixels by default and refuses more, naming the size and the limit, from the header alone', async () => {
    expect(DEFAULT_MAX_MEGAPIXELS).toBe(50);
    expect(MAX_INPUT_PIXELS).toBe(50_000_000);
    // Real files of the size (a solid colour encodes quickly); only their headers are read.
    const at = await solid(10_000, 5_000).jpeg({ quality: 50 }).toBuffer();
    expect(await inspectImage(at)).toMatchObject({ width: 10_000, height: 5_000 });
    const over = await solid(10_200, 5_000).jpeg({ quality: 50 }).toBuffer();
    await expectRejected(
      over,
      /^That image is 10200 × 5000 pixels \(51 megapixels\); the limit is 50 megapixels\./,
    );
    // A server's own limit (IMAGE_MAX_MEGAPIXELS) replaces the default.
    await expectRejected(at, /the limit is 24 megapixels/, 24_000_000);
  });
});
