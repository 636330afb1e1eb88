// The reader's view of comments: a page of threads built from rows into nested comments. Only approved
// comments carry words; a removed comment that has approved replies stays as an empty placeholder, so that
// the replies keep their place.
import { avatarOf } from './identity.js';
import type { Db } from './queries.js';
import * as tq from './thread-queries.js';

/** Top-level comments are depth 0; replies go three levels deeper, and no further. */
export const MAX_DEPTH = 3;

export interface PublicComment {
  id: number;
  depth: number;
  authorName: string;
  authorUrl: string;
  avatar: { hue: number; initial: string };
  body: string;
  createdAt: string;
  editedAt: string | null;
  fromStaff: boolean;
}

export interface ThreadNode {
  id: number;
  /** null: the comment was removed, but replies to it are shown. */
  comment: PublicComment | null;
  replies: ThreadNode[];
}

export type Order = 'oldest' | 'newest';

export interface CommentPage {
  total: number;
  threads: ThreadNode[];
  page: number;
  pages: number;
  order: Order;
}

export function toPublicComment(row: tq.ThreadRow): PublicComment {
  return {
    id: row.id,
    depth: row.depth,
    authorName: row.author_name,
    authorUrl: row.author_url,
    avatar: avatarOf(row.email_key, row.author_name),
    body: row.body,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    fromStaff: row.staff_id !== null,
  };
}

/** Nests rows (in id order) under their parents and drops branches with nothing approved in them. */
export function buildThreads(rows: tq.ThreadRow[], rootIds: number[]): ThreadNode[] {
  const nodes = new Map<number, ThreadNode & { approved: boolean; parentId: number | null }>();
  for (const row of rows) {
    const approved = row.status === 'approved';
    nodes.set(row.id, {
      id: row.id,
      comment: approved ? toPublicComment(row) : null,
      replies: [],
      approved,
      parentId: row.parent_id,
    });
  }
  for (const node of nodes.values()) {
    if (node.parentId !== null) nodes.get(node.parentId)?.replies.push(node);
  }
  const prune = (node: ThreadNode & { approved: boolean }): boolean => {
    node.replies = node.replies.filter((r) => prune(r as typeof node));
    return node.approved || node.replies.length > 0;
  };
  const threads: ThreadNode[] = [];
  for (const id of rootIds) {
    const root = nodes.get(id);
    if (root && prune(root)) threads.push(strip(root));
  }
  return threads;
}

function strip(node: ThreadNode): ThreadNode {
  return { id: node.id, comment: node.comment, replies: node.replies.map(strip) };
}

export async function loadCommentPage(
  db: Db,
  articleId: number,
  options: { page: number; order: Order; perPage: number },
): Promise<CommentPage> {
  const [total, threadCount] = await Promise.all([
    tq.countApproved(db, articleId),
    tq.countVisibleThreads(db, articleId),
  ]);
  const pages = Math.max(1, Math.ceil(threadCount / options.perPage));
  const page = Math.min(Math.max(1, options.page), pages);
  const rootIds = await tq.selectVisibleThreadIds(
    db,
    articleId,
    options.order,
    options.perPage,
    (page - 1) * options.perPage,
  );
  const rows = await tq.selectThreadRows(db, articleId, rootIds);
  return { total, threads: buildThreads(rows, rootIds), page, pages, order: options.order };
}
