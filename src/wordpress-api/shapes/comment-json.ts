// An approved comment as WordPress's comment: the words rendered as on the article page (plain text, links
// marked nofollow/ugc), the name and web address the page shows; never the email, never the network.

import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { CommentText, safeWebUrl } from '../../comments/text.js';
import { toWpId } from '../ids.js';
import { apiUrl, link, type WpLinks } from '../links.js';
import type { CommentRow } from '../queries/comment-queries.js';
import { wpGmt, wpLocal } from '../wp-dates.js';
import type { ShapeContext, WpJson } from './shape-context.js';

export function commentJson(comment: CommentRow, ctx: ShapeContext): WpJson {
  const id = toWpId('comment', comment.id);
  const post = toWpId('post', comment.postId);
  const links: WpLinks = {
    self: link(apiUrl(ctx.base, `comments/${id}`)),
    collection: link(apiUrl(ctx.base, 'comments')),
    up: [{ embeddable: true, post_type: 'post', href: apiUrl(ctx.base, `posts/${post}`) }],
  };
  if (comment.parentId !== null)
    links['in-reply-to'] = [
      { embeddable: true, href: apiUrl(ctx.base, `comments/${toWpId('comment', comment.parentId)}`) },
    ];
  return {
    id,
    post,
    parent: comment.parentId === null ? 0 : toWpId('comment', comment.parentId),
    author: 0,
    author_name: comment.authorName,
    author_url: (comment.authorUrl && safeWebUrl(comment.authorUrl)) || '',
    date: wpLocal(comment.createdAt, ctx.timeZone),
    date_gmt: wpGmt(comment.createdAt),
    content: { rendered: renderToString(h(CommentText, { text: comment.body })) },
    // The comment's own address answers with a redirect to the page its thread is on.
    link: `${ctx.base}/comments/${comment.id}`,
    status: 'approved',
    type: 'comment',
    meta: [],
    _links: links,
  };
}

const EMBED_FIELDS = [
  'id',
  'author',
  'author_name',
  'author_url',
  'date',
  'content',
  'link',
  'type',
  '_links',
];

/** The fields of a comment another item embeds (WordPress's "embed" context). */
export function embeddedComment(full: WpJson): WpJson {
  return Object.fromEntries(EMBED_FIELDS.map((f) => [f, full[f]]));
}
