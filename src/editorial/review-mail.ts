// The mail that tells a writer their article came back with notes: one message per writer (nobody sees
// another's address), the headline in the subject, the notes, and the link to the article in the newsroom.
// Sent after the return is committed: a mail that fails is reported, and the return stands.
import type { StaffListItem } from '../admin/staff/staff.js';
import { type LoggableFailure, loggableFailure, type Mailer } from '../mail/mailer.js';
import type { ReturnedArticle } from './review-returns.js';

export interface ReviewMailDeps {
  mailer: Mailer;
  /** Absolute base URL of the site, without a trailing slash. */
  publicUrl: string;
}

export interface ReviewMailOutcome {
  sent: number;
  /** The writers whose mail could not be sent (they still see the notice in the newsroom). */
  failed: Array<{ writer: StaffListItem; failure: LoggableFailure }>;
}

/** One line: a headline typed with a line break must not break the mail's header. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

export function returnMail(deps: ReviewMailDeps, returned: ReturnedArticle, writer: StaffListItem) {
  const headline = oneLine(returned.article.fields.headline);
  const link = `${deps.publicUrl}/admin/articles/${returned.article.id}`;
  return {
    to: writer.email,
    subject: `Returned to you with notes: “${headline}”`,
    text: [
      `Hello ${writer.name},`,
      '',
      `${returned.editorName} returned “${headline}” to you with these notes:`,
      '',
      returned.note,
      '',
      'It is a draft again: you can edit it and submit it for review when it is ready.',
      link,
      '',
    ].join('\n'),
    topic: 'review-return',
  };
}

export async function mailReturnedArticle(
  deps: ReviewMailDeps,
  returned: ReturnedArticle,
): Promise<ReviewMailOutcome> {
  const outcome: ReviewMailOutcome = { sent: 0, failed: [] };
  // Each on its own: one refused address does not keep the others' mail from going out.
  for (const writer of returned.writers) {
    try {
      await deps.mailer.send(returnMail(deps, returned, writer));
      outcome.sent++;
    } catch (error) {
      outcome.failed.push({ writer, failure: loggableFailure(error) });
    }
  }
  return outcome;
}
