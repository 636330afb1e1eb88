// Every content API endpoint in one table: its address, what it validates its parameters with, what it
// answers with and how. The routes (routes.ts) and the OpenAPI document (openapi.ts) are both made from it,
// so the document cannot describe an endpoint other than the one that runs.
import { z } from 'zod';
import {
  type Answer,
  articleById,
  articleBySlug,
  articleList,
  authorList,
  type ContentDeps,
  commentList,
  correctionList,
  searchResults,
  sectionList,
  siteSettings,
  tagList,
} from './content.js';
import { pageIdPath, pageListSchema, pageSchema, pageSlugPath } from './page-schemas.js';
import { pageById, pageBySlug, pageList } from './pages.js';
import { parseParameters, parsePath } from './parameters.js';
import {
  articleListQuery,
  articleListSchema,
  articleSchema,
  authorListSchema,
  commentListSchema,
  commentsQuery,
  correctionListSchema,
  idPath,
  pageQuery,
  plainQuery,
  sectionListSchema,
  settingsSchema,
  slugPath,
  sparseArticleListSchema,
  tagListSchema,
} from './schemas.js';
import { searchQuery, searchResultSchema } from './search-schemas.js';

export interface Endpoint {
  /** Below /api/v1, in OpenAPI's form (`{id}`); the route's own form is made from it. */
  path: string;
  summary: string;
  description: string;
  query: z.ZodObject;
  params?: z.ZodObject;
  response: z.ZodType;
  /** What a 404 means here, when the endpoint names one thing. */
  notFound?: string;
  answer: (deps: ContentDeps, params: Record<string, string>, query: unknown) => Promise<Answer>;
}

const idOf = (params: Record<string, string>) =>
  Number(parsePath(idPath, params, 'We could not find that article.').id);

export const ENDPOINTS: Endpoint[] = [
  {
    path: '/articles',
    summary: 'List published articles',
    description:
      'Newest first. Filters combine. Walk the list with `cursor` (keyset: stories published meanwhile do not ' +
      'shift the pages). With `fields`, each article has only the fields named.',
    query: articleListQuery,
    response: z.union([articleListSchema, sparseArticleListSchema]),
    answer: (deps, _params, query) => articleList(deps, parseParameters(articleListQuery, query)),
  },
  {
    path: '/articles/{id}',
    summary: 'One published article by id',
    description:
      'The article whole: the body as a structured document and as HTML, its images, authors, tags and corrections.',
    query: plainQuery,
    params: idPath,
    response: articleSchema,
    notFound: 'No published article has this id.',
    answer: (deps, params, query) => {
      parseParameters(plainQuery, query);
      return articleById(deps, idOf(params));
    },
  },
  {
    path: '/articles/by-slug/{slug}',
    summary: 'One published article by slug',
    description: 'The same as by id, found by the slug in its address.',
    query: plainQuery,
    params: slugPath,
    response: articleSchema,
    notFound: 'No published article has this slug.',
    answer: (deps, params, query) => {
      parseParameters(plainQuery, query);
      const { slug } = parsePath(slugPath, params, 'We could not find that article.');
      return articleBySlug(deps, slug);
    },
  },
  {
    path: '/articles/{id}/comments',
    summary: 'Approved comments of an article',
    description:
      'A page of threads (20 to a page) as one list in conversation order; each comment names its parent. ' +
      'Public fields only: no email address, network or hash is ever given.',
    query: commentsQuery,
    params: idPath,
    response: commentListSchema,
    notFound: 'No published article has this id, or the page is past the last.',
    answer: (deps, params, query) => commentList(deps, idOf(params), parseParameters(commentsQuery, query)),
  },
  {
    path: '/sections',
    summary: 'The sections',
    description: 'In the site’s navigation order.',
    query: plainQuery,
    response: sectionListSchema,
    answer: (deps, _params, query) => {
      parseParameters(plainQuery, query);
      return sectionList(deps);
    },
  },
  {
    path: '/tags',
    summary: 'Tags with published articles',
    description: 'By name, each with its number of published articles.',
    query: plainQuery,
    response: tagListSchema,
    answer: (deps, _params, query) => {
      parseParameters(plainQuery, query);
      return tagList(deps);
    },
  },
  {
    path: '/authors',
    summary: 'Authors with published articles',
    description: 'Public profile fields only, by name.',
    query: plainQuery,
    response: authorListSchema,
    answer: (deps, _params, query) => {
      parseParameters(plainQuery, query);
      return authorList(deps);
    },
  },
  {
    path: '/corrections',
    summary: 'The public record of corrections',
    description: 'Newest first, 50 to a page; withdrawn notes stay listed, marked withdrawn.',
    query: pageQuery,
    response: correctionListSchema,
    notFound: 'The page is past the last.',
    answer: (deps, _params, query) => correctionList(deps, parseParameters(pageQuery, query)),
  },
  {
    path: '/pages',
    summary: 'Published static pages',
    description: 'The site’s standing pages (about, ethics policy …), newest first, 50 to a page.',
    query: pageQuery,
    response: pageListSchema,
    notFound: 'The page is past the last.',
    answer: (deps, _params, query) => pageList(deps, parseParameters(pageQuery, query)),
  },
  {
    path: '/pages/{id}',
    summary: 'One published static page by id',
    description: 'The page whole: the body as a structured document and as HTML, and its images.',
    query: plainQuery,
    params: pageIdPath,
    response: pageSchema,
    notFound: 'No published page has this id.',
    answer: (deps, params, query) => {
      parseParameters(plainQuery, query);
      return pageById(deps, Number(parsePath(pageIdPath, params, 'We could not find that page.').id));
    },
  },
  {
    path: '/pages/by-slug/{slug}',
    summary: 'One published static page by slug',
    description: 'The same as by id, found by the slug of its address.',
    query: plainQuery,
    params: pageSlugPath,
    response: pageSchema,
    notFound: 'No published page has this slug.',
    answer: (deps, params, query) => {
      parseParameters(plainQuery, query);
      return pageBySlug(deps, parsePath(pageSlugPath, params, 'We could not find that page.').slug);
    },
  },
  {
    path: '/search',
    summary: 'Search published articles',
    description:
      'Best first: a word in the headline counts most, then the dek, then the body; accents and case are ' +
      'ignored. Each result has the passage where the words are. A query with no words in it finds nothing.',
    query: searchQuery,
    response: searchResultSchema,
    answer: (deps, _params, query) => searchResults(deps, parseParameters(searchQuery, query)),
  },
  {
    path: '/settings',
    summary: 'The site’s public settings',
    description: 'Name, tagline, language, time zone, logo and publisher details.',
    query: plainQuery,
    response: settingsSchema,
    answer: (deps, _params, query) => {
      parseParameters(plainQuery, query);
      return siteSettings(deps);
    },
  },
];

/** `/articles/{id}` as Fastify writes it: `/articles/:id`. */
export function routePath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}
