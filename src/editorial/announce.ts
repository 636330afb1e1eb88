// Tells every instance which cached pages a newsroom change touched: the article's own page and the lists
// it is on (before and after the change, when it moved), never the whole site.
import { articleTag, CORRECTIONS, type ListedArticle, listingTagsOf } from '../articles/cache-tags.js';
import { listedArticle } from '../articles/listed-article.js';
import type { EditorialDeps } from './editable.js';

/** After an article joined, left or changed on its lists; `before` is where it was listed before the change. */
export async function announceListed(deps: EditorialDeps, ids: number[], before: ListedArticle[] = []) {
  const after = await Promise.all(ids.map((id) => listedArticle(deps.db, id)));
  await deps.events.changed(listingTagsOf(...before, ...after));
}

/** After a correction was added to or withdrawn from an article. */
export async function announceCorrection(deps: EditorialDeps, articleId: number) {
  await deps.events.changed([articleTag(articleId), CORRECTIONS]);
}
