// The machine-readable side of the reader site: RSS, Atom and JSON Feed for the site and for every section,
// tag and author; the sitemap index with its article, page and Google News sitemaps; robots.txt.
// All of it goes through the page cache, so publishing refreshes it with the pages.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { NotFound } from '../http/errors.js';
import type { ServePublicPage } from '../http/public-page.js';
import { requireSlug } from '../http/request-params.js';
import { fallbackVariant, findMediaByIds, mediaUrl } from '../media/media.js';
import type { SiteState } from '../site/site-state.js';
import type { Database } from '../storage/schema.js';
import type { SiteContext } from '../views/site-context.js';
import {
  type Article,
  articlePath,
  authorPath,
  getAuthor,
  getSection,
  getTag,
  lastChanged,
  listLatestArticles,
  listPublishedSince,
  sectionPath,
  tagPath,
} from './articles.js';
import { atomFeed, jsonFeed, rssFeed } from './feeds.js';
import * as q from './queries.js';
import {
  MAX_URLS_PER_SITEMAP,
  newsSitemap,
  robotsTxt,
  type SitemapUrl,
  sitemapIndex,
  urlSet,
} from './sitemaps.js';

export interface FeedRoutesOptions {
  db: Kysely<Database>;
  site: SiteState;
  serve: ServePublicPage;
  clock: () => Date;
  /** Items per feed; readers poll often, so the newest few are enough. */
  feedItems?: number;
  /** URLs per article sitemap file; the protocol allows 50,000, tests use fewer. */
  sitemapPageSize?: number;
}

type FeedFormat = 'rss' | 'atom' | 'json';

const FEED_FILES: Record<string, FeedFormat> = { 'feed.xml': 'rss', 'atom.xml': 'atom', 'feed.json': 'json' };
const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};
const XML = 'application/xml; charset=utf-8';
// Google News takes articles from the last two days only.
const NEWS_WINDOW_MS = 48 * 60 * 60 * 1000;

interface FeedSubject {
  title: string;
  description: string;
  /** Path of the page the feed mirrors; the feeds live under it (or at the root for the site). */
  path: string;
  filter: q.ArticleFilter;
}

