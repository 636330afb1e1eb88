// The reader site's pages: home, article, section, tag and author archives. Each route validates the URL,
// asks the domain for content and renders it through the page cache.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { ComponentChildren } from 'preact';
import type { ServePublicPage } from '../http/public-page.js';
import { pageNumber, requireSlug } from '../http/request-params.js';
import { findMediaByIds } from '../media/media.js';
import { Picture } from '../media/picture.js';
import { redirectOldSlug } from '../newsroom/articles/redirects.js';
import type { SiteState } from '../site/site-state.js';
import type { Database } from '../storage/schema.js';
import { renderDocument } from '../views/layout.js';
import type { SiteContext } from '../views/site-context.js';
import {
  type Article,
  type ArticleSummary,
  authorPath,
  getAuthor,
  getPublishedArticle,
  getSection,
  getTag,
  lastChanged,
  listLatest,
  listPublished,
  type Page,
  sectionPath,
  tagPath,
} from './articles.js';
import { collectionPageJsonLd, profilePageJsonLd, websiteJsonLd } from './json-ld.js';
import { type ArticleExtension, ArticlePage } from './pages/article-page.js';
import { HomePage } from './pages/home-page.js';
import { ListingPage, pagePath } from './pages/listing-page.js';
import type { ArticleFilter } from './queries.js';

export interface ReaderRoutesOptions {
  db: Kysely<Database>;
  site: SiteState;
  serve: ServePublicPage;
  perPage?: number;
  /** What later capabilities add to the article page (comment count, support call-to-action, comments). */
  articleExtensions?: Array<(article: Article, ctx: SiteContext) => Promise<ArticleExtension>>;
  /** What a later capability shows on the front page after the latest stories (support call-to-action). */
  homeSupport?: (ctx: SiteContext) => Promise<ComponentChildren>;
}

const LATEST_ON_HOME = 6;
const PER_SECTION_ON_HOME = 3;

export function readerRoutes(options: ReaderRoutesOptions) {
  const { db, site, serve } = options;
  const perPage = options.perPage ?? 18;

  async function homeContent(ctx: SiteContext) {
    const latest = await listLatest(db, { kind: 'all' }, LATEST_ON_HOME + 1, ctx.sections);
    const shown = new Set(latest.map((a) => a.id));
    const bySection = await Promise.all(
      ctx.sections.map(async (section) => {
        const articles = await listLatest(
          db,
          { kind: 'section', sectionId: section.id },
          PER_SECTION_ON_HOME + LATEST_ON_HOME + 1,
          ctx.sections,
        );
        return { section, articles: articles.filter((a) => !shown.has(a.id)).slice(0, PER_SECTION_ON_HOME) };
      }),
    );
    return {
      lead: latest[0] ?? null,
      latest: latest.slice(1),
      bySection: bySection.filter((s) => s.articles.length > 0),
    };
  }

  async function listing(
    request: FastifyRequest,
    filter: ArticleFilter,
    describe: (
      ctx: SiteContext,
      page: Page<ArticleSummary>,
    ) => Promise<{
      title: string;
      description: string;
      path: string;
      currentSection?: string;
      intro?: ComponentChildren;
      jsonLd: object;
    }>,
  ) {
    const page = pageNumber(request.query);
    const ctx = await site.context();
    const items = await listPublished(db, filter, page, perPage, ctx.sections);
    const d = await describe(ctx, items);
    return {
      body: renderDocument(<ListingPage ctx={ctx} listing={{ ...d, feedBase: d.path, page: items }} />),
      lastModified: lastChanged(items.items),
    };
  }

  function listingKey(path: string, request: FastifyRequest): string {
    return pagePath(path, pageNumber(request.query));
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/', (request, reply) =>
      serve(request, reply, '/', async () => {
        const ctx = await site.context();
        const content = await homeContent(ctx);
        const all = [content.lead, ...content.latest].filter((a): a is ArticleSummary => a !== null);
        const support = await options.homeSupport?.(ctx);
        return {
          body: renderDocument(
            <HomePage ctx={ctx} content={content} jsonLd={websiteJsonLd(ctx)} support={support} />,
          ),
          lastModified: lastChanged(all),
        };
      }),
    );

    app.get<{ Params: { slug: string } }>('/articles/:slug', (request, reply) => {
      const slug = requireSlug(request.params.slug);
      return serve(request, reply, `/articles/${slug}`, async () => {
        const ctx = await site.context();
        const article = await getPublishedArticle(db, slug, ctx.sections);
        const extensions = await Promise.all(
          (options.articleExtensions ?? []).map((extend) => extend(article, ctx)),
        );
        return {
          body: renderDocument(<ArticlePage article={article} ctx={ctx} extensions={extensions} />),
          lastModified: article.modifiedAt,
        };
      }).catch((error) => redirectOldSlug(db, reply, slug, error));
    });

    app.get<{ Params: { slug: string } }>('/sections/:slug', (request, reply) => {
      const slug = requireSlug(request.params.slug);
      return serve(request, reply, listingKey(sectionPath(slug), request), async () => {
        const section = await getSection(db, slug);
        return listing(request, { kind: 'section', sectionId: section.id }, async (ctx, page) => ({
          title: section.name,
          description: section.description,
          path: sectionPath(slug),
          currentSection: slug,
          jsonLd: collectionPageJsonLd(ctx, {
            name: section.name,
            path: sectionPath(slug),
            items: page.items,
          }),
        }));
      });
    });

    app.get<{ Params: { slug: string } }>('/tags/:slug', (request, reply) => {
      const slug = requireSlug(request.params.slug);
      return serve(request, reply, listingKey(tagPath(slug), request), async () => {
        const tag = await getTag(db, slug);
        return listing(request, { kind: 'tag', tagId: tag.id }, async (ctx, page) => ({
          title: tag.name,
          description: `Stories about ${tag.name}.`,
          path: tagPath(slug),
          jsonLd: collectionPageJsonLd(ctx, { name: tag.name, path: tagPath(slug), items: page.items }),
        }));
      });
    });

    app.get<{ Params: { slug: string } }>('/authors/:slug', (request, reply) => {
      const slug = requireSlug(request.params.slug);
      return serve(request, reply, listingKey(authorPath(slug), request), async () => {
        const author = await getAuthor(db, slug);
        return listing(request, { kind: 'author', authorId: author.id }, async (ctx, page) => {
          const photo = author.photoMediaId
            ? (await findMediaByIds(db, [author.photoMediaId])).get(author.photoMediaId)
            : undefined;
          return {
            title: author.name,
            description: author.bio,
            path: authorPath(slug),
            intro: (
              <div class="author-card">
                {photo && <Picture item={photo} sizes="6rem" alt="" />}
                <div>
                  {author.jobTitle && <p>{author.jobTitle}</p>}
                  {author.expertise && <p>Covers: {author.expertise}</p>}
                </div>
              </div>
            ),
            jsonLd: profilePageJsonLd(ctx, author, page.items, photo),
          };
        });
      });
    });
  };
}
