// What a moderator needs beside each comment, loaded for a whole page of them in a few queries: its
// article, the comment it replies to, the commenter's history and whether they are banned.
import { type ArticleRef, articlesByIds } from '../../articles/article-refs.js';
import { type CommentRow, type Db, selectCommentsByIds } from '../queries.js';
import { bannedKeys } from './ban-queries.js';
import { historiesOf } from './queue-queries.js';

export interface ItemContext {
  article?: ArticleRef & { published: boolean };
  parent?: CommentRow;
  history?: { approved: number; spam: number };
  banned?: boolean;
}

export async function queueContext(db: Db, rows: CommentRow[]): Promise<ItemContext[]> {
  const keys = rows.filter((r) => r.staff_id === null && r.email_key).map((r) => r.email_key);
  const parentIds = rows.map((r) => r.parent_id).filter((id): id is number => id !== null);
  const [articles, parents, histories, banned] = await Promise.all([
    articlesByIds(
      db,
      rows.map((r) => r.article_id),
    ),
    selectCommentsByIds(db, [...new Set(parentIds)]),
    historiesOf(db, keys),
    bannedKeys(db, keys),
  ]);
  const parentById = new Map(parents.map((p) => [p.id, p]));
  return rows.map((r) => ({
    article: articles.get(r.article_id),
    parent: r.parent_id !== null ? parentById.get(r.parent_id) : undefined,
    history: r.staff_id === null ? histories.get(r.email_key) : undefined,
    banned: banned.has(r.email_key),
  }));
}
