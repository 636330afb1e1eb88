// The site's icons for browser tabs, bookmarks and home screens, all made from one image: the icon the settings
// name (`iconMediaId`), or else the first letter of the site name on the accent colour, drawn as SVG. The PNG
// sizes browsers and phones ask for (32 for tabs, 180 for iOS, 192 and 512 for the web app manifest) are made
// with sharp on first request and kept until the settings change. Browsers ask for /favicon.ico and iOS for
// /apple-touch-icon.png unprompted.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FileStore } from '../media/file-store.js';
import { loadSharp } from '../media/load-sharp.js';
import { escapeXml } from '../views/escape.js';
import type { SiteContext } from './site-context.js';
import type { SiteState } from './site-state.js';

export const ICON_SIZES = [32, 180, 192, 512] as const;
export type IconSize = (typeof ICON_SIZES)[number];
export const iconPath = (size: IconSize) => `/icon-${size}.png`;
const ICON_CACHE = 'public, max-age=86400';

export function siteIconSvg(siteName: string): string {
  const letter = escapeXml(Array.from(siteName.replace(/^the\s+/i, '').trim())[0]?.toUpperCase() ?? 'B');
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">' +
    '<rect width="64" height="64" rx="12" fill="#9b1c1c"/>' +
    `<text x="32" y="46" font-family="Georgia,serif" font-size="42" font-weight="700" fill="#fff" text-anchor="middle">${letter}</text>` +
    '</svg>'
  );
}

/** A square PNG of the icon image (cropped to its centre), or of the drawn letter. */
export async function renderIcon(source: Buffer, size: IconSize): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp(source, { density: 72 * Math.max(1, size / 64) })
    .resize(size, size, { fit: 'cover', position: 'centre' })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/** The web app manifest: the name, colours and the two icon sizes Android and desktop installs ask for. */
export function webManifest(ctx: Pick<SiteContext, 'settings'>): string {
  const { settings } = ctx;
  return JSON.stringify({
    name: settings.siteName,
    short_name: settings.siteName.replace(/^the\s+/i, '').slice(0, 24),
    ...(settings.description ? { description: settings.description } : {}),
    lang: settings.language,
    start_url: '/',
    display: 'browser',
    background_color: '#ffffff',
    theme_color: '#9b1c1c',
    icons: [192, 512].map((size) => ({
      src: iconPath(size as IconSize),
      sizes: `${size}x${size}`,
      type: 'image/png',
    })),
  });
}

export function siteIconRoutes(options: { site: SiteState; files: FileStore }) {
  // Per site context: a settings change makes a new context, and with it new icons.
  const made = new WeakMap<SiteContext, Map<IconSize, Promise<Buffer>>>();

  async function iconSource(ctx: SiteContext): Promise<Buffer> {
    const uploaded = ctx.icon ? await options.files.get(ctx.icon.originalKey) : null;
    return uploaded ?? Buffer.from(siteIconSvg(ctx.settings.siteName));
  }

  async function sendIcon(reply: FastifyReply, size: IconSize) {
    const ctx = await options.site.context();
    let sizes = made.get(ctx);
    if (!sizes) {
      sizes = new Map();
      made.set(ctx, sizes);
    }
    let png = sizes.get(size);
    if (!png) {
      png = iconSource(ctx).then((source) => renderIcon(source, size));
      // A failed render (the store briefly away) is tried again on the next request.
      png.catch(() => sizes.delete(size));
      sizes.set(size, png);
    }
    return reply
      .header('cache-control', ICON_CACHE)
      .type('image/png')
      .send(await png);
  }

  return async function register(app: FastifyInstance): Promise<void> {
    for (const size of ICON_SIZES) app.get(iconPath(size), (_request, reply) => sendIcon(reply, size));
    app.get('/apple-touch-icon.png', (_request, reply) => sendIcon(reply, 180));
    app.get('/manifest.webmanifest', async (_request, reply) =>
      reply
        .header('cache-control', ICON_CACHE)
        .type('application/manifest+json')
        .send(webManifest(await options.site.context())),
    );
    app.get('/favicon.svg', async (_request, reply) => {
      const { settings } = await options.site.context();
      return reply
        .header('cache-control', 'public, max-age=86400')
        .type('image/svg+xml')
        .send(siteIconSvg(settings.siteName));
    });
    app.get('/favicon.ico', (_request, reply) =>
      reply.header('cache-control', 'public, max-age=86400').redirect('/favicon.svg', 301),
    );
  };
}
