// GET /sections/:slug, /tags/:slug, /authors/:slug: a page of the stories filed there (one query), with
// its feeds and neighbours. The section comes from the site context; a tag or an author is looked up.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { ComponentChildren } from 'preact';
import { NotFound } from '../../http/errors.js';
import type { ServePublicPage } from '../../http/public-page.js';
import { pageNumber, requireSlug } from '../../http/request-params.js';
import { findMediaByIds, mediaTag } from '../../media/media.js';
import { Picture } from '../../media/picture.js';
import { sectionPath } from '../../site/sections.js';
import type { SiteContext } from '../../site/site-context.js';
import type { SiteState } from '../../site/site-state.js';
import type { Database } from '../../storage/schema.js';
import { renderDocument } from '../../views/layout.js';
import { authorListTag, authorProfileTag, sectionListTag, tagListTag } from '../cache-tags.js';
import { collectionPageJsonLd, profilePageJsonLd } from '../json-ld/listing-pages.js';
import { type ArticleSummary, authorPath, lastChanged, type Page, tagPath } from '../model.js';
import { ListingPage, pagePath } from '../pages/listing-page.js';
import { summaryTags } from '../pages/summary-tags.js';
import { type ArticleFilter, listPublished } from '../queries/list-queries.js';
import { getAuthor, getTag } from '../queries/lookups.js';

export interface ListingRoutesOptions {
  db: Kysely<Database>;
  site: SiteState;
  serve: ServePublicPage;
  perPage?: number;
}

interface ListingDescription {
  title: string;
  description: string;
  currentSection?: string;
  intro?: ComponentChildren;
  jsonLd: object;
  tags: string[];
}

type Describe = (ctx: SiteContext, page: Page<ArticleSummary>) => Promise<ListingDescription>;

export function listingRoutes(options: ListingRoutesOptions) {
  const { db, site, serve } = options;
  const perPage = options.perPage ?? 18;

  async function listing(request: FastifyRequest, path: string, filter: ArticleFilter, describe: Describe) {
    const ctx = await site.context();
    const items = await listPublished(db, filter, pageNumber(request.query), perPage, ctx.sectionsById);
    const d = await describe(ctx, items);
    return {
      body: renderDocument(<ListingPage ctx={ctx} listing={{ ...d, path, feedBase: path, page: items }} />),
      lastModified: lastChanged(items.items),
      tags: [...d.tags, ...summaryTags(items.items)],
    };
  }

  const key = (path: string, request: FastifyRequest) => pagePath(path, pageNumber(request.query));

  return async function register(app: FastifyInstance): Promise<void> {
    // /sections/ is the one address of a section; the singular form, which the newsroom once showed as the
    // address, moves there for good (with its page number), so shared links and search results follow.
    app.get<{ Params: { slug: string }; Querystring: Record<string, unknown> }>(
      '/section/:slug',
      (request, reply) => reply.redirect(key(sectionPath(requireSlug(request.params.slug)), request), 301),
    );
    app.get<{ Params: { slug: string } }>('/sections/:slug', (request, reply) => {
      const slug = requireSlug(request.params.slug);
      const path = sectionPath(slug);
      return serve(request, reply, key(path, request), async () => {
        const section = (await site.context()).sections.find((s) => s.slug === slug);
        if (!section) throw new NotFound('We could not find that section.');
        return listing(request, path, { kind: 'section', sectionId: section.id }, async (ctx, page) => ({
          title: section.name,
          description: section.description,
          currentSection: slug,
          jsonLd: collectionPageJsonLd(ctx, { name: section.name, path, items: page.items }),
          tags: [sectionListTag(section.id)],
        }));
      });
    });

    app.get<{ Params: { slug: string } }>('/tags/:slug', (request, reply) => {
      const slug = requireSlug(request.params.slug);
      const path = tagPath(slug);
      return serve(request, reply, key(path, request), async () => {
        const tag = await getTag(db, slug);
        return listing(request, path, { kind: 'tag', tagId: tag.id }, async (ctx, page) => ({
          title: tag.name,
          description: `Stories about ${tag.name}.`,
          jsonLd: collectionPageJsonLd(ctx, { name: tag.name, path, items: page.items }),
          tags: [tagListTag(tag.id)],
        }));
      });
    });

    app.get<{ Params: { slug: string } }>('/authors/:slug', (request, reply) => {
      const slug = requireSlug(request.params.slug);
      const path = authorPath(slug);
      return serve(request, reply, key(path, request), async () => {
        const author = await getAuthor(db, slug);
        return listing(request, path, { kind: 'author', authorId: author.id }, async (ctx, page) => {
          const photo = author.photoMediaId
            ? (await findMediaByIds(db, [author.photoMediaId])).get(author.photoMediaId)
            : undefined;
          return {
            title: author.name,
            description: author.bio,
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
            tags: [
              authorListTag(author.id),
              authorProfileTag(author.id),
              ...(photo ? [mediaTag(photo.id)] : []),
            ],
          };
        });
      });
    });
  };
}
