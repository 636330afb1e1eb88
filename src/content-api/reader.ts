// The content API at /api/v1 for the newsroom's apps and other sites: read-only, behind keys made in the
// newsroom (content-api/admin/), its answers kept and dropped with the pages (answers.ts), and its reference
// (OpenAPI document and a readable page) open to anyone.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { RateLimitStore } from '../http/rate-limit-store.js';
import { EVERYTHING } from '../http/tagged-cache.js';
import type { SiteState } from '../site/site-state.js';
import type { ContentEvents } from '../storage/content-events.js';
import type { Database } from '../storage/schema.js';
import { contentApiAccess } from './access.js';
import { type AnswerOptions, ApiAnswers } from './answers.js';
import { CONTENT_API_KEYS } from './cache-tags.js';
import { DOCS_CSS } from './docs-style.js';
import { ENDPOINTS, routePath } from './endpoints.js';
import { keyRing } from './keys.js';
import { API_BASE, type OpenApiDocument } from './openapi.js';

export interface ContentApiOptions {
  db: Kysely<Database>;
  site: SiteState;
  events: ContentEvents;
  rates: RateLimitStore;
  secret: string;
  clock: () => Date;
  answers: AnswerOptions;
}

export function contentApiForReaders(options: ContentApiOptions) {
  const keys = keyRing(options.db, options.secret);
  const answers = new ApiAnswers(options.answers);
  const access = contentApiAccess({ keys, rates: options.rates, clock: options.clock });
  const deps = { db: options.db, site: options.site };
  let reference: Promise<{ json: string; html: string }> | null = null;

  options.events.onChange((tags) => {
    if (tags.includes(CONTENT_API_KEYS) || tags.includes(EVERYTHING)) keys.forget();
    answers.invalidate(tags);
    // The document names the site; a settings change (EVERYTHING) makes it again.
    if (tags.includes(EVERYTHING)) reference = null;
  });

  // Loaded on the first request for the reference: the generator is not needed to answer the API.
  function documents() {
    reference ??= (async () => {
      const [{ contentApiDocument }, { renderDocsPage }, ctx] = await Promise.all([
        import('./openapi.js'),
        import('./docs-page.js'),
        options.site.context(),
      ]);
      const doc: OpenApiDocument = contentApiDocument(ctx.settings.siteName, ctx.baseUrl);
      return {
        json: JSON.stringify(doc),
        html: renderDocsPage(doc, { css: `${API_BASE}/docs.css`, document: `${API_BASE}/openapi.json` }),
      };
    })();
    reference.catch(() => {
      reference = null;
    });
    return reference;
  }

  const routes = async function register(app: FastifyInstance): Promise<void> {
    app.options(`${API_BASE}/*`, access.preflight);

    app.get(`${API_BASE}/openapi.json`, async (_request, reply) =>
      reply
        .header('cache-control', 'public, max-age=300')
        .header('access-control-allow-origin', '*')
        .type('application/json; charset=utf-8')
        .send((await documents()).json),
    );
    app.get(`${API_BASE}/docs`, async (_request, reply) =>
      reply
        .header('cache-control', 'public, max-age=300')
        .type('text/html; charset=utf-8')
        .send((await documents()).html),
    );
    app.get(`${API_BASE}/docs.css`, async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=3600').type('text/css; charset=utf-8').send(DOCS_CSS),
    );

    for (const endpoint of ENDPOINTS) {
      app.get<{ Params: Record<string, string> }>(
        API_BASE + routePath(endpoint.path),
        { onRequest: access.admit },
        (request, reply) =>
          answers.send(request, reply, () => endpoint.answer(deps, request.params, request.query)),
      );
    }
  };

  return { routes, answers };
}
