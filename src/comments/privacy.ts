// A commenter's data: everything stored under one email address, exported or erased in one action, by the
// commenter (through a link mailed to that address) or by an admin; and the hashed IP addresses, forgotten
// after the retention period.

import { canManageCommenterData, type StaffMember } from '../admin/guardian.js';
import { articlesByIds } from '../articles/article-refs.js';
import { Forbidden } from '../http/errors.js';
import { eraseOutboxMailTo, type OutboxMail, outboxMailTo } from '../mail/mailer.js';
import { announceChanged, type CommentDeps } from './approval.js';
import { emailKey, normaliseEmail } from './identity.js';
import { COMMENTER_MAIL_TOPIC } from './notifications.js';
import * as pq from './privacy-queries.js';
import type { CommentSettings } from './settings.js';
import { dataTokenKey, signDataToken } from './tokens.js';

export const DATA_LINK_HOURS = 24;
const DAY_MS = 24 * 60 * 60 * 1000;

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
  const [rows, ban] = await Promise.all([pq.selectAllOf(deps.db, key), pq.selectBanOf(deps.db, key)]);
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
  const addresses = addressesOf(await pq.selectAllOf(deps.db, key), address);
  for (const to of addresses) await eraseOutboxMailTo(deps.db, to, COMMENTER_MAIL_TOPIC);
  const erased = await pq.eraseAllOf(deps.db, key);
  if (erased.articleIds.length > 0) await announceChanged(deps, erased.articleIds);
  return erased.comments;
}

function mustManage(staff: StaffMember): void {
  if (!canManageCommenterData(staff))
    throw new Forbidden('Only admins may export or erase a commenter’s data.');
}

export async function adminExport(deps: CommentDeps, staff: StaffMember, email: string) {
  mustManage(staff);
  return exportByKey(deps, emailKey(deps.secret, email), email);
}

export async function adminErase(deps: CommentDeps, staff: StaffMember, email: string): Promise<number> {
  mustManage(staff);
  return eraseByKey(deps, emailKey(deps.secret, email), email);
}

/**
 * Mails a link to the commenter's data when the address has comments. Says nothing either way to the person
 * asking, so that the form cannot be used to learn who comments.
 */
export async function mailDataLink(deps: CommentDeps, email: string): Promise<void> {
  const address = normaliseEmail(email);
  const key = emailKey(deps.secret, address);
  const [first] = await pq.selectAllOf(deps.db, key);
  if (!first) return;
  const token = signDataToken(
    deps.secret,
    key,
    new Date(deps.clock().getTime() + DATA_LINK_HOURS * 3600_000),
  );
  const siteName = await deps.siteName();
  await deps.mailer.send({
    to: address,
    subject: `Your comments on ${siteName}`,
    text: [
      'Someone (we hope you) asked for the comments stored under this email address.',
      `Open this link within ${DATA_LINK_HOURS} hours to download them or to delete them all:`,
      '',
      `${deps.publicUrl}/comments/my-data/${token}`,
      '',
      'If you did not ask for this, you can ignore this email; nothing changes.',
    ].join('\n'),
    topic: COMMENTER_MAIL_TOPIC,
  });
}

/** The email key a data link was signed for; Forbidden when it is forged, altered or expired. */
export function keyFromDataLink(secret: string, token: string, now: Date): string {
  const key = dataTokenKey(secret, token, now);
  if (!key) throw new Forbidden('This link is not valid or has expired. Ask for a new one below.');
  return key;
}

/** Forgets network hashes older than the retention period; returns how many comments were cleared. */
export function purgeOldNetworkHashes(
  db: CommentDeps['db'],
  settings: CommentSettings,
  now: Date,
): Promise<number> {
  return pq.purgeIpKeys(db, new Date(now.getTime() - settings.ipRetentionDays * DAY_MS).toISOString());
}