export function feedRoutes(options: FeedRoutesOptions) {
  const { db, site, serve, clock } = options;
  const feedItems = options.feedItems ?? 20;
  const sitemapPageSize = Math.min(options.sitemapPageSize ?? MAX_URLS_PER_SITEMAP, MAX_URLS_PER_SITEMAP);

  function feedFormat(file: string): FeedFormat {
    const format = FEED_FILES[file];
    if (!format) throw new NotFound('There is no such feed. Try feed.xml, atom.xml or feed.json.');
    return format;
  }

  async function renderFeed(ctx: SiteContext, subject: FeedSubject, format: FeedFormat) {
    const items: Article[] = await listLatestArticles(db, subject.filter, feedItems, ctx.sections);
    const base = subject.path === '/' ? '' : subject.path;
    const input = {
      title: subject.title,
      description: subject.description,
      language: ctx.settings.language,
      homePageUrl: ctx.baseUrl + subject.path,
      selfUrls: {
        rss: `${ctx.baseUrl}${base}/feed.xml`,
        atom: `${ctx.baseUrl}${base}/atom.xml`,
        json: `${ctx.baseUrl}${base}/feed.json`,
      },
      baseUrl: ctx.baseUrl,
      items,
      now: clock(),
      generatorName: 'Broadsheet',
    };
    const body = format === 'rss' ? rssFeed(input) : format === 'atom' ? atomFeed(input) : jsonFeed(input);
    return { body, contentType: CONTENT_TYPES[format], lastModified: lastChanged(items) };
  }

  function serveFeed(
    request: FastifyRequest,
    reply: Parameters<ServePublicPage>[1],
    path: string,
    file: string,
    subject: (ctx: SiteContext) => Promise<FeedSubject>,
  ) {
    const format = feedFormat(file);
    const key = `${path === '/' ? '' : path}/${file}`;
    return serve(request, reply, key, async () => {
      const ctx = await site.context();
      return renderFeed(ctx, await subject(ctx), format);
    });
  }

  async function articleSitemapCount(): Promise<number> {
    return Math.max(1, Math.ceil((await q.countPublished(db, { kind: 'all' })) / sitemapPageSize));
  }

  return async function register(app: FastifyInstance): Promise<void> {
    for (const file of Object.keys(FEED_FILES)) {
      app.get(`/${file}`, (request, reply) =>
        serveFeed(request, reply, '/', file, async (ctx) => ({
          title: ctx.settings.siteName,
          description: ctx.settings.description || ctx.settings.tagline || ctx.settings.siteName,
          path: '/',
          filter: { kind: 'all' },
        })),
      );
    }

    app.get<{ Params: { slug: string; file: string } }>('/sections/:slug/:file', (request, reply) => {
      const slug = requireSlug(request.params.slug);
      return serveFeed(request, reply, sectionPath(slug), request.params.file, async (ctx) => {
        const section = await getSection(db, slug);
        return {
          title: `${section.name} | ${ctx.settings.siteName}`,
          description:
            section.description || `The latest ${section.name} stories from ${ctx.settings.siteName}.`,
          path: sectionPath(slug),
          filter: { kind: 'section', sectionId: section.id },
        };
      });
    });

    app.get<{ Params: { slug: string; file: string } }>('/tags/:slug/:file', (request, reply) => {
      const slug = requireSlug(request.params.slug);
      return serveFeed(request, reply, tagPath(slug), request.params.file, async (ctx) => {
        const tag = await getTag(db, slug);
        return {
          title: `${tag.name} | ${ctx.settings.siteName}`,
          description: `Stories about ${tag.name} from ${ctx.settings.siteName}.`,
          path: tagPath(slug),
          filter: { kind: 'tag', tagId: tag.id },
        };
      });
    });

    app.get<{ Params: { slug: string; file: string } }>('/authors/:slug/:file', (request, reply) => {
      const slug = requireSlug(request.params.slug);
      return serveFeed(request, reply, authorPath(slug), request.params.file, async (ctx) => {
        const author = await getAuthor(db, slug);
        return {
          title: `${author.name} | ${ctx.settings.siteName}`,
          description: author.bio || `Stories by ${author.name} for ${ctx.settings.siteName}.`,
          path: authorPath(slug),
          filter: { kind: 'author', authorId: author.id },
        };
      });
    });

    app.get('/sitemap.xml', (request, reply) =>
      serve(request, reply, '/sitemap.xml', async () => {
        const ctx = await site.context();
        const count = await articleSitemapCount();
        const [newest] = await q.selectSitemapEntries(db, 1, 0);
        const lastmod = newest?.modified_at;
        const refs = [
          { loc: `${ctx.baseUrl}/sitemap-pages.xml`, lastmod },
          ...Array.from({ length: count }, (_, i) => ({
            loc: `${ctx.baseUrl}/sitemap-articles-${i + 1}.xml`,
            lastmod,
          })),
          { loc: `${ctx.baseUrl}/sitemap-news.xml`, lastmod },
        ];
        return { body: sitemapIndex(refs), contentType: XML, lastModified: lastmod ?? null };
      }),
    );

    app.get<{ Params: { n: string } }>('/sitemap-articles-:n.xml', (request, reply) => {
      const n = /^[1-9]\d{0,6}$/.test(request.params.n) ? Number(request.params.n) : 0;
      if (n === 0) throw new NotFound('There is no such sitemap.');
      return serve(request, reply, `/sitemap-articles-${n}.xml`, async () => {
        if (n > (await articleSitemapCount())) throw new NotFound('There is no such sitemap.');
        const ctx = await site.context();
        const rows = await q.selectSitemapEntries(db, sitemapPageSize, (n - 1) * sitemapPageSize);
        const heroes = await findMediaByIds(
          db,
          rows.flatMap((r) => (r.hero_media_id ? [r.hero_media_id] : [])),
        );
        const entries: SitemapUrl[] = rows.map((r) => {
          const hero = r.hero_media_id ? heroes.get(r.hero_media_id) : undefined;
          const image = hero && fallbackVariant(hero);
          return {
            loc: ctx.baseUrl + articlePath(r.slug),
            lastmod: r.modified_at,
            images: hero && image ? [{ loc: ctx.baseUrl + mediaUrl(image.key), caption: hero.caption }] : [],
          };
        });
        return {
          body: urlSet(entries),
          contentType: XML,
          lastModified: lastChanged(rows.map((r) => ({ modifiedAt: r.modified_at }))),
        };
      });
    });

    app.get('/sitemap-pages.xml', (request, reply) =>
      serve(request, reply, '/sitemap-pages.xml', async () => {
        const ctx = await site.context();
        const [tags, authors] = await Promise.all([
          q.selectAllSlugs(db, 'tags'),
          q.selectAllSlugs(db, 'authors'),
        ]);
        const paths = [
          '/',
          ...ctx.sections.map((s) => sectionPath(s.slug)),
          ...tags.map((t) => tagPath(t.slug)),
          ...authors.map((a) => authorPath(a.slug)),
          '/corrections',
          '/support',
        ];
        return { body: urlSet(paths.map((path) => ({ loc: ctx.baseUrl + path }))), contentType: XML };
      }),
    );

    app.get('/sitemap-news.xml', (request, reply) =>
      serve(request, reply, '/sitemap-news.xml', async () => {
        const ctx = await site.context();
        const items = await listPublishedSince(db, new Date(clock().getTime() - NEWS_WINDOW_MS));
        return {
          body: newsSitemap(items, {
            baseUrl: ctx.baseUrl,
            publicationName: ctx.settings.siteName,
            language: ctx.settings.language,
          }),
          contentType: XML,
          lastModified: lastChanged(items),
        };
      }),
    );

    app.get('/robots.txt', (request, reply) =>
      serve(request, reply, '/robots.txt', async () => {
        const ctx = await site.context();
        return { body: robotsTxt(ctx.baseUrl), contentType: 'text/plain; charset=utf-8' };
      }),
    );
  };
}
