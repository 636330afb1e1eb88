// The names under which pages that show articles are cached and invalidated (content events, surrogate keys
// for a CDN). A page carries the tags of what it shows; a change announces the tags of what it touched, so
// an edit drops the article's page and the lists that show it, and nothing else.

/** The article's own page, and every list, feed and sitemap entry that shows it. */
export const articleTag = (id: number) => `article:${id}`;
/** The site-wide lists of the newest stories: the front page, the site's feeds, the news sitemap. */
export const LATEST = 'latest';
/** A section's, tag's or author's list of stories and its feeds. */
export const sectionListTag = (id: number) => `section:${id}`;
export const tagListTag = (id: number) => `tag:${id}`;
export const authorListTag = (id: number) => `author:${id}`;
/** Anything that shows an author's name, title, bio or photo (bylines, their page). */
export const authorProfileTag = (id: number) => `author-profile:${id}`;
export const SITEMAPS = 'sitemaps';
/** Every feed (RSS, Atom, JSON): no change announces it, but a CDN can be told to purge them all by it. */
export const FEED = 'feed';
export const CORRECTIONS = 'corrections';

export interface ListedArticle {
  id: number;
  sectionId: number | null;
  tagIds: readonly number[];
  authorIds: readonly number[];
}

/**
 * What a change that adds an article to its lists or takes it off them (publish, unpublish, a new slug, a
 * moved section) must refresh. Pass the article as it was and as it is, so the lists it left refresh too.
 */
export function listingTagsOf(...versions: ListedArticle[]): string[] {
  const tags = new Set<string>([LATEST, SITEMAPS, CORRECTIONS]);
  for (const a of versions) {
    tags.add(articleTag(a.id));
    if (a.sectionId !== null) tags.add(sectionListTag(a.sectionId));
    for (const id of a.tagIds) tags.add(tagListTag(id));
    for (const id of a.authorIds) tags.add(authorListTag(id));
  }
  return [...tags];
}
