// A section as WordPress's category, a tag as its post_tag, each with the count of published stories.
import { tagPath } from '../../articles/model.js';
import { sectionPath } from '../../site/sections.js';
import { escapeXml } from '../../views/escape.js';
import { toWpId } from '../ids.js';
import { apiUrl, CURIES, link } from '../links.js';
import type { TermRow } from '../queries/term-queries.js';
import type { ShapeContext, WpJson } from './shape-context.js';

export type Taxonomy = 'category' | 'post_tag';

export const TAXONOMY_ROUTES: Record<Taxonomy, string> = { category: 'categories', post_tag: 'tags' };

export function termJson(term: TermRow, taxonomy: Taxonomy, ctx: ShapeContext): WpJson {
  const id = toWpId(taxonomy === 'category' ? 'category' : 'tag', term.id);
  const route = TAXONOMY_ROUTES[taxonomy];
  return {
    id,
    count: term.count,
    description: term.description,
    link: ctx.base + (taxonomy === 'category' ? sectionPath(term.slug) : tagPath(term.slug)),
    // WordPress stores term names HTML-escaped and answers them so.
    name: escapeXml(term.name),
    slug: term.slug,
    taxonomy,
    ...(taxonomy === 'category' ? { parent: 0 } : {}),
    meta: [],
    _links: {
      self: link(apiUrl(ctx.base, `${route}/${id}`)),
      collection: link(apiUrl(ctx.base, route)),
      'wp:post_type': link(apiUrl(ctx.base, 'posts', { [route]: id })),
      curies: CURIES,
    },
  };
}

/** The fields of a term another item embeds (WordPress's "embed" context). */
export function embeddedTerm(full: WpJson): WpJson {
  const { id, link: href, name, slug, taxonomy, _links } = full;
  return { id, link: href, name, slug, taxonomy, _links };
}
