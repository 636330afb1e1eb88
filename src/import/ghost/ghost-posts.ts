// One Ghost post or page as a SourcePost: its body in the richest format the export holds (Lexical, then
// Mobiledoc, then HTML), its authors and tags in Ghost's order (the first public tag is Ghost's primary tag,
// which becomes the article's section), its feature image and meta fields (posts_meta in Ghost 4 and 5,
// on the post itself before), and its address under Ghost's default permalink, /slug/.
import type { SourceBody, SourcePost, SourcePostStatus, SourceProblem, SourceSeo } from '../source-model.js';
import type { GhostRow } from './ghost-document.js';
import { flag, text, time } from './ghost-fields.js';
import { imagePathsIn, imageUrl, withSiteUrl } from './ghost-images.js';

export interface GhostPostContext {
  siteUrl: string;
  /** The post's rows of posts_tags, posts_authors and posts_meta. */
  tagIds: string[];
  authorIds: string[];
  meta: GhostRow | undefined;
  /** Public tags by id (internal `#tags` are left out). */
  tags: Map<string, { slug: string }>;
}

const STATUSES: Record<string, SourcePostStatus> = {
  published: 'published',
  draft: 'draft',
  scheduled: 'scheduled',
};

const MEMBERS_ONLY: Record<string, string> = {
  members: 'members only',
  paid: 'paying members only',
  tiers: 'some membership tiers only',
};

export function postTitle(row: GhostRow): string {
  return text(row, 'title') ?? '(Untitled)';
}

function body(row: GhostRow, siteUrl: string): SourceBody {
  const lexical = text(row, 'lexical');
  if (lexical) return { format: 'lexical', content: withSiteUrl(lexical, siteUrl) };
  const mobiledoc = text(row, 'mobiledoc');
  if (mobiledoc) return { format: 'mobiledoc', content: withSiteUrl(mobiledoc, siteUrl) };
  return { format: 'html', content: withSiteUrl(text(row, 'html') ?? '', siteUrl) };
}

/** The original of a feature image in the site's folder, or the address as it is (an outside image). */
function imageAddress(value: string | undefined, siteUrl: string): string | undefined {
  if (!value) return undefined;
  const address = withSiteUrl(value, siteUrl);
  const [path] = imagePathsIn(address, siteUrl);
  return path ? imageUrl(siteUrl, path) : address;
}

function seo(row: GhostRow, meta: GhostRow, siteUrl: string): SourceSeo {
  const field = (key: string) => text(meta, key) ?? text(row, key);
  return {
    title: field('meta_title'),
    description: field('meta_description'),
    canonical: field('canonical_url'),
    socialTitle: field('og_title') ?? field('twitter_title'),
    socialDescription: field('og_description') ?? field('twitter_description'),
    socialImageUrl: imageAddress(field('og_image') ?? field('twitter_image'), siteUrl),
  };
}

function status(row: GhostRow, url: string, problems: SourceProblem[]): SourcePostStatus {
  const ghostStatus = text(row, 'status') ?? 'draft';
  const title = postTitle(row);
  if (ghostStatus === 'sent') {
    problems.push({
      kind: 'problem',
      title,
      url,
      message: 'Sent as a newsletter only and never on the site: imported unpublished.',
    });
    return 'unpublished';
  }
  const mapped = STATUSES[ghostStatus];
  if (!mapped) {
    problems.push({
      kind: 'problem',
      title,
      url,
      message: `Ghost status “${ghostStatus}” is unknown: imported as a draft.`,
    });
    return 'draft';
  }
  return mapped;
}

/** The post, with what the report should say about it, or only problems when it cannot be imported. */
export function ghostPost(
  row: GhostRow,
  context: GhostPostContext,
): { post?: SourcePost; problems: SourceProblem[] } {
  const { siteUrl } = context;
  const id = text(row, 'id');
  const slug = text(row, 'slug');
  const title = postTitle(row);
  if (!id || !slug) {
    const message = `It has no ${id ? 'slug' : 'id'}: left out.`;
    return { problems: [{ kind: 'problem', title, message }] };
  }
  const url = `${siteUrl}/${slug}/`;
  const problems: SourceProblem[] = [];
  const visibility = text(row, 'visibility') ?? 'public';
  if (visibility !== 'public') {
    const audience = MEMBERS_ONLY[visibility] ?? `readers matching “${visibility}”`;
    problems.push({
      kind: 'problem',
      title,
      url,
      message: `On Ghost it was for ${audience}; Broadsheet has no paywall, so it is imported for every reader.`,
    });
  }
  const meta = context.meta ?? {};
  const tagSlugs = context.tagIds.flatMap((tagId) => context.tags.get(tagId)?.slug ?? []);
  const primary = tagSlugs[0];
  const authorIds =
    context.authorIds.length > 0 ? context.authorIds : [text(row, 'author_id')].flatMap((a) => a ?? []);
  const post: SourcePost = {
    kind: 'post',
    type: text(row, 'type') === 'page' || flag(row, 'page') ? 'page' : 'article',
    sourceId: id,
    title,
    slug,
    url,
    status: status(row, url, problems),
    publishedAt: time(row, 'published_at'),
    modifiedAt: time(row, 'updated_at'),
    createdAt: time(row, 'created_at'),
    excerpt: text(row, 'custom_excerpt') ?? '',
    body: body(row, siteUrl),
    authorIds,
    categories: primary ? [primary] : [],
    primaryCategory: primary,
    tags: tagSlugs,
    featuredImageUrl: imageAddress(text(row, 'feature_image'), siteUrl),
    featuredImageCaption: text(meta, 'feature_image_caption') ?? text(row, 'feature_image_caption'),
    featuredImageAlt: text(meta, 'feature_image_alt') ?? text(row, 'feature_image_alt'),
    sticky: flag(row, 'featured'),
    seo: seo(row, meta, siteUrl),
    comments: [],
  };
  const featuredPath = post.featuredImageUrl ? imagePathsIn(post.featuredImageUrl, siteUrl)[0] : undefined;
  if (featuredPath) post.featuredMediaId = `image:${featuredPath}`;
  return { post, problems };
}
