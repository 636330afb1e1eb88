// The one place WordPress ids meet ours. Today a WordPress id IS our id (an article's id is its post id, a
// section's its category id …). A site imported from WordPress will want its old ids to keep answering (links
// and apps that stored `/wp/v2/posts/123`): that import maps them here, and every route and link goes through
// these two functions, so nothing else changes.

export type WpKind = 'post' | 'page' | 'category' | 'tag' | 'user' | 'media' | 'comment';

/** The id a WordPress client sees for one of ours. */
export function toWpId(_kind: WpKind, id: number): number {
  return id;
}

// Our ids are 32-bit on both databases; a larger number names nothing (and PostgreSQL would refuse to compare it).
const MAX_ID = 2_147_483_647;

/** Our id for the id a WordPress client sent, or null when it names nothing we could hold. */
export function fromWpId(_kind: WpKind, wpId: number): number | null {
  return Number.isSafeInteger(wpId) && wpId > 0 && wpId <= MAX_ID ? wpId : null;
}

/** Ours for a list of WordPress ids, the ones that name nothing left out. */
export function fromWpIds(kind: WpKind, wpIds: readonly number[]): number[] {
  return wpIds.flatMap((wpId) => {
    const id = fromWpId(kind, wpId);
    return id === null ? [] : [id];
  });
}
