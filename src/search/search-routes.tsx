// GET /search: the reader's search page. Not kept in the page cache (any words make a new address), but
// cacheable for a minute like other pages, and marked noindex for search engines in the header too.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { NotFound } from '../http/errors.js';
import type { SiteState } from '../site/site-state.js';
import type { Database } from '../storage/schema.js';
import { renderDocument } from '../views/layout.js';
import { MAX_OFFSET, type SearchResult, searchArticles } from './search-articles.js';
import { publishedRange, readSearchForm } from './search-form.js';
import { PER_PAGE, SearchPage } from './search-page.js';

export interface SearchRoutesOptions {
  db: Kysely<Database>;
  site: SiteState;
}

const CACHE_CONTROL = 'public, max-age=60, s-maxage=60';

export function searchRoutes(options: SearchRoutesOptions) {
  const { db, site } = options;
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/search', async (request, reply) => {
      const ctx = await site.context();
      const form = readSearchForm(request.query, ctx.sections);
      const offset = (form.page - 1) * PER_PAGE;
      if (offset > MAX_OFFSET) throw new NotFound('There are no more results for this search.');
      let result: SearchResult | null = null;
      if (form.q.trim() !== '') {
        result = await searchArticles(db, {
          q: form.q,
          ...(form.section ? { sectionId: form.section.id } : {}),
          ...publishedRange(form, ctx.settings.timeZone),
          limit: PER_PAGE,
          offset,
        });
      }
      const pages = result ? Math.min(Math.ceil(result.total / PER_PAGE), MAX_OFFSET / PER_PAGE + 1) : 0;
      return reply
        .header('cache-control', CACHE_CONTROL)
        .header('vary', 'Accept-Encoding')
        .header('x-robots-tag', 'noindex')
        .type('text/html; charset=utf-8')
        .send(renderDocument(<SearchPage ctx={ctx} form={form} result={result} pages={pages} />));
    });
  };
}
