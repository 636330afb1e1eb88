// Banning a commenter: their email key, and their network while its hash is kept. A ban sends their held
// comments to spam and refuses their next ones (moderation-rules.ts); an editor can lift it again.
import type { StaffMember } from '../../admin/guardian.js';
import { Invalid, NotFound } from '../../http/errors.js';
import type { CommentDeps } from '../comment-deps.js';
import { maskedEmail } from '../identity.js';
import { type Db, selectComment } from '../queries.js';
import { tidyLine } from '../text.js';
import { deleteBan, insertBan, latestEmailOf, listBans, selectPendingIdsOf } from './ban-queries.js';
import { mustModerate } from './permissions.js';
import { updateStatus } from './queue-queries.js';

/** Bans the author of a comment; returns how many of their held comments went to spam. */
export async function banAuthorOf(deps: CommentDeps, staff: StaffMember, commentId: number, reason: string) {
  mustModerate(staff);
  const row = await selectComment(deps.db, commentId);
  if (!row || row.status === 'erased') throw new NotFound('There is no such comment.');
  if (row.staff_id !== null)
    throw new Invalid('Staff replies cannot be banned; disable the account instead.');
  await insertBan(deps.db, {
    email_key: row.email_key,
    ip_key: row.ip_key,
    reason: tidyLine(reason).slice(0, 200),
    created_by: staff.id,
    created_at: deps.clock().toISOString(),
  });
  const held = await selectPendingIdsOf(deps.db, row.email_key);
  if (held.length > 0) await updateStatus(deps.db, held, 'spam', deps.clock());
  return held.length;
}

export async function liftBan(deps: CommentDeps, staff: StaffMember, banId: number) {
  mustModerate(staff);
  await deleteBan(deps.db, banId);
}

export interface BanListItem {
  id: number;
  email: string;
  reason: string;
  createdAt: string;
}

/** The bans, newest first, each shown by the masked address of its newest comment. */
export async function bansForList(db: Db): Promise<BanListItem[]> {
  const bans = await listBans(db);
  const emails = await Promise.all(bans.map((b) => latestEmailOf(db, b.email_key)));
  return bans.map((b, i) => ({
    id: b.id,
    email: emails[i] ? maskedEmail(emails[i]) : '(no comments left)',
    reason: b.reason,
    createdAt: b.created_at,
  }));
}
