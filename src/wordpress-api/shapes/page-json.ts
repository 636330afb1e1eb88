// A published static page as WordPress's page (the "view" context): the body rendered as the content API
// renders it (absolute addresses), the description as the excerpt. Pages have no author, parent or menu order
// here, so those are WordPress's "none" (0).
import { absoluteBodyHtml } from '../../articles/render/absolute-html.js';
import type { MediaItem } from '../../media/media.js';
import { type PublishedPage, pagePath } from '../../pages/page-refs.js';
import { escapeXml } from '../../views/escape.js';
import { toWpId } from '../ids.js';
import { apiUrl, CURIES, link } from '../links.js';
import { wpGmt, wpLocal } from '../wp-dates.js';
import type { ShapeContext, WpJson } from './shape-context.js';

export function pageJson(page: PublishedPage, media: Map<number, MediaItem>, ctx: ShapeContext): WpJson {
  const id = toWpId('page', page.id);
  const url = ctx.base + pagePath(page.slug);
  return {
    id,
    date: wpLocal(page.publishedAt, ctx.timeZone),
    date_gmt: wpGmt(page.publishedAt),
    guid: { rendered: url },
    modified: wpLocal(page.updatedAt, ctx.timeZone),
    modified_gmt: wpGmt(page.updatedAt),
    slug: page.slug,
    status: 'publish',
    type: 'page',
    link: url,
    title: { rendered: escapeXml(page.title) },
    content: { rendered: absoluteBodyHtml(page.body, media, ctx.base), protected: false },
    excerpt: {
      rendered: page.description ? `<p>${escapeXml(page.description)}</p>\n` : '',
      protected: false,
    },
    author: 0,
    featured_media: 0,
    parent: 0,
    menu_order: 0,
    comment_status: 'closed',
    ping_status: 'closed',
    template: '',
    meta: [],
    _links: {
      self: link(apiUrl(ctx.base, `pages/${id}`)),
      collection: link(apiUrl(ctx.base, 'pages')),
      curies: CURIES,
    },
  };
}
