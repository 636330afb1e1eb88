// What `_embed` puts under a post's `_embedded`, as WordPress does: the authors, the featured image, the
// terms (categories then tags, each a list) and the replies, each in the "embed" context. Read for the whole
// page of posts at once; returns the cache tags of what it showed.
import type { Kysely } from 'kysely';
import { authorProfileTag } from '../articles/cache-tags.js';
import type { Article } from '../articles/model.js';
import { commentsTag } from '../comments/cache-tags.js';
import { findMediaByIds, mediaTag } from '../media/media.js';
import type { Database } from '../storage/schema.js';
import { wantsEmbed } from './fields.js';
import { listComments } from './queries/comment-queries.js';
import { listMedia } from './queries/media-queries.js';
import { listUsers } from './queries/user-queries.js';
import { commentJson, embeddedComment } from './shapes/comment-json.js';
import { embeddedMedia, mediaJson } from './shapes/media-json.js';
import type { ShapeContext, WpJson } from './shapes/shape-context.js';
import { embeddedTerm, termJson } from './shapes/term-json.js';
import { embeddedUser, userJson } from './shapes/user-json.js';

const ALL = { search: [] as string[], order: 'asc' as const, offset: 0 };

export async function embedInPosts(
  db: Kysely<Database>,
  posts: Article[],
  items: WpJson[],
  embeds: 'all' | Set<string>,
  ctx: ShapeContext,
): Promise<string[]> {
  const tags: string[] = [];
  const ids = posts.map((p) => p.id);
  const authorIds = [...new Set(posts.flatMap((p) => p.authors.map((a) => a.id)))];
  const heroIds = [...new Set(posts.flatMap((p) => (p.hero ? [p.hero.id] : [])))];
  const [users, media, comments] = await Promise.all([
    wantsEmbed(embeds, 'author') && authorIds.length
      ? listUsers(db, { ...ALL, ids: authorIds, orderBy: 'id', limit: authorIds.length })
      : null,
    wantsEmbed(embeds, 'wp:featuredmedia') && heroIds.length
      ? listMedia(db, { ...ALL, ids: heroIds, orderBy: 'id', limit: heroIds.length })
      : null,
    wantsEmbed(embeds, 'replies') && ids.length
      ? listComments(db, { ...ALL, postIds: ids, orderBy: 'date_gmt', limit: 1000 })
      : null,
  ]);
  const photos = users
    ? await findMediaByIds(
        db,
        users.users.flatMap((u) => (u.photoMediaId === null ? [] : [u.photoMediaId])),
      )
    : new Map();
  const userById = new Map(
    (users?.users ?? []).map((u) => {
      tags.push(authorProfileTag(u.id));
      if (u.photoMediaId !== null) tags.push(mediaTag(u.photoMediaId));
      return [u.id, embeddedUser(userJson(u, photos.get(u.photoMediaId ?? 0), ctx))];
    }),
  );
  const mediaById = new Map(
    (media?.media ?? []).map((m) => {
      tags.push(mediaTag(m.id));
      const parent = posts.find((p) => p.id === m.parentId);
      return [m.id, embeddedMedia(mediaJson(m, parent?.slug ?? null, ctx))];
    }),
  );
  if (comments) tags.push(...ids.map(commentsTag));
  posts.forEach((post, i) => {
    const embedded: WpJson = {};
    if (userById.size > 0 && post.authors.length > 0)
      embedded.author = post.authors.flatMap((a) => userById.get(a.id) ?? []);
    if (post.hero && mediaById.has(post.hero.id))
      embedded['wp:featuredmedia'] = [mediaById.get(post.hero.id)];
    if (wantsEmbed(embeds, 'wp:term')) {
      const category = post.section ? [{ ...post.section, count: 0 }] : [];
      const terms = post.tags.map((t) => ({ ...t, description: '', count: 0 }));
      embedded['wp:term'] = [
        category.map((c) => embeddedTerm(termJson(c, 'category', ctx))),
        terms.map((t) => embeddedTerm(termJson(t, 'post_tag', ctx))),
      ];
    }
    if (comments)
      embedded.replies = [
        comments.comments
          .filter((c) => c.postId === post.id)
          .map((c) => embeddedComment(commentJson(c, ctx))),
      ];
    if (Object.keys(embedded).length > 0) items[i]!._embedded = embedded;
  });
  return tags;
}
