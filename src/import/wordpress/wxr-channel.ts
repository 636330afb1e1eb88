// The channel's own entries: the site, its authors (`wp:author`) and its terms (`wp:category`, `wp:tag`,
// and WXR 1.1+'s generic `wp:term` for the same two taxonomies).
import { decodeHTML } from 'entities';
import type { SourcePerson, SourceTerm } from '../source-model.js';
import { decodeSlug, slugFrom } from './wxr-slugs.js';
import { text, type WxrNode } from './wxr-tree.js';

export const SUPPORTED_WXR_VERSIONS = ['1.0', '1.1', '1.2'];

/** The `cap-<login>` name the Co-Authors Plus taxonomy gives a user or guest author. */
export function coAuthorAlias(login: string): string {
  return `cap-${login}`;
}

export function readAuthor(node: WxrNode): SourcePerson | undefined {
  const login = text(node, 'wp:author_login');
  if (login === '') return undefined;
  const first = text(node, 'wp:author_first_name');
  const last = text(node, 'wp:author_last_name');
  const name = text(node, 'wp:author_display_name') || [first, last].filter(Boolean).join(' ') || login;
  const email = text(node, 'wp:author_email');
  const userId = text(node, 'wp:author_id');
  return {
    kind: 'person',
    sourceId: login,
    ...(userId === '' ? {} : { userId }),
    aliases: [coAuthorAlias(login)],
    slug: slugFrom(login) || login,
    name,
    ...(email === '' ? {} : { email }),
  };
}

/** A person named only by a post's `dc:creator` (WXR 1.0 lists no authors). */
export function personFromLogin(login: string): SourcePerson {
  return {
    kind: 'person',
    sourceId: login,
    aliases: [coAuthorAlias(login)],
    slug: slugFrom(login) || login,
    name: login,
  };
}

function term(
  taxonomy: SourceTerm['taxonomy'],
  id: string,
  slug: string,
  name: string,
  parent: string,
  description: string,
): SourceTerm | undefined {
  const decoded = decodeSlug(slug);
  if (decoded === '') return undefined;
  return {
    kind: 'term',
    taxonomy,
    sourceId: id || decoded,
    slug: decoded,
    // WordPress stores term names HTML-escaped (`Culture &amp; Life`).
    name: decodeHTML(name) || decoded,
    ...(parent === '' ? {} : { parentSlug: decodeSlug(parent) }),
    ...(description === '' ? {} : { description: decodeHTML(description) }),
  };
}

export function readCategory(node: WxrNode): SourceTerm | undefined {
  return term(
    'category',
    text(node, 'wp:term_id'),
    text(node, 'wp:category_nicename'),
    text(node, 'wp:cat_name'),
    text(node, 'wp:category_parent'),
    text(node, 'wp:category_description'),
  );
}

export function readTag(node: WxrNode): SourceTerm | undefined {
  return term(
    'tag',
    text(node, 'wp:term_id'),
    text(node, 'wp:tag_slug'),
    text(node, 'wp:tag_name'),
    '',
    text(node, 'wp:tag_description'),
  );
}

/** A generic `wp:term`: categories and tags only; menus, formats and the co-author taxonomy are not terms here. */
export function readGenericTerm(node: WxrNode): SourceTerm | undefined {
  const taxonomy = text(node, 'wp:term_taxonomy');
  const kind = taxonomy === 'category' ? 'category' : taxonomy === 'post_tag' ? 'tag' : undefined;
  if (kind === undefined) return undefined;
  return term(
    kind,
    text(node, 'wp:term_id'),
    text(node, 'wp:term_slug'),
    text(node, 'wp:term_name'),
    kind === 'category' ? text(node, 'wp:term_parent') : '',
    text(node, 'wp:term_description'),
  );
}
