// One `<item>` of a WXR file as records: a post or page, an attachment, a guest author, or a problem; the
// kinds Broadsheet does not hold (menus, revisions, reusable blocks, theme settings, custom types) are
// named back to the reader, which counts them into one problem per kind at the end.
import type { SourcePost, SourcePostStatus, SourceProblem, SourceRecord } from '../source-model.js';
import { readComments } from './wxr-comments.js';
import type { SiteClock } from './wxr-dates.js';
import { readAttachment, readGuestAuthor } from './wxr-media.js';
import { primaryCategoryId, readPostMeta, readSeo } from './wxr-meta.js';
import { decodeSlug, slugFrom } from './wxr-slugs.js';
import { children, rawText, text, type WxrNode } from './wxr-tree.js';

/** What the reader has learnt from the channel and earlier items that an item needs. */
export interface ItemContext {
  clock: SiteClock;
  /** Category term id → slug, for the SEO plugins' primary category. */
  categorySlugById: Map<string, string>;
  /** Category slug → name, for `%%category%%` in SEO templates. */
  categoryNameBySlug: Map<string, string>;
}

export interface ItemOutcome {
  records: SourceRecord[];
  /** A post type left out as a whole, to be counted. */
  leftOutKind?: string;
  /** Comments left out (pingbacks…), by reason. */
  leftOutComments?: Map<string, number>;
}

const STATUSES: Record<string, SourcePostStatus> = {
  publish: 'published',
  draft: 'draft',
  'auto-draft': 'draft',
  pending: 'review',
  future: 'scheduled',
  private: 'unpublished',
};

function problem(item: WxrNode, message: string): SourceProblem {
  const title =
    text(item, 'title') || text(item, 'wp:post_name') || `item ${text(item, 'wp:post_id') || '(no id)'}`;
  const url = text(item, 'link');
  return { kind: 'problem', title, ...(url === '' ? {} : { url }), message };
}

export function readItem(item: WxrNode, context: ItemContext): ItemOutcome {
  const postType = text(item, 'wp:post_type');
  if (postType === '') return { records: [problem(item, 'the item has no wp:post_type')] };
  const meta = readPostMeta(item);
  if (postType === 'attachment') {
    const media = readAttachment(item, meta, context.clock);
    return { records: [typeof media === 'string' ? problem(item, media) : media] };
  }
  if (postType === 'guest-author') {
    const person = readGuestAuthor(item, meta);
    return { records: [typeof person === 'string' ? problem(item, person) : person] };
  }
  if (postType !== 'post' && postType !== 'page') return { records: [], leftOutKind: postType };

  const id = text(item, 'wp:post_id');
  const title = text(item, 'title');
  const content = rawText(item, 'content:encoded');
  const wpStatus = text(item, 'wp:status');
  if (id === '') return { records: [problem(item, 'the item has no wp:post_id')] };
  if (wpStatus === 'trash') return { records: [problem(item, "the item is in WordPress's trash")] };
  let status = STATUSES[wpStatus];
  if (status === undefined) {
    return { records: [problem(item, `the item has an unknown status '${wpStatus || '(none)'}'`)] };
  }
  if (title === '' && content.trim() === '')
    return { records: [problem(item, 'the item has no title and no content')] };

  // Broadsheet has no password-protected stories: one published behind a password must not become public.
  const passwordProtected = text(item, 'wp:post_password') !== '' && status === 'published';
  if (passwordProtected) status = 'unpublished';

  const terms = (domain: string) =>
    children(item, 'category')
      .filter((c) => c.attributes.domain === domain && (c.attributes.nicename ?? '') !== '')
      .map((c) => decodeSlug(c.attributes.nicename ?? ''));
  let categories = [...new Set(terms('category'))];
  const primaryId = primaryCategoryId(meta);
  const primaryCategory = primaryId === undefined ? undefined : context.categorySlugById.get(primaryId);
  if (primaryCategory !== undefined)
    categories = [primaryCategory, ...categories.filter((c) => c !== primaryCategory)];
  // Co-Authors Plus bylines replace the post's author when present, as the plugin shows them.
  const coAuthors = [...new Set(terms('author'))];
  const creator = text(item, 'dc:creator');
  const authorIds = coAuthors.length > 0 ? coAuthors : creator === '' ? [] : [creator];

  const excerpt = rawText(item, 'excerpt:encoded').trim();
  const firstCategory = categories[0];
  const seo = readSeo(meta, {
    title,
    excerpt,
    categoryName:
      firstCategory === undefined ? '' : (context.categoryNameBySlug.get(firstCategory) ?? firstCategory),
  });
  const { clock } = context;
  const date = clock.toUtc(text(item, 'wp:post_date'), text(item, 'wp:post_date_gmt'));
  const modifiedAt = clock.toUtc(text(item, 'wp:post_modified'), text(item, 'wp:post_modified_gmt'));
  const dated = status === 'published' || status === 'scheduled' || status === 'unpublished';
  const thumbnail = meta.get('_thumbnail_id')?.trim() ?? '';
  const commentStatus = text(item, 'wp:comment_status');
  const { comments, leftOut } = readComments(item, clock);
  const post: SourcePost = {
    kind: 'post',
    type: postType === 'page' ? 'page' : 'article',
    sourceId: id,
    title,
    slug: decodeSlug(text(item, 'wp:post_name')) || slugFrom(title) || `${postType}-${id}`,
    url: text(item, 'link') || text(item, 'guid'),
    status,
    ...(dated && date !== undefined ? { publishedAt: date } : {}),
    ...(modifiedAt === undefined ? {} : { modifiedAt }),
    ...(date === undefined ? {} : { createdAt: date }),
    excerpt,
    body: { format: 'wordpress', content },
    authorIds,
    categories,
    ...(primaryCategory === undefined ? {} : { primaryCategory }),
    // WXR 1.0 named the tag taxonomy's domain `tag`.
    tags: [...new Set([...terms('post_tag'), ...terms('tag')])],
    ...(thumbnail === '' || thumbnail === '0' ? {} : { featuredMediaId: thumbnail }),
    sticky: text(item, 'wp:is_sticky') === '1',
    seo,
    comments,
    ...(commentStatus === '' ? {} : { commentsOpen: commentStatus === 'open' }),
  };
  const records: SourceRecord[] = [post];
  if (passwordProtected) {
    records.push(problem(item, 'password-protected on WordPress: imported as unpublished, not made public'));
  }
  return { records, ...(leftOut.size > 0 ? { leftOutComments: leftOut } : {}) };
}
