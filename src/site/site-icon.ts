// The site's icon for browser tabs and bookmarks: the first letter of the site name on the accent colour,
// drawn as SVG so that one small file is sharp at every size. Browsers ask for /favicon.ico unprompted.
import type { FastifyInstance } from 'fastify';
import { escapeXml } from '../views/escape.js';
import type { SiteState } from './site-state.js';

export function siteIconSvg(siteName: string): string {
  const letter = escapeXml(Array.from(siteName.replace(/^the\s+/i, '').trim())[0]?.toUpperCase() ?? 'B');
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">' +
    '<rect width="64" height="64" rx="12" fill="#9b1c1c"/>' +
    `<text x="32" y="46" font-family="Georgia,serif" font-size="42" font-weight="700" fill="#fff" text-anchor="middle">${letter}</text>` +
    '</svg>'
  );
}

export function siteIconRoutes(options: { site: SiteState }) {
  return async function register(app: FastifyInstance): Promise<void> {
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
