// RSS, Atom and JSON Feed for the site and for every section, tag and author, through the page cache and
// tagged like the list each mirrors, so publishing there refreshes them with the pages.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { NotFound } from '../../http/errors.js';
import type { ServePublicPage } from '../../http/public-page.js';
import { requireSlug } from '../../http/request-params.js';
import { sectionPath } from '../../site/sections.js';
import type { SiteContext } from '../../site/site-context.js';
import type { SiteState } from '../../site/site-state.js';
import type { Database } from '../../storage/schema.js';
import { authorListTag, FEED, LATEST, sectionListTag, tagListTag } from '../cache-tags.js';
import { authorPath, lastChanged, tagPath } from '../model.js';
import { summaryTags } from '../pages/summary-tags.js';
import { listLatestArticles } from '../queries/feed-query.js';
import type { ArticleFilter } from '../queries/list-queries.js';
import { getAuthor, getTag } from '../queries/lookups.js';
import { atomFeed } from './atom.js';
import { jsonFeed } from './json-feed.js';
import { rssFeed } from './rss.js';

export interface FeedRoutesOptions {
  db: Kysely<Database>;
  site: SiteState;
  serve: ServePublicPage;
  clock: () => Date;
  /** Items per feed; readers poll often, so the newest few are enough. */
  feedItems?: number;
}

type FeedFormat = 'rss' | 'atom' | 'json';

const FEED_FILES: Record<string, FeedFormat> = { 'feed.xml': 'rss', 'atom.xml': 'atom', 'feed.json': 'json' };
const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};
const WRITERS = { rss: rssFeed, atom: atomFeed, json: jsonFeed };

interface FeedSubject {
  title: string;
  description: string;
  /** Path of the page the feed mirrors; the feeds live under it (or at the root for the site). */
  path: string;
  filter: ArticleFilter;
  tag: string;
}

type Subject = (ctx: SiteContext) => Promise<FeedSubject>;

export function feedRoutes(options: FeedRoutesOptions) {
  const { db, site, serve, clock } = options;
  const feedItems = options.feedItems ?? 20;

  function feedFormat(file: string): FeedFormat {
    const format = FEED_FILES[file];
    if (!format) throw new NotFound('There is no such feed. Try feed.xml, atom.xml or feed.json.');
    return format;
  }

  async function renderFeed(ctx: SiteContext, subject: FeedSubject, format: FeedFormat) {
    const items = await listLatestArticles(db, subject.filter, feedItems, ctx.sectionsById);
    const base = subject.path === '/' ? '' : subject.path;
    const body = WRITERS[format]({
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
    });
    const tags = [subject.tag, FEED, ...summaryTags(items)];
    return { body, contentType: CONTENT_TYPES[format], lastModified: lastChanged(items), tags };
  }

  function serveFeed(
    request: FastifyRequest,
    reply: FastifyReply,
    path: string,
    file: string,
    subject: Subject,
  ) {
    const format = feedFormat(file);
    return serve(request, reply, `${path === '/' ? '' : path}/${file}`, async () => {
      const ctx = await site.context();
      return renderFeed(ctx, await subject(ctx), format);
    });
  }

  type SlugParams = { Params: { slug: string; file: string } };

  return async function register(app: FastifyInstance): Promise<void> {
    for (const file of Object.keys(FEED_FILES)) {
      app.get(`/${file}`, (request, reply) =>
        serveFeed(request, reply, '/', file, async (ctx) => ({
          title: ctx.settings.siteName,
          description: ctx.settings.description || ctx.settings.tagline || ctx.settings.siteName,
          path: '/',
          filter: { kind: 'all' },
          tag: LATEST,
        })),
      );
    }

    app.get<SlugParams>('/sections/:slug/:file', (request, reply) => {
      const slug = requireSlug(request.params.slug);
      return serveFeed(request, reply, sectionPath(slug), request.params.file, async (ctx) => {
        const section = ctx.sections.find((s) => s.slug === slug);
        if (!section) throw new NotFound('We could not find that section.');
        return {
          title: `${section.name} | ${ctx.settings.siteName}`,
          description:
            section.description || `The latest ${section.name} stories from ${ctx.settings.siteName}.`,
          path: sectionPath(slug),
          filter: { kind: 'section', sectionId: section.id },
          tag: sectionListTag(section.id),
        };
      });
    });

    app.get<SlugParams>('/tags/:slug/:file', (request, reply) => {
      const slug = requireSlug(request.params.slug);
      return serveFeed(request, reply, tagPath(slug), request.params.file, async (ctx) => {
        const tag = await getTag(db, slug);
        return {
          title: `${tag.name} | ${ctx.settings.siteName}`,
          description: `Stories about ${tag.name} from ${ctx.settings.siteName}.`,
          path: tagPath(slug),
          filter: { kind: 'tag', tagId: tag.id },
          tag: tagListTag(tag.id),
        };
      });
    });

    app.get<SlugParams>('/authors/:slug/:file', (request, reply) => {
      const slug = requireSlug(request.params.slug);
      return serveFeed(request, reply, authorPath(slug), request.params.file, async (ctx) => {
        const author = await getAuthor(db, slug);
        return {
          title: `${author.name} | ${ctx.settings.siteName}`,
          description: author.bio || `Stories by ${author.name} for ${ctx.settings.siteName}.`,
          path: authorPath(slug),
          filter: { kind: 'author', authorId: author.id },
          tag: authorListTag(author.id),
        };
      });
    });
  };
}
