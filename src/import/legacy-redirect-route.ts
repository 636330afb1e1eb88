// The old site's addresses, answered with a 301 to where their content is now (legacy_redirects, written by
// the import). Two ways in: `/?p=ID`, `/?page_id=ID` and `/?attachment_id=ID` before the home page is served
// (the cached-page replay already leaves requests with a query string to the router), and any other old path
// when nothing else answered it (a 404), so no route of the site is ever shadowed. The answer names the
// target's current address, so a redirect follows a later change of slug, and it is short-lived and keyed
// like articles/redirects.ts's, so a CDN drops it when its target changes. Part of the reader site: it
// imports nothing of the newsroom.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import { articlesByIds } from '../articles/article-refs.js';
import { articleTag, authorProfileTag, sectionListTag, tagListTag } from '../articles/cache-tags.js';
import { articlePath, authorPath, tagPath } from '../articles/model.js';
import { surrogateKeys } from '../http/surrogate-keys.js';
import { fallbackVariant, findMediaByIds, mediaTag, mediaUrl } from '../media/media.js';
import { findPublishedPageById, pagePath, pageTag } from '../pages/page-refs.js';
import { listSections, sectionPath } from '../site/sections.js';
import { preparedQuery } from '../storage/prepared.js';
import type { Database, LegacyTargetKind } from '../storage/schema.js';
import { pathKey } from './old-addresses.js';

const target = preparedQuery<'path', { target_kind: LegacyTargetKind; target_id: number }>((db, p) =>
  db.selectFrom('legacy_redirects').select(['target_kind', 'target_id']).where('old_path', '=', p.path),
);

// Tags and author profiles have no reference functions of their own; their slug is all a redirect needs.
const slugOf = {
  tag: preparedQuery<'id', { slug: string }>((db, p) =>
    db.selectFrom('tags').select('slug').where('id', '=', p.id),
  ),
  author: preparedQuery<'id', { slug: string }>((db, p) =>
    db.selectFrom('authors').select('slug').where('id', '=', p.id),
  ),
};

/** Where an old address leads now, with the cache tag of its target; null when it leads nowhere (any more). */
export async function legacyTarget(
  db: Kysely<Database>,
  key: string,
): Promise<{ address: string; tag: string } | null> {
  const row = (await target(db, { path: key }))[0];
  if (!row) return null;
  const id = row.target_id;
  switch (row.target_kind) {
    case 'article': {
      const article = (await articlesByIds(db, [id])).get(id);
      return article?.published ? { address: articlePath(article.slug), tag: articleTag(id) } : null;
    }
    case 'page': {
      const page = await findPublishedPageById(db, id);
      return page ? { address: pagePath(page.slug), tag: pageTag(id) } : null;
    }
    case 'media': {
      const item = (await findMediaByIds(db, [id])).get(id);
      return item
        ? { address: mediaUrl(fallbackVariant(item)?.key ?? item.originalKey), tag: mediaTag(id) }
        : null;
    }
    case 'section': {
      const section = (await listSections(db)).find((s) => s.id === id);
      return section ? { address: sectionPath(section.slug), tag: sectionListTag(id) } : null;
    }
    case 'tag': {
      const tag = (await slugOf.tag(db, { id }))[0];
      return tag ? { address: tagPath(tag.slug), tag: tagListTag(id) } : null;
    }
    case 'author': {
      const author = (await slugOf.author(db, { id }))[0];
      return author ? { address: authorPath(author.slug), tag: authorProfileTag(id) } : null;
    }
  }
}

const QUERY_KEYS = ['p', 'page_id', 'attachment_id'] as const;

/** The key of a request's old address: `?p=ID` and its kin on the home page, else the path. */
function keyOf(url: string): string | null {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (q !== -1 && path === '/') {
    const params = new URLSearchParams(url.slice(q + 1));
    for (const name of QUERY_KEYS) {
      const value = params.get(name);
      if (value && /^\d{1,12}$/.test(value)) return `?${name}=${value}`;
    }
    return null;
  }
  try {
    return pathKey(new URL(path, 'http://old.invalid').pathname);
  } catch {
    return null;
  }
}

async function answer(db: Kysely<Database>, key: string, reply: FastifyReply): Promise<boolean> {
  const found = await legacyTarget(db, key);
  if (!found) return false;
  // Short-lived, as an old slug's redirect is: the target's address may change, and a cached permanent
  // redirect would then point one step back.
  await reply
    .header('cache-control', 'public, max-age=300')
    .headers(surrogateKeys([found.tag]).headers)
    .redirect(found.address, 301);
  return true;
}

export interface LegacyRedirects {
  /** Registers the home page's `?p=ID` check (on every route: a hook before the home page's own). */
  register: (app: FastifyInstance) => Promise<void>;
  /** For the 404 handler: answers with a redirect and returns true when the address is an old one. */
  rescueNotFound: (request: FastifyRequest, reply: FastifyReply) => Promise<boolean>;
}

export function legacyRedirects(db: Kysely<Database>): LegacyRedirects {
  return {
    register: fp(
      async (app) => {
        app.addHook('onRequest', async (request, reply) => {
          // Only the home page with a query string: every other request passes after two comparisons.
          if (request.url.charCodeAt(0) !== 47 || request.url.charCodeAt(1) !== 63) return;
          if (request.method !== 'GET' && request.method !== 'HEAD') return;
          const key = keyOf(request.url);
          if (key !== null) await answer(db, key, reply);
        });
      },
      { name: 'legacy-redirects' },
    ),
    async rescueNotFound(request, reply) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return false;
      const key = keyOf(request.url);
      if (key === null || key === '/') return false;
      try {
        return await answer(db, key, reply);
      } catch (error) {
        // The 404 stands; the failure is the database's, which the next request's route will meet too.
        request.log.warn({ err: error }, 'legacy redirect lookup failed');
        return false;
      }
    },
  };
}
