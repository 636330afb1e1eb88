// Whether readers may still comment on an article: closed or reopened by an editor, or else closed by age
// once the settings' number of days since publication has passed.
import { threadClosedFlag } from './closing-queries.js';
import type { Db } from './queries.js';
import type { CommentSettings } from './settings.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ArticleRef {
  id: number;
  slug: string;
  publishedAt: string;
}

/** Closed by an editor, or reopened by one, wins over the automatic closing after N days. */
export async function commentsClosed(
  db: Db,
  article: ArticleRef,
  settings: CommentSettings,
  now: Date,
): Promise<boolean> {
  const flag = await threadClosedFlag(db, article.id);
  if (flag !== null) return flag;
  return closedByAge(article, settings, now);
}

export function closedByAge(
  article: Pick<ArticleRef, 'publishedAt'>,
  settings: CommentSettings,
  now: Date,
): boolean {
  if (settings.autoCloseDays === 0) return false;
  return now.getTime() - Date.parse(article.publishedAt) > settings.autoCloseDays * DAY_MS;
}
