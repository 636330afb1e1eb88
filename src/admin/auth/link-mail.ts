// Mails that carry a one-time link (invitations, password resets). The link is a key to an account, so it
// goes in the mail and nowhere else: without SMTP it waits in the admin's Outbox, never on the console or in
// a log, which more people and systems read than the newsroom's admins. (Only the first admin's setup link
// is printed, at start, as nobody can read the Outbox yet: admin/auth/setup.ts.)
import type { Mailer } from '../../mail/mailer.js';

export interface LinkMailer {
  mailer: Mailer;
  /** Absolute base URL of the site, without a trailing slash. */
  publicUrl: string;
}

export interface LinkMessage {
  to: string;
  subject: string;
  /** Paragraphs before the link. */
  lines: string[];
  path: string;
  /** The sentence after the link, e.g. how long it lasts. */
  after: string;
}

export async function sendLinkMail(deps: LinkMailer, message: LinkMessage): Promise<string> {
  const link = `${deps.publicUrl}${message.path}`;
  await deps.mailer.send({
    to: message.to,
    subject: message.subject,
    text: [...message.lines, '', link, '', message.after, ''].join('\n'),
  });
  return link;
}
