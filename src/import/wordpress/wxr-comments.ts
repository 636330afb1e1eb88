// An item's `<wp:comment>` entries as reader comments. Pingbacks, trackbacks and WordPress's other comment
// types (block-editor notes, shop reviews) are not a reader's words on the story: they are counted, not kept.
import type { SourceComment } from '../source-model.js';
import type { SiteClock } from './wxr-dates.js';
import { children, rawText, text, type WxrNode } from './wxr-tree.js';

const STATUSES: Record<string, SourceComment['status']> = {
  '1': 'approved',
  approve: 'approved',
  '0': 'pending',
  hold: 'pending',
  spam: 'spam',
  trash: 'trash',
  // Left when the post itself was trashed; it is a trashed comment all the same.
  'post-trashed': 'trash',
};

export interface ItemComments {
  comments: SourceComment[];
  /** Why some were left out ("pingback", "comment status 'x'"), with how many. */
  leftOut: Map<string, number>;
}

export function readComments(item: WxrNode, clock: SiteClock): ItemComments {
  const comments: SourceComment[] = [];
  const leftOut = new Map<string, number>();
  const leave = (reason: string) => leftOut.set(reason, (leftOut.get(reason) ?? 0) + 1);
  for (const node of children(item, 'wp:comment')) {
    const type = text(node, 'wp:comment_type');
    if (type !== '' && type !== 'comment') {
      leave(
        type === 'pingback' || type === 'trackback'
          ? 'pingbacks and trackbacks'
          : `comments of type '${type}'`,
      );
      continue;
    }
    const id = text(node, 'wp:comment_id');
    const approved = text(node, 'wp:comment_approved');
    const status = STATUSES[approved];
    if (id === '') {
      leave('comments without an id');
      continue;
    }
    if (status === undefined) {
      leave(`comments with status '${approved}'`);
      continue;
    }
    const createdAt = clock.toUtc(text(node, 'wp:comment_date'), text(node, 'wp:comment_date_gmt'));
    if (createdAt === undefined) {
      leave('comments without a date');
      continue;
    }
    const parent = text(node, 'wp:comment_parent');
    comments.push({
      sourceId: id,
      ...(parent === '' || parent === '0' ? {} : { parentId: parent }),
      status,
      authorName: text(node, 'wp:comment_author'),
      authorEmail: text(node, 'wp:comment_author_email'),
      authorUrl: text(node, 'wp:comment_author_url'),
      authorIp: text(node, 'wp:comment_author_IP'),
      createdAt,
      body: rawText(node, 'wp:comment_content'),
    });
  }
  return { comments, leftOut };
}
