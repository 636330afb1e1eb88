// The favicon and app icons made from one image, at the sizes browsers and phones ask for: drawn from the
// name until an icon is chosen in the settings, then cut from that upload, and made again when it changes.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { EVERYTHING } from '../http/tagged-cache.js';
import { importImage } from '../media/library.js';
import { saveSiteSettings } from './settings.js';
import { ICON_SIZES } from './site-icon.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

async function pngOf(path: string) {
  const response = await t.app.inject(path);
  expect(response.statusCode, path).toBe(200);
  expect(response.headers['content-type']).toBe('image/png');
  const image = sharp(response.rawPayload);
  const meta = await image.metadata();
  const { channels } = await image.stats();
  return { meta, red: channels[0]!.mean, green: channels[1]!.mean };
}

describe('icons', () => {
  it('draws every size from the site name until an icon is chosen', async () => {
    for (const size of ICON_SIZES) {
      const { meta, red, green } = await pngOf(`/icon-${size}.png`);
      expect([meta.format, meta.width, meta.height]).toEqual(['png', size, size]);
      expect(red).toBeGreaterThan(green); // the accent red
    }
    const apple = await pngOf('/apple-touch-icon.png');
    expect([apple.meta.width, apple.meta.height]).toEqual([180, 180]);
  });

  it('lists the 192 and 512 icons in the web app manifest, and every page links them', async () => {
    const manifest = await t.app.inject('/manifest.webmanifest');
    expect(manifest.headers['content-type']).toMatch(/^application\/manifest\+json/);
    const body = manifest.json() as { name: string; icons: Array<{ src: string; sizes: string }> };
    expect(body.name).toBe('Broadsheet');
    expect(body.icons.map((i) => `${i.src} ${i.sizes}`)).toEqual([
      '/icon-192.png 192x192',
      '/icon-512.png 512x512',
    ]);
    const home = await t.app.inject('/');
    expect(home.body).toContain('<link rel="apple-touch-icon" href="/apple-touch-icon.png"/>');
    expect(home.body).toContain('<link rel="icon" type="image/png" sizes="32x32" href="/icon-32.png"/>');
    expect(home.body).toContain('<link rel="manifest" href="/manifest.webmanifest"/>');
  });

  it('cuts every size from the chosen upload, square from its centre, once the settings change', async () => {
    // A wide green image with red edges: cut from the centre, the icon is all green.
    const data = await sharp({
      create: { width: 1200, height: 800, channels: 3, background: { r: 200, g: 0, b: 0 } },
    })
      .composite([
        {
          input: await sharp({
            create: { width: 800, height: 800, channels: 3, background: { r: 20, g: 160, b: 60 } },
          })
            .png()
            .toBuffer(),
          left: 200,
          top: 0,
        },
      ])
      .png()
      .toBuffer();
    const item = await importImage(
      t.storage.db,
      t.files,
      {
        data,
        altText: 'Our icon',
        caption: '',
        creditPerson: 'Staff',
        creditOrganization: 'Broadsheet',
        rights: 'own',
      },
      new Date(),
    );
    await saveSiteSettings(t.storage.db, { siteName: 'Broadsheet', iconMediaId: item.id }, new Date());
    await t.deps.events.changed([EVERYTHING]);
    for (const size of ICON_SIZES) {
      const { meta, red, green } = await pngOf(`/icon-${size}.png`);
      expect([meta.width, meta.height]).toEqual([size, size]);
      expect(green).toBeGreaterThan(140);
      expect(red).toBeLessThan(40);
    }
  });
});
