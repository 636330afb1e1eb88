// GET /wp-json/wp/v2/categories (our sections) and /tags, each with /:id, as WordPress's terms endpoints.
import type { FastifyInstance } from 'fastify';
import { LATEST, sectionListTag, tagListTag } from '../../articles/cache-tags.js';
import { keepFields, requestedFields } from '../fields.js';
import { fromWpId, fromWpIds } from '../ids.js';
import {
  checkItemParams,
  collectionParams,
  type RawQuery,
  searchPatterns,
  skipOf,
  WpParams,
} from '../params.js';
import { listTerms, TERM_ORDERS, type TermFilter } from '../queries/term-queries.js';
import { answer, pagingHeaders } from '../respond.js';
import { TAXONOMY_ROUTES, type Taxonomy, termJson } from '../shapes/term-json.js';
import { invalidTerm, pageTooLarge } from '../wp-error.js';
import { pathId, shapeContext, type WpRouteDeps } from './route-deps.js';

const kindOf = (taxonomy: Taxonomy) => (taxonomy === 'category' ? 'category' : 'tag');

function termFilter(query: RawQuery, taxonomy: Taxonomy) {
  const p = new WpParams(query);
  const c = collectionParams(p, 'asc');
  const orderBy = p.oneOf('orderby', TERM_ORDERS, 'name');
  const post = p.has('post') ? p.integer('post', 0, { min: 0 }) : undefined;
  const parent = taxonomy === 'category' && p.has('parent') ? p.integer('parent', 0, { min: 0 }) : undefined;
  const filter: TermFilter = {
    taxonomy,
    ids: c.include && fromWpIds(kindOf(taxonomy), c.include),
    excludeIds: c.exclude && fromWpIds(kindOf(taxonomy), c.exclude),
    slugs: p.stringList('slug'),
    search: searchPatterns(c.search),
    postId: post === undefined ? undefined : (fromWpId('post', post) ?? 0),
    hideEmpty: p.boolean('hide_empty') ?? false,
    orderBy,
    order: c.order,
    limit: c.perPage,
    offset: skipOf(c),
  };
  // Sections are not nested: every one is at the top, none under another.
  if (parent !== undefined && parent > 0) filter.ids = [];
  p.check();
  return { filter, collection: c };
}

function listTag(taxonomy: Taxonomy, id: number): string {
  return taxonomy === 'category' ? sectionListTag(id) : tagListTag(id);
}

export function termRoutes(deps: WpRouteDeps, taxonomy: Taxonomy) {
  const route = TAXONOMY_ROUTES[taxonomy];
  return async function register(app: FastifyInstance): Promise<void> {
    app.get(`/wp-json/wp/v2/${route}`, (request, reply) =>
      answer(deps.serve, request, reply, async () => {
        const query = request.query as RawQuery;
        const ctx = await shapeContext(deps.site);
        const { filter, collection } = termFilter(query, taxonomy);
        const { terms, total } = await listTerms(deps.db, filter);
        if (total > 0 && collection.page > Math.ceil(total / collection.perPage)) throw pageTooLarge('term');
        const fields = requestedFields(query);
        return {
          body: terms.map((t) => keepFields(termJson(t, taxonomy, ctx), fields)),
          // The counts move with every story published or withdrawn (LATEST); a rename announces the term.
          tags: [LATEST, ...terms.map((t) => listTag(taxonomy, t.id))],
          headers: pagingHeaders(request, ctx.base, {
            total,
            perPage: collection.perPage,
            page: collection.page,
          }),
        };
      }),
    );

    app.get<{ Params: { id: string } }>(`/wp-json/wp/v2/${route}/:id(^[1-9]\\d*$)`, (request, reply) =>
      answer(deps.serve, request, reply, async () => {
        const query = request.query as RawQuery;
        checkItemParams(query);
        const id = fromWpId(kindOf(taxonomy), pathId(request.params.id));
        const { terms } = await listTerms(deps.db, {
          taxonomy,
          ids: [id ?? 0],
          search: [],
          hideEmpty: false,
          orderBy: 'id',
          order: 'asc',
          limit: 1,
          offset: 0,
        });
        const term = terms[0];
        if (!term) throw invalidTerm();
        return {
          body: keepFields(termJson(term, taxonomy, await shapeContext(deps.site)), requestedFields(query)),
          tags: [LATEST, listTag(taxonomy, term.id)],
        };
      }),
    );
  };
}
