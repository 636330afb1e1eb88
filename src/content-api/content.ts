// What each content API endpoint answers, as a body and the cache tags of what it shows (the tags pages
// carry: articles/cache-tags.ts, comments/cache-tags.ts, media's), so that a publish or an edit drops the
// answers that show it. Reads through the articles', comments' and site's own functions.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { articlesByIds } from '../articles/article-refs.js';
import {
  articleTag,
  authorListTag,
  authorProfileTag,
  CORRECTIONS,
  LATEST,
  sectionListTag,
  tagListTag,
} from '../articles/cache-tags.js';
import { listPublicCorrections } from '../articles/corrections/corrections-query.js';
import { articlePath } from '../articles/model.js';
import { loadPublishedArticle } from '../articles/queries/article-query.js';
import { listPublishedAuthors, listPublishedTags } from '../articles/queries/directory-queries.js';
import {
  findPublishedArticleById,
  type KeysetFilter,
  listPublishedAfter,
} from '../articles/queries/keyset-query.js';
import { getAuthor, getTag } from '../articles/queries/lookups.js';
import { ALL_COMMENTS, commentsTag } from '../comments/cache-tags.js';
import { loadCommentPage, type ThreadNode } from '../comments/comments.js';
import { Invalid, NotFound } from '../http/errors.js';
import { findMediaByIds, mediaTag } from '../media/media.js';
import { MAX_OFFSET, searchArticles } from '../search/search-articles.js';
import type { SiteState } from '../site/site-state.js';
import type { Database } from '../storage/schema.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import {
  articleListItemOf,
  articleOf,
  authorOf,
  imageOf,
  sectionOf,
  sparse,
  tagOf,
} from './representations.js';
import type { ArticleListField, articleListQuery, commentsQuery, pageQuery } from './schemas.js';
import { ARTICLE_LIST_FIELDS } from './schemas.js';
import type { searchQuery } from './search-schemas.js';

export interface Answer {
  body: unknown;
  tags: readonly string[];
}

export interface ContentDeps {
  db: Kysely<Database>;
  site: SiteState;
}

const NO_ARTICLE = 'We could not find that article. It may have moved or been unpublished.';

/** A filter's slug as the thing it names; a slug naming nothing is a 400 naming the parameter. */
async function resolve<T>(parameter: string, find: () => Promise<T>): Promise<T> {
  try {
    return await find();
  } catch (error) {
    if (error instanceof NotFound)
      throw new Invalid(`No ${parameter} has that slug.`, { [parameter]: `no ${parameter} has this slug` });
    throw error;
  }
}

function fieldList(fields: string | undefined): ArticleListField[] | null {
  if (fields === undefined) return null;
  const names = fields
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(ARTICLE_LIST_FIELDS as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0)
    throw new Invalid('Some parameters are not valid: fields.', {
      fields: names.length === 0 ? 'names no field' : `unknown field: ${unknown.join(', ')}`,
    });
  return names as ArticleListField[];
}

export async function articleList(
  deps: ContentDeps,
  query: z.output<typeof articleListQuery>,
): Promise<Answer> {
  const ctx = await deps.site.context();
  const fields = fieldList(query.fields);
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
  const filter: KeysetFilter = {};
  const tags = new Set<string>([LATEST]);
  if (query.section !== undefined) {
    const section = ctx.sections.find((s) => s.slug === query.section);
    if (!section) throw new Invalid('No section has that slug.', { section: 'no section has this slug' });
    filter.sectionId = section.id;
    tags.add(sectionListTag(section.id));
  }
  if (query.tag !== undefined) {
    const tag = await resolve('tag', () => getTag(deps.db, query.tag!));
    filter.tagId = tag.id;
    tags.add(tagListTag(tag.id));
  }
  if (query.author !== undefined) {
    const author = await resolve('author', () => getAuthor(deps.db, query.author!));
    filter.authorId = author.id;
    tags.add(authorListTag(author.id));
  }
  if (query.updated_since !== undefined) filter.modifiedSince = new Date(query.updated_since).toISOString();
  // One more than asked tells whether a next page exists without counting.
  const rows = await listPublishedAfter(deps.db, filter, after, query.limit + 1, ctx.sectionsById);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  for (const a of page) {
    tags.add(articleTag(a.id));
    for (const p of a.authors) tags.add(authorProfileTag(p.id));
    if (a.hero) tags.add(mediaTag(a.hero.id));
  }
  return {
    body: {
      items: sparse(
        page.map((a) => articleListItemOf(ctx.baseUrl, a)),
        fields,
      ),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor({ publishedAt: last.publishedAt, id: last.id })
          : null,
    },
    tags: [...tags],
  };
}

export async function articleById(deps: ContentDeps, id: number): Promise<Answer> {
  const ctx = await deps.site.context();
  const article = await findPublishedArticleById(deps.db, id, ctx.sectionsById);
  if (!article) throw new NotFound(NO_ARTICLE);
  return wholeArticle(ctx.baseUrl, article);
}

export async function articleBySlug(deps: ContentDeps, slug: string): Promise<Answer> {
  const ctx = await deps.site.context();
  return wholeArticle(ctx.baseUrl, await loadPublishedArticle(deps.db, slug, ctx.sectionsById));
}

function wholeArticle(base: string, article: Parameters<typeof articleOf>[1]): Answer {
  return {
    body: articleOf(base, article),
    tags: [
      articleTag(article.id),
      ...article.authors.map((p) => authorProfileTag(p.id)),
      ...[...article.media.keys()].map(mediaTag),
    ],
  };
}

