// GET /sections/:slug, /tags/:slug, /authors/:slug: a page of the stories filed there (one query), with
// its feeds and neighbours. The section comes from the site context; a tag or an author is looked up.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { ComponentChildren } from 'preact';
import { NotFound } from '../../http/errors.js';
import type { RenderedPage, ServePublicPage } from '../../http/public-page.js';
import { pageNumber, requireSlug } from '../../http/request-params.js';
import { findMediaByIds, mediaTag } from '../../media/media.js';
import { Picture } from '../../media/picture.js';
import { type SectionRef, sectionPath } from '../../site/sections.js';
import type { SiteContext } from '../../site/site-context.js';
import type { SiteState } from '../../site/site-state.js';
import type { Database } from '../../storage/schema.js';
import { renderDocument } from '../../views/layout.js';
import { authorListTag, authorProfileTag, sectionListTag, tagListTag } from '../cache-tags.js';
import { type CuratedStories, type CurateFront, curatedIds, curatedList, sectionFront } from '../curation.js';
import { collectionPageJsonLd, profilePageJsonLd } from '../json-ld/listing-pages.js';
import { type ArticleSummary, authorPath, lastChanged, type Page, tagPath } from '../model.js';
import { CuratedStoriesBlock } from '../pages/curated-stories.js';
import { ListingPage, pagePath } from '../pages/listing-page.js';
import { summaryTags } from '../pages/summary-tags.js';
import { type ArticleFilter, listPublished } from '../queries/list-queries.js';
import { getAuthor, getTag } from '../queries/lookups.js';

export interface ListingRoutesOptions {
  db: Kysely<Database>;
  site: SiteState;
  serve: ServePublicPage;
  perPage?: number;
  /** A section front's live curation, when the fronts domain is on. */
  curate?: CurateFront;
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

/**
 * A section's page with a given curation (the route's, live; the newsroom's preview, a draft): on the first
 * page the chosen stories lead and are left out of the list by date below them.
 */
export async function renderSectionPage(
  db: Kysely<Database>,
  ctx: SiteContext,
  section: SectionRef,
  pageNumber: number,
  perPage: number,
  curated: CuratedStories | null,
): Promise<RenderedPage> {
  const path = sectionPath(section.slug);
  const items = await listPublished(
    db,
    { kind: 'section', sectionId: section.id },
    pageNumber,
    perPage,
    ctx.sectionsById,
  );
  const chosen = pageNumber === 1 ? curated : null;
  const hidden = curatedIds(chosen);
  const page = { ...items, items: items.items.filter((a) => !hidden.has(a.id)) };
  const shown = [...curatedList(chosen), ...page.items];
  return {
    body: renderDocument(
      <ListingPage
        ctx={ctx}
        listing={{
          title: section.name,
          description: section.description,
          currentSection: section.slug,
          intro: chosen && <CuratedStoriesBlock curated={chosen} ctx={ctx} />,
          jsonLd: collectionPageJsonLd(ctx, { name: section.name, path, items: shown }),
          path,
          feedBase: path,
          page,
        }}
      />,
    ),
    lastModified: lastChanged(shown),
    tags: [sectionListTag(section.id), ...(curated?.tags ?? []), ...summaryTags(shown)],
  };
}

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
        const ctx = await site.context();
        const section = ctx.sections.find((s) => s.slug === slug);
        if (!section) throw new NotFound('We could not find that section.');
        const page = pageNumber(request.query);
        const curated = page === 1 ? ((await options.curate?.(ctx, sectionFront(section.id))) ?? null) : null;
        return renderSectionPage(db, ctx, section, page, perPage, curated);
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
