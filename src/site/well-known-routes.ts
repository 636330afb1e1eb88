// /.well-known/ files that let the newsroom's iOS and Android apps open article links; 404 when no app is set.
import type { FastifyInstance } from 'fastify';
import { NotFound } from '../http/errors.js';
import { appleAppSiteAssociation, assetLinks } from './app-links.js';
import type { SiteState } from './site-state.js';

export function wellKnownRoutes(options: { site: SiteState }) {
  return async function register(app: FastifyInstance): Promise<void> {
    // Apple fetches this without an extension and requires application/json.
    app.get('/.well-known/apple-app-site-association', async (_request, reply) => {
      const body = appleAppSiteAssociation((await options.site.context()).settings);
      if (!body) throw new NotFound();
      return reply
        .header('cache-control', 'public, max-age=3600')
        .type('application/json')
        .send(JSON.stringify(body));
    });
    app.get('/.well-known/assetlinks.json', async (_request, reply) => {
      const body = assetLinks((await options.site.context()).settings);
      if (!body) throw new NotFound();
      return reply
        .header('cache-control', 'public, max-age=3600')
        .type('application/json')
        .send(JSON.stringify(body));
    });
  };
}