export async function sectionList(deps: ContentDeps): Promise<Answer> {
  const ctx = await deps.site.context();
  // Sections change with the settings, which drop every cached answer (EVERYTHING).
  return { body: { items: ctx.sections.map((s) => sectionOf(ctx.baseUrl, s)) }, tags: [] };
}

export async function tagList(deps: ContentDeps): Promise<Answer> {
  const ctx = await deps.site.context();
  const tags = await listPublishedTags(deps.db);
  // A tag joins the list when an article with it is published, which announces LATEST.
  return { body: { items: tags.map((t) => tagOf(ctx.baseUrl, t)) }, tags: [LATEST] };
}

export async function authorList(deps: ContentDeps): Promise<Answer> {
  const ctx = await deps.site.context();
  const authors = await listPublishedAuthors(deps.db);
  const photoIds = authors.flatMap((a) => (a.photoMediaId === null ? [] : [a.photoMediaId]));
  const photos = await findMediaByIds(deps.db, photoIds);
  return {
    body: { items: authors.map((a) => authorOf(ctx.baseUrl, a, photos)) },
    tags: [LATEST, ...authors.map((a) => authorProfileTag(a.id)), ...photoIds.map(mediaTag)],
  };
}

export async function correctionList(deps: ContentDeps, query: z.output<typeof pageQuery>): Promise<Answer> {
  const ctx = await deps.site.context();
  const page = await listPublicCorrections(deps.db, query.page, 50);
  return {
    body: {
      items: page.items.map((c) => ({
        id: c.id,
        kind: c.kind,
        text: c.text,
        publishedAt: c.publishedAt,
        withdrawnAt: c.withdrawnAt,
        article: {
          slug: c.articleSlug,
          headline: c.articleHeadline,
          url: ctx.baseUrl + articlePath(c.articleSlug),
        },
      })),
      page: page.page,
      pages: page.pages,
      total: page.total,
    },
    tags: [CORRECTIONS],
  };
}

const COMMENT_THREADS_PER_PAGE = 20;

export async function commentList(
  deps: ContentDeps,
  articleId: number,
  query: z.output<typeof commentsQuery>,
): Promise<Answer> {
  // Only a published article's comments: the same rule as its page.
  if (!(await articlesByIds(deps.db, [articleId])).get(articleId)?.published) throw new NotFound(NO_ARTICLE);
  const page = await loadCommentPage(deps.db, articleId, {
    page: query.page,
    order: query.order,
    perPage: COMMENT_THREADS_PER_PAGE,
  });
  if (page.page !== query.page) throw new NotFound('There is no such page of comments.');
  return {
    body: { items: flatten(page.threads, null, 0), total: page.total, page: page.page, pages: page.pages },
    tags: [articleTag(articleId), commentsTag(articleId), ALL_COMMENTS],
  };
}

/** Threads as one list in conversation order, each comment naming its parent: the public fields only. */
function flatten(nodes: ThreadNode[], parentId: number | null, depth: number): unknown[] {
  return nodes.flatMap((node) => {
    const c = node.comment;
    return [
      {
        id: node.id,
        parentId,
        depth: c?.depth ?? depth,
        removed: c === null,
        authorName: c?.authorName ?? null,
        authorUrl: c ? c.authorUrl || null : null,
        body: c?.body ?? null,
        createdAt: c?.createdAt ?? null,
        editedAt: c?.editedAt ?? null,
        fromStaff: c?.fromStaff ?? false,
      },
      ...flatten(node.replies, node.id, (c?.depth ?? depth) + 1),
    ];
  });
}

export async function siteSettings(deps: ContentDeps): Promise<Answer> {
  const ctx = await deps.site.context();
  const { settings } = ctx;
  return {
    body: {
      siteName: settings.siteName,
      tagline: settings.tagline,
      description: settings.description,
      language: settings.language,
      timeZone: settings.timeZone,
      url: ctx.baseUrl,
      logo: ctx.logo ? imageOf(ctx.baseUrl, ctx.logo) : null,
      publisher: {
        legalName: settings.publisher.legalName,
        sameAs: settings.publisher.sameAs,
        policies: Object.fromEntries(
          Object.entries(settings.publisher.policies).filter(([, url]) => url !== ''),
        ),
      },
    },
    tags: [],
  };
}

/** Published articles matching `q`, best first, a page at a time, through the site search's own index. */
export async function searchResults(deps: ContentDeps, query: z.output<typeof searchQuery>): Promise<Answer> {
  const ctx = await deps.site.context();
  let sectionId: number | undefined;
  if (query.section !== undefined) {
    const section = ctx.sections.find((s) => s.slug === query.section);
    if (!section) throw new Invalid('No section has that slug.', { section: 'no section has this slug' });
    sectionId = section.id;
  }
  const offset = (query.page - 1) * query.limit;
  if (offset > MAX_OFFSET)
    throw new Invalid(`Only the first ${MAX_OFFSET} results can be paged through.`, { page: 'too far' });
  const found = await searchArticles(deps.db, {
    q: query.q,
    sectionId,
    from: query.from,
    to: query.to,
    limit: query.limit,
    offset,
  });
  return {
    body: {
      items: found.hits.map((h) => ({
        id: h.articleId,
        slug: h.slug,
        headline: h.headline,
        dek: h.dek,
        url: ctx.baseUrl + articlePath(h.slug),
        snippetHtml: h.snippetHtml,
        publishedAt: h.publishedAt,
        section: h.sectionId === null ? null : (ctx.sectionsById.get(h.sectionId)?.slug ?? null),
      })),
      page: query.page,
      pages: Math.ceil(found.total / query.limit),
      total: found.total,
    },
    // Any publication may add a result; an edit of a story found changes its own.
    tags: [LATEST, ...found.hits.map((h) => articleTag(h.articleId))],
  };
}
