// Mails that carry a one-time link (invitations, password resets). When mail goes to the outbox, the link is
// also printed on the console so a newsroom without SMTP can still get in; it is never logged otherwise.
import type { Mailer } from '../../mail/mailer.js';

export interface LinkMailer {
  mailer: Mailer;
  /** Absolute base URL of the site, without a trailing slash. */
  publicUrl: string;
  /** Where outbox links are announced; main's stdout by default. */
  print?: (line: string) => void;
}

export interface LinkMessage {
  to: string;
  subject: string;
  /** Paragraphs before the link. */
  lines: string[];
  path: string;
  /** The sentence after the link, e.g. how long it lasts. */
  after: string;
  /** What the console line calls the link: "invitation", "password reset". */
  purpose: string;
}

export async function sendLinkMail(deps: LinkMailer, message: LinkMessage): Promise<string> {
  const link = `${deps.publicUrl}${message.path}`;
  await deps.mailer.send({
    to: message.to,
    subject: message.subject,
    text: [...message.lines, '', link, '', message.after, ''].join('\n'),
  });
  if (deps.mailer.kind === 'outbox') {
    const print = deps.print ?? ((line: string) => process.stdout.write(`${line}\n`));
    print(`Newsroom ${message.purpose} link (mail is in the outbox, no SMTP configured): ${link}`);
  }
  return link;
}
