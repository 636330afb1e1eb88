// An article as WordPress's post (the "view" context): the body rendered as the feeds render it (absolute
// addresses), the dek as the excerpt, the section as its one category, the first credited author as `author`.
import { entryOf } from '../../articles/feeds/feed-entry.js';
import { type Article, articlePath } from '../../articles/model.js';
import { escapeXml } from '../../views/escape.js';
import { toWpId } from '../ids.js';
import { apiUrl, CURIES, embeddable, link, type WpLinks } from '../links.js';
import { wpGmt, wpLocal } from '../wp-dates.js';
import type { ShapeContext, WpJson } from './shape-context.js';

export function postJson(article: Article, ctx: ShapeContext): WpJson {
  const id = toWpId('post', article.id);
  const url = ctx.base + articlePath(article.slug);
  const author = article.authors[0];
  return {
    id,
    date: wpLocal(article.publishedAt, ctx.timeZone),
    date_gmt: wpGmt(article.publishedAt),
    guid: { rendered: url },
    modified: wpLocal(article.modifiedAt, ctx.timeZone),
    modified_gmt: wpGmt(article.modifiedAt),
    slug: article.slug,
    status: 'publish',
    type: 'post',
    link: url,
    title: { rendered: escapeXml(article.headline) },
    content: { rendered: entryOf(article, ctx.base).html, protected: false },
    excerpt: { rendered: article.dek ? `<p>${escapeXml(article.dek)}</p>\n` : '', protected: false },
    author: author ? toWpId('user', author.id) : 0,
    featured_media: article.hero ? toWpId('media', article.hero.id) : 0,
    ping_status: 'closed',
    sticky: false,
    template: '',
    format: 'standard',
    meta: [],
    categories: article.section ? [toWpId('category', article.section.id)] : [],
    tags: article.tags.map((t) => toWpId('tag', t.id)),
    _links: postLinks(article, ctx),
  };
}

function postLinks(article: Article, ctx: ShapeContext): WpLinks {
  const id = toWpId('post', article.id);
  const links: WpLinks = {
    self: link(apiUrl(ctx.base, `posts/${id}`)),
    collection: link(apiUrl(ctx.base, 'posts')),
  };
  if (article.authors.length > 0)
    links.author = article.authors.map((a) => ({
      embeddable: true as const,
      href: apiUrl(ctx.base, `users/${toWpId('user', a.id)}`),
    }));
  links.replies = embeddable(apiUrl(ctx.base, 'comments', { post: id }));
  if (article.hero)
    links['wp:featuredmedia'] = embeddable(apiUrl(ctx.base, `media/${toWpId('media', article.hero.id)}`));
  links['wp:attachment'] = link(apiUrl(ctx.base, 'media', { parent: id }));
  links['wp:term'] = [
    { taxonomy: 'category', embeddable: true, href: apiUrl(ctx.base, 'categories', { post: id }) },
    { taxonomy: 'post_tag', embeddable: true, href: apiUrl(ctx.base, 'tags', { post: id }) },
  ];
  links.curies = CURIES;
  return links;
}
