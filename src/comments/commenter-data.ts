// A commenter's data: everything stored under one email address, exported or erased in one action, by the
// commenter (through a link mailed to that address, data-link.ts) or by an admin (admin/commenter-data.ts).
import { articlesByIds } from '../articles/article-refs.js';
import { eraseOutboxMailTo, type OutboxMail, outboxMailTo } from '../mail/mailer.js';
import type { CommentDeps } from './comment-deps.js';
import * as cq from './commenter-data-queries.js';
import { normaliseEmail } from './identity.js';

/** The mail topic (mail/mailer.ts) of mail to a commenter: their data export lists it, their erasure deletes it. */
export const COMMENTER_MAIL_TOPIC = 'commenter';

export interface CommenterExport {
  exportedAt: string;
  comments: Array<{
    article: string;
    articleUrl: string;
    status: string;
    name: string;
    email: string;
    website: string;
    text: string;
    repliesByEmail: boolean;
    postedAt: string;
    editedAt: string | null;
    networkHashKept: boolean;
  }>;
  banned: boolean;
  /** The outbox's copies of the mail sent to them about comments (kept only when no SMTP server is set). */
  mails: OutboxMail[];
  notes: string[];
}

/** The address stored under a key (every comment under one key has the same one), and the one typed by an admin. */
function addressesOf(rows: Array<{ author_email: string }>, known?: string): string[] {
  return [...new Set([...rows.map((r) => r.author_email), ...(known ? [normaliseEmail(known)] : [])])].filter(
    Boolean,
  );
}

export async function exportByKey(
  deps: Pick<CommentDeps, 'db' | 'publicUrl' | 'clock'>,
  key: string,
  address?: string,
) {
  const [rows, ban] = await Promise.all([cq.selectAllOf(deps.db, key), cq.selectBanOf(deps.db, key)]);
  const [articles, mails] = await Promise.all([
    articlesByIds(
      deps.db,
      rows.map((r) => r.article_id),
    ),
    Promise.all(addressesOf(rows, address).map((a) => outboxMailTo(deps.db, a, COMMENTER_MAIL_TOPIC))),
  ]);
  const data: CommenterExport = {
    exportedAt: deps.clock().toISOString(),
    comments: rows.map((r) => {
      const article = articles.get(r.article_id);
      return {
        article: article?.headline ?? '',
        articleUrl: article ? `${deps.publicUrl}/articles/${article.slug}` : '',
        status: r.status,
        name: r.author_name,
        email: r.author_email,
        website: r.author_url,
        text: r.body,
        repliesByEmail: r.notify_replies === 1,
        postedAt: r.created_at,
        editedAt: r.edited_at,
        networkHashKept: r.ip_key !== null,
      };
    }),
    banned: ban !== undefined,
    mails: mails.flat(),
    notes: [
      'Your IP address is never stored. A keyed hash of your network is kept for spam checks and deleted after the retention period.',
      'Your email address is never published; it is used only for reply notifications you asked for.',
      'The emails we sent you about your comments are listed when this site keeps copies of its mail.',
    ],
  };
  return data;
}

export async function eraseByKey(deps: CommentDeps, key: string, address?: string): Promise<number> {
  // The mail first: its address is found through the comments, so erasing those first and then failing
  // would leave mail that no second attempt could find.
  const addresses = addressesOf(await cq.selectAllOf(deps.db, key), address);
  for (const to of addresses) await eraseOutboxMailTo(deps.db, to, COMMENTER_MAIL_TOPIC);
  const erased = await cq.eraseAllOf(deps.db, key);
  if (erased.articleIds.length > 0) await deps.commentsChanged(erased.articleIds);
  return erased.comments;
}
