// A commenter's own way to their data: a link mailed to the address, valid for a day, that opens the page
// to download or erase everything stored under it (commenter-data.ts).
import { Forbidden } from '../http/errors.js';
import type { CommentDeps } from './comment-deps.js';
import { COMMENTER_MAIL_TOPIC } from './commenter-data.js';
import { selectAllOf } from './commenter-data-queries.js';
import { emailKey, normaliseEmail } from './identity.js';
import { dataTokenKey, signDataToken } from './tokens.js';

export const DATA_LINK_HOURS = 24;

/**
 * Mails a link to the commenter's data when the address has comments. Says nothing either way to the person
 * asking, so that the form cannot be used to learn who comments.
 */
export async function mailDataLink(deps: CommentDeps, email: string): Promise<void> {
  const address = normaliseEmail(email);
  const key = emailKey(deps.secret, address);
  const [first] = await selectAllOf(deps.db, key);
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
