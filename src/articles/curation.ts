// What the front page and a section's first page take from editors' curation (the fronts domain supplies
// it through reader-site.ts): the stories chosen to lead, be featured and be pinned, each shown once, the
// rest of the page by date without them.
import type { SiteContext } from '../site/site-context.js';
import type { ArticleSummary } from './model.js';

export const HOME_FRONT = 'home';
export const sectionFront = (sectionId: number) => `section:${sectionId}`;

export interface CuratedStories {
  lead: ArticleSummary | null;
  featured: ArticleSummary[];
  pinned: ArticleSummary | null;
  /** The cache tags of the curation itself (the front's own tag); the stories' tags are added by the page. */
  tags: readonly string[];
}

/** A front's live curation (empty lists when editors have chosen nothing, still with the front's tag). */
export type CurateFront = (ctx: SiteContext, front: string) => Promise<CuratedStories>;

export function curatedIds(curated: CuratedStories | null): Set<number> {
  if (!curated) return new Set();
  return new Set(
    [curated.pinned, curated.lead, ...curated.featured].filter((a) => a !== null).map((a) => a.id),
  );
}

export function curatedList(curated: CuratedStories | null): ArticleSummary[] {
  if (!curated) return [];
  return [curated.pinned, curated.lead, ...curated.featured].filter((a) => a !== null);
}
