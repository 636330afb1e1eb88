// What the content API answers about static pages: the published ones, read through the pages domain's own
// functions (pages/page-refs.ts) and tagged with each page's tag, so that an edit drops the answers showing it
// (publishing or unpublishing a page drops every cached answer).
import type { z } from 'zod';
import { absoluteBodyHtml } from '../articles/render/absolute-html.js';
import { mediaIdsOf } from '../articles/render/document.js';
import { NotFound } from '../http/errors.js';
import { findMediaByIds, mediaTag } from '../media/media.js';
import {
  findPublishedPageById,
  findPublishedPages,
  loadPublishedPage,
  type PublishedPage,
  pagePath,
  pageTag,
} from '../pages/page-refs.js';
import type { Answer, ContentDeps } from './content.js';
import type { pageSchema } from './page-schemas.js';
import { imageOf } from './representations.js';
import type { pageQuery } from './schemas.js';

const PAGES_PER_PAGE = 50;
const NO_PAGE = 'We could not find that page. It may have moved or been unpublished.';

function summaryOf(base: string, page: PublishedPage) {
  return {
    id: page.id,
    slug: page.slug,
    title: page.title,
    description: page.description,
    url: base + pagePath(page.slug),
    publishedAt: page.publishedAt,
    updatedAt: page.updatedAt,
  };
}

export async function pageList(deps: ContentDeps, query: z.output<typeof pageQuery>): Promise<Answer> {
  const ctx = await deps.site.context();
  const { pages, total } = await findPublishedPages(deps.db, {
    order: 'desc',
    limit: PAGES_PER_PAGE,
    offset: (query.page - 1) * PAGES_PER_PAGE,
  });
  const last = Math.max(1, Math.ceil(total / PAGES_PER_PAGE));
  if (query.page > last) throw new NotFound('There is no such page of pages.');
  return {
    body: { items: pages.map((p) => summaryOf(ctx.baseUrl, p)), page: query.page, pages: last, total },
    tags: pages.map((p) => pageTag(p.id)),
  };
}

export async function pageById(deps: ContentDeps, id: number): Promise<Answer> {
  const page = await findPublishedPageById(deps.db, id);
  if (!page) throw new NotFound(NO_PAGE);
  return wholePage(deps, page);
}

export async function pageBySlug(deps: ContentDeps, slug: string): Promise<Answer> {
  return wholePage(deps, await loadPublishedPage(deps.db, slug).catch(notFoundAs(NO_PAGE)));
}

function notFoundAs(message: string) {
  return (error: unknown): never => {
    throw error instanceof NotFound ? new NotFound(message) : error;
  };
}

async function wholePage(deps: ContentDeps, page: PublishedPage): Promise<Answer> {
  const ctx = await deps.site.context();
  const mediaIds = mediaIdsOf(page.body);
  const media = await findMediaByIds(deps.db, mediaIds);
  const body: z.infer<typeof pageSchema> = {
    ...summaryOf(ctx.baseUrl, page),
    body: page.body,
    // The site's own renderer, with links and images made absolute as for the article endpoint.
    bodyHtml: absoluteBodyHtml(page.body, media, ctx.baseUrl),
    images: [...media.values()].map((m) => imageOf(ctx.baseUrl, m)),
  };
  return { body, tags: [pageTag(page.id), ...mediaIds.map(mediaTag)] };
}
