// One-click unsubscribes from mail about comments: a commenter's reply notices (named by their email key,
// never by the address) and a staff member's digest. Every such mail carries a link signed with the app
// secret, and the List-Unsubscribe headers mail clients show as a button.
import { Forbidden } from '../http/errors.js';
import type { Db } from './queries.js';
import {
  digestUnsubscribeStaff,
  replyUnsubscribeKey,
  signDigestUnsubscribe,
  signReplyUnsubscribe,
} from './tokens.js';
import { optOutOfDigest, stopReplyNotices } from './unsubscribe-queries.js';

export type UnsubscribeKind = 'replies' | 'digest';

const NOT_VALID = 'This unsubscribe link is not valid. Please use the link from your latest email.';

/** The link that stops reply notices to this commenter, or digests to this staff member. */
export function unsubscribeUrl(
  deps: { secret: string; publicUrl: string },
  to: { kind: 'replies'; emailKey: string } | { kind: 'digest'; staffId: number },
): string {
  const token =
    to.kind === 'replies'
      ? signReplyUnsubscribe(deps.secret, to.emailKey)
      : signDigestUnsubscribe(deps.secret, to.staffId);
  return `${deps.publicUrl}/comments/unsubscribe/${to.kind}/${token}`;
}

export function unsubscribeHeaders(url: string): Record<string, string> {
  // RFC 8058: a mail client may POST "List-Unsubscribe=One-Click" to the URL, without the reader's browser.
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/** Applies a one-click unsubscribe; Forbidden when the link was altered or forged. */
export async function unsubscribe(db: Db, secret: string, kind: UnsubscribeKind, token: string, now: Date) {
  if (kind === 'replies') {
    const key = replyUnsubscribeKey(secret, token);
    if (!key) throw new Forbidden(NOT_VALID);
    await stopReplyNotices(db, key);
    return;
  }
  const staffId = digestUnsubscribeStaff(secret, token);
  if (staffId === null) throw new Forbidden(NOT_VALID);
  await optOutOfDigest(db, staffId, now);
}

/** Checks a link before showing its confirmation page; Forbidden when it was altered or forged. */
export function checkUnsubscribeLink(secret: string, kind: UnsubscribeKind, token: string): void {
  const valid =
    kind === 'replies'
      ? replyUnsubscribeKey(secret, token) !== null
      : digestUnsubscribeStaff(secret, token) !== null;
  if (!valid) throw new Forbidden(NOT_VALID);
}
