// Between the passes: each post's slug here is decided before any is written, so that a link to a post
// later in the file can be rewritten to its new address while converting an earlier one (the first pass
// read every permalink). A post imported before keeps the slug it has here now; a new one takes its old
// slug unless an article (or page) here has it, then the first free `-2`, `-3` … and the report says so.
// A page's slug is its address at the site's root, so one the app answers itself (`search`, `admin`, `feed`:
// ImportDeps.reservedPaths) is taken too: the page would be hidden behind it.
import { slugify } from '../editorial/slug.js';
import type { ImportContext } from './import-context.js';
import { oldPathKey } from './old-addresses.js';

export interface ScannedPost {
  type: 'article' | 'page';
  sourceId: string;
  slug: string;
  title: string;
  url: string;
}

function decoded(slug: string): string {
  try {
    return decodeURIComponent(slug);
  } catch {
    return slug;
  }
}

/** Posts whose import_items rows are read in one go. */
const PLAN_BATCH = 1000;

/** The slug a post asks for here: its old one, else its title's, else one made of its source id. */
export function wantedSlug(post: Pick<ScannedPost, 'type' | 'sourceId' | 'slug' | 'title'>): string {
  return slugify(decoded(post.slug)) || slugify(post.title) || `${post.type}-${post.sourceId}`;
}

/** The slug a post has (or will have) here: planned, or the one it asks for when that was free. */
export function plannedSlug(ctx: ImportContext, post: Parameters<typeof wantedSlug>[0]): string {
  return ctx.plannedSlugs.get(`${post.type}:${post.sourceId}`) ?? wantedSlug(post);
}

export async function planPosts(ctx: ImportContext, posts: ScannedPost[]): Promise<void> {
  const [articles, pages] = await Promise.all([
    ctx.db.selectFrom('articles').select(['id', 'slug']).execute(),
    ctx.db.selectFrom('pages').select(['id', 'slug']).execute(),
  ]);
  const slugOf = {
    article: new Map(articles.map((a) => [a.id, a.slug])),
    page: new Map(pages.map((p) => [p.id, p.slug])),
  };
  const taken = { article: new Set(articles.map((a) => a.slug)), page: new Set(pages.map((p) => p.slug)) };
  const reserved = ctx.deps.reservedPaths;
  const isTaken = (type: ScannedPost['type'], slug: string) =>
    taken[type].has(slug) || (type === 'page' && reserved?.has(slug) === true);
  for (let i = 0; i < posts.length; i += PLAN_BATCH) {
    const batch = posts.slice(i, i + PLAN_BATCH);
    await ctx.ledger.lookUp(
      'article',
      batch.filter((p) => p.type === 'article').map((p) => p.sourceId),
    );
    await ctx.ledger.lookUp(
      'page',
      batch.filter((p) => p.type === 'page').map((p) => p.sourceId),
    );
    for (const post of batch) plan(post);
    ctx.ledger.release();
  }

  function plan(post: ScannedPost): void {
    const entry = ctx.ledger.get(post.type, post.sourceId);
    let slug = entry ? slugOf[post.type].get(entry.localId) : undefined;
    if (slug === undefined) {
      const wanted = wantedSlug(post);
      slug = wanted;
      for (let n = 2; isTaken(post.type, slug); n++) slug = `${wanted}-${n}`;
      if (slug !== wanted) {
        const own = post.type === 'page' && reserved?.has(wanted) === true;
        ctx.report.warn({
          kind: post.type === 'article' ? 'articles' : 'pages',
          title: post.title || wanted,
          oldUrl: post.url,
          message: own
            ? `its address /${wanted} is one the site answers itself, so it is /${slug}`
            : `its address ${wanted} is taken here, so it is ${slug}`,
        });
      }
      taken[post.type].add(slug);
    }
    // Only the slugs that are not the one asked for are kept: most are, and the map lives through pass 2.
    const key = `${post.type}:${post.sourceId}`;
    if (slug === wantedSlug(post)) ctx.plannedSlugs.delete(key);
    else ctx.plannedSlugs.set(key, slug);
    const path = post.url ? oldPathKey(post.url, ctx.site, ctx.siteHost) : null;
    if (path && path !== '/') ctx.postsByPath.set(path, { type: post.type, sourceId: post.sourceId, slug });
  }
}
