// The sitemap index, the article sitemaps (up to 50,000 addresses each, written as the rows stream in),
// the sitemap of section, tag and author pages, the Google News sitemap, and robots.txt. All go through the
// page cache and are dropped when an article is published, changed or taken down (the SITEMAPS tag).

import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { NotFound } from '../../http/errors.js';
import type { ServePublicPage } from '../../http/public-page.js';
import { publishedPageRefs } from '../../pages/page-refs.js';
import { sectionPath } from '../../site/sections.js';
import type { SiteState } from '../../site/site-state.js';
import type { Database } from '../../storage/schema.js';
import { LATEST, SITEMAPS } from '../cache-tags.js';
import { authorPath, lastChanged, tagPath } from '../model.js';
import { listPublishedSince } from '../queries/list-queries.js';
import { countPublishedArticles, newestChange, sitemapEntries } from './sitemap-query.js';
import {
  MAX_URLS_PER_SITEMAP,
  newsSitemap,
  robotsTxt,
  sitemapIndex,
  URLSET_END,
  URLSET_START,
  urlEntry,
  urlSet,
} from './sitemap-xml.js';

export interface SitemapRoutesOptions {
  db: Kysely<Database>;
  site: SiteState;
  serve: ServePublicPage;
  clock: () => Date;
  /** URLs per article sitemap file; the protocol allows 50,000, tests use fewer. */
  sitemapPageSize?: number;
}

const XML = 'application/xml; charset=utf-8';
// Google News takes articles from the last two days only.
const NEWS_WINDOW_MS = 48 * 60 * 60 * 1000;

export function sitemapRoutes(options: SitemapRoutesOptions) {
  const { db, site, serve, clock } = options;
  const pageSize = Math.min(options.sitemapPageSize ?? MAX_URLS_PER_SITEMAP, MAX_URLS_PER_SITEMAP);
  const fileCount = async () => Math.max(1, Math.ceil((await countPublishedArticles(db)) / pageSize));

  async function articleSitemap(baseUrl: string, n: number) {
    const chunks: Buffer[] = [Buffer.from(URLSET_START)];
    let newest: string | null = null;
    for await (const batch of sitemapEntries(db, baseUrl, { limit: pageSize, offset: (n - 1) * pageSize })) {
      let text = '';
      for (const entry of batch) {
        text += `${urlEntry(entry)}\n`;
        if (newest === null || entry.lastmod > newest) newest = entry.lastmod;
      }
      chunks.push(Buffer.from(text));
    }
    chunks.push(Buffer.from(URLSET_END));
    return { body: Buffer.concat(chunks), lastModified: newest };
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/sitemap.xml', (request, reply) =>
      serve(request, reply, '/sitemap.xml', async () => {
        const { baseUrl } = await site.context();
        const [count, lastmod] = await Promise.all([fileCount(), newestChange(db)]);
        const refs = [
          { loc: `${baseUrl}/sitemap-pages.xml`, lastmod: lastmod ?? undefined },
          ...Array.from({ length: count }, (_, i) => ({
            loc: `${baseUrl}/sitemap-articles-${i + 1}.xml`,
            lastmod: lastmod ?? undefined,
          })),
          { loc: `${baseUrl}/sitemap-news.xml`, lastmod: lastmod ?? undefined },
        ];
        return { body: sitemapIndex(refs), contentType: XML, lastModified: lastmod, tags: [SITEMAPS] };
      }),
    );

    app.get<{ Params: { n: string } }>('/sitemap-articles-:n.xml', (request, reply) => {
      const n = /^[1-9]\d{0,6}$/.test(request.params.n) ? Number(request.params.n) : 0;
      if (n === 0) throw new NotFound('There is no such sitemap.');
      return serve(request, reply, `/sitemap-articles-${n}.xml`, async () => {
        if (n > (await fileCount())) throw new NotFound('There is no such sitemap.');
        const { body, lastModified } = await articleSitemap((await site.context()).baseUrl, n);
        return { body, contentType: XML, lastModified, tags: [SITEMAPS] };
      });
    });

    app.get('/sitemap-pages.xml', (request, reply) =>
      serve(request, reply, '/sitemap-pages.xml', async () => {
        const ctx = await site.context();
        const [tags, authors, pages] = await Promise.all([
          db.selectFrom('tags').select('slug').orderBy('slug').execute(),
          db.selectFrom('authors').select('slug').orderBy('slug').execute(),
          // Publishing, unpublishing or moving a page announces EVERYTHING, which drops this list too.
          publishedPageRefs(db),
        ]);
        const paths = [
          '/',
          ...ctx.sections.map((s) => sectionPath(s.slug)),
          ...tags.map((t) => tagPath(t.slug)),
          ...authors.map((a) => authorPath(a.slug)),
          '/corrections',
          '/support',
          ...[...pages.values()].map((p) => p.path).sort(),
        ];
        const body = urlSet(paths.map((path) => ({ loc: ctx.baseUrl + path })));
        return { body, contentType: XML, tags: [SITEMAPS] };
      }),
    );

    app.get('/sitemap-news.xml', (request, reply) =>
      serve(request, reply, '/sitemap-news.xml', async () => {
        const ctx = await site.context();
        const since = new Date(clock().getTime() - NEWS_WINDOW_MS);
        const items = await listPublishedSince(db, since, ctx.sectionsById);
        const body = newsSitemap(items, {
          baseUrl: ctx.baseUrl,
          publicationName: ctx.settings.siteName,
          language: ctx.settings.language,
        });
        return { body, contentType: XML, lastModified: lastChanged(items), tags: [SITEMAPS, LATEST] };
      }),
    );

    app.get('/robots.txt', (request, reply) =>
      serve(request, reply, '/robots.txt', async () => {
        const ctx = await site.context();
        return { body: robotsTxt(ctx.baseUrl), contentType: 'text/plain; charset=utf-8', tags: [] };
      }),
    );
  };
}
