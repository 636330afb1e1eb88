// The one place WordPress ids meet ours: a WordPress id IS our id (an article's id is its post id, a section's
// its category id …). The WordPress import writes each new item under its old WordPress id when our table has
// no row of that id (import/kept-ids.ts), so apps that stored `/wp/v2/posts/123` keep naming the same story; an
// item whose id was taken here got a fresh one, and its old id is not served (the import's report counts them).
// Every route and link goes through these functions, so a mapping kept elsewhere would change only them.

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
