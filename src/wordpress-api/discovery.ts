// GET /wp-json/ and /wp-json/wp/v2: the index WordPress clients discover the API by (the site, its namespaces
// and every route with the arguments it takes). Only GET is listed: this API reads and never writes.
import { tzOffset } from '@date-fns/tz/tzOffset';
import type { SiteContext } from '../site/site-context.js';
import { API_ROOT, NAMESPACE } from './links.js';

type Arg = [type: 'integer' | 'string' | 'array' | 'boolean', description: string];

const COLLECTION: Record<string, Arg> = {
  context: ['string', 'Scope under which the request is made; determines fields present in response.'],
  page: ['integer', 'Current page of the collection.'],
  per_page: ['integer', 'Maximum number of items to be returned in result set (1 to 100).'],
  search: ['string', 'Limit results to those matching a string.'],
  exclude: ['array', 'Ensure result set excludes specific IDs.'],
  include: ['array', 'Limit result set to specific IDs.'],
  offset: ['integer', 'Offset the result set by a specific number of items.'],
  order: ['string', 'Order sort attribute ascending or descending.'],
  orderby: ['string', 'Sort collection by attribute.'],
};
const ITEM: Record<string, Arg> = {
  id: ['integer', 'Unique identifier for the object.'],
  context: COLLECTION.context!,
};
const DATES: Record<string, Arg> = {
  after: ['string', 'Limit response to items published after a given ISO8601 compliant date.'],
  before: ['string', 'Limit response to items published before a given ISO8601 compliant date.'],
};

const ROUTES: Record<string, Record<string, Arg>> = {
  posts: {
    ...COLLECTION,
    ...DATES,
    modified_after: ['string', 'Limit response to posts modified after a given ISO8601 compliant date.'],
    modified_before: ['string', 'Limit response to posts modified before a given ISO8601 compliant date.'],
    author: ['array', 'Limit result set to posts assigned to specific authors.'],
    author_exclude: ['array', 'Ensure result set excludes posts assigned to specific authors.'],
    slug: ['array', 'Limit result set to posts with one or more specific slugs.'],
    status: ['array', 'Limit result set to posts assigned one or more statuses (publish only).'],
    categories: [
      'array',
      'Limit result set to items with specific terms assigned in the categories taxonomy.',
    ],
    categories_exclude: ['array', 'Limit result set to items except those with specific categories.'],
    tags: ['array', 'Limit result set to items with specific terms assigned in the tags taxonomy.'],
    tags_exclude: ['array', 'Limit result set to items except those with specific tags.'],
    sticky: ['boolean', 'Limit result set to items that are sticky.'],
  },
  'posts/(?P<id>[\\d]+)': ITEM,
  pages: COLLECTION,
  'pages/(?P<id>[\\d]+)': ITEM,
  categories: {
    ...COLLECTION,
    hide_empty: ['boolean', 'Whether to hide terms not assigned to any posts.'],
    parent: ['integer', 'Limit result set to terms assigned to a specific parent.'],
    post: ['integer', 'Limit result set to terms assigned to a specific post.'],
    slug: ['array', 'Limit result set to terms with one or more specific slugs.'],
  },
  'categories/(?P<id>[\\d]+)': ITEM,
  tags: {
    ...COLLECTION,
    hide_empty: ['boolean', 'Whether to hide terms not assigned to any posts.'],
    post: ['integer', 'Limit result set to terms assigned to a specific post.'],
    slug: ['array', 'Limit result set to terms with one or more specific slugs.'],
  },
  'tags/(?P<id>[\\d]+)': ITEM,
  users: { ...COLLECTION, slug: ['array', 'Limit result set to users with one or more specific slugs.'] },
  'users/(?P<id>[\\d]+)': ITEM,
  media: {
    ...COLLECTION,
    ...DATES,
    parent: ['array', 'Limit result set to items with particular parent IDs.'],
    media_type: ['string', 'Limit result set to attachments of a particular media type.'],
    mime_type: ['string', 'Limit result set to attachments of a particular MIME type.'],
  },
  'media/(?P<id>[\\d]+)': ITEM,
  comments: {
    ...COLLECTION,
    ...DATES,
    post: ['array', 'Limit result set to comments assigned to specific post IDs.'],
    parent: ['array', 'Limit result set to comments of specific parent IDs.'],
    parent_exclude: ['array', 'Ensure result set excludes specific parent IDs.'],
  },
  'comments/(?P<id>[\\d]+)': ITEM,
};

/** Every route the API answers, by its WordPress pattern, for /wp-json/ and the tests that hold it to that. */
export const ROUTE_PATTERNS = Object.keys(ROUTES).map((r) => `/${NAMESPACE}/${r}`);

function routeEntry(namespace: string, args: Record<string, Arg>, self?: string) {
  return {
    namespace,
    methods: ['GET'],
    endpoints: [
      {
        methods: ['GET'],
        args: Object.fromEntries(
          Object.entries(args).map(([name, [type, description]]) => [
            name,
            { description, type, required: false },
          ]),
        ),
      },
    ],
    ...(self ? { _links: { self: [{ href: self }] } } : {}),
  };
}

function namespaceRoutes(base: string) {
  const root = base + API_ROOT;
  return {
    [`/${NAMESPACE}`]: routeEntry(NAMESPACE, { context: COLLECTION.context! }, `${root}${NAMESPACE}`),
    ...Object.fromEntries(
      Object.entries(ROUTES).map(([route, args]) => [
        `/${NAMESPACE}/${route}`,
        routeEntry(NAMESPACE, args, route.includes('(?P') ? undefined : `${root}${NAMESPACE}/${route}`),
      ]),
    ),
  };
}

export function apiIndex(ctx: SiteContext, now: Date) {
  const root = ctx.baseUrl + API_ROOT;
  return {
    name: ctx.settings.siteName,
    description: ctx.settings.tagline || ctx.settings.description,
    url: ctx.baseUrl,
    home: ctx.baseUrl,
    gmt_offset: tzOffset(ctx.settings.timeZone, now) / 60,
    timezone_string: ctx.settings.timeZone,
    namespaces: [NAMESPACE],
    authentication: {},
    routes: { '/': routeEntry('', { context: COLLECTION.context! }, root), ...namespaceRoutes(ctx.baseUrl) },
    _links: { help: [{ href: 'https://developer.wordpress.org/rest-api/' }] },
  };
}

export function namespaceIndex(ctx: SiteContext) {
  return {
    namespace: NAMESPACE,
    routes: namespaceRoutes(ctx.baseUrl),
    _links: { up: [{ href: ctx.baseUrl + API_ROOT }] },
  };
}
