// The cache tags of a list of stories: each story, its hero image and its authors' profiles, so a page of
// cards is dropped when any card on it would read differently.
import { mediaTag } from '../../media/media.js';
import { articleTag, authorProfileTag } from '../cache-tags.js';
import type { ArticleSummary } from '../model.js';

export function summaryTags(items: ArticleSummary[]): string[] {
  const tags = new Set<string>();
  for (const a of items) {
    tags.add(articleTag(a.id));
    if (a.hero) tags.add(mediaTag(a.hero.id));
    for (const author of a.authors) tags.add(authorProfileTag(author.id));
  }
  return [...tags];
}
