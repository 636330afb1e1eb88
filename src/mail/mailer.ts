// Outgoing mail through one small interface: SMTP when configured, otherwise an outbox in the database
// that the newsroom can read, so that nothing sent in development disappears. Domains find (and erase)
// their own mail in the outbox by the topic they sent it under, never by reading the table themselves.
import { type Kysely, sql } from 'kysely';
import type { Transporter } from 'nodemailer';
import type { Database } from '../storage/schema.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  /**
   * What the mail is about, named by the domain that sends it (e.g. 'commenter'), so that the domain can
   * find its own mail in the outbox again: to export or erase what it sent someone, and nothing else.
   */
  topic?: string;
}

// The topic travels as a header: the outbox keeps what SMTP would have sent, and has no column of its own.
const TOPIC_HEADER = 'X-Broadsheet-Topic';

function headersOf(message: MailMessage): Record<string, string> {
  return { ...message.headers, ...(message.topic ? { [TOPIC_HEADER]: message.topic } : {}) };
}

export interface Mailer {
  readonly kind: 'smtp' | 'outbox';
  send(message: MailMessage): Promise<void>;
}

export function smtpMailer(options: { url: string; from: string }): Mailer {
  // nodemailer is loaded with the first mail: a server without SMTP, or that has sent nothing yet, goes without.
  let transport: Promise<Transporter> | null = null;
  const connect = async () => (await import('nodemailer')).default.createTransport(options.url);
  return {
    kind: 'smtp',
    async send(message) {
      const { topic: _topic, ...mail } = message;
      transport ??= connect();
      await (await transport).sendMail({ from: options.from, ...mail, headers: headersOf(message) });
    },
  };
}

export function outboxMailer(db: Kysely<Database>, options: { from: string; now?: () => Date }): Mailer {
  const now = options.now ?? (() => new Date());
  return {
    kind: 'outbox',
    async send(message) {
      await db
        .insertInto('mail_outbox')
        .values({
          sender: options.from,
          recipient: message.to,
          subject: message.subject,
          text_body: message.text,
          html_body: message.html ?? null,
          headers: JSON.stringify(headersOf(message)),
          created_at: now().toISOString(),
        })
        .execute();
    },
  };
}

/**
 * Whether sending failed for good: the SMTP server refused the message or its address (a 5xx reply), so the
 * same mail would be refused again. Anything else (no connection, a timeout, a 4xx "try later", the outbox
 * table unreachable) may pass, and is worth trying again.
 */
export function permanentMailFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

export function listOutbox(db: Kysely<Database>, limit = 50) {
  return db.selectFrom('mail_outbox').selectAll().orderBy('id', 'desc').limit(limit).execute();
}

export interface OutboxMail {
  subject: string;
  text: string;
  sentAt: string;
}

/** The outbox rows sent to this address (in any case) about this topic, oldest first. */
async function outboxRowsTo(db: Kysely<Database>, to: string, topic: string) {
  const rows = await db
    .selectFrom('mail_outbox')
    .select(['id', 'subject', 'text_body', 'headers', 'created_at'])
    .where(sql<string>`lower(${sql.ref('recipient')})`, '=', to.trim().toLowerCase())
    .orderBy('id')
    .execute();
  return rows.filter((r) => {
    try {
      return (JSON.parse(r.headers) as Record<string, unknown>)[TOPIC_HEADER] === topic;
    } catch {
      return false;
    }
  });
}

/** What the outbox kept of the mail sent to one address about one topic: for that person's data export. */
export async function outboxMailTo(db: Kysely<Database>, to: string, topic: string): Promise<OutboxMail[]> {
  return (await outboxRowsTo(db, to, topic)).map((r) => ({
    subject: r.subject,
    text: r.text_body,
    sentAt: r.created_at,
  }));
}

/** Deletes the outbox's copies of the mail sent to one address about one topic; returns how many. */
export async function eraseOutboxMailTo(db: Kysely<Database>, to: string, topic: string): Promise<number> {
  const ids = (await outboxRowsTo(db, to, topic)).map((r) => r.id);
  if (ids.length === 0) return 0;
  const result = await db.deleteFrom('mail_outbox').where('id', 'in', ids).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export interface LoggableFailure {
  name: string;
  code?: string;
  responseCode?: number;
  command?: string;
  message?: string;
  errors?: LoggableFailure[];
}

/**
 * What may be logged of a failure in work that sends mail: for a mail error, its kind and the SMTP server's
 * codes, never its words, which quote the recipient ("550 5.1.1 <reader@example.org>: Recipient address
 * rejected"); any other error (the database, a bug) with its message, which the operator needs.
 */
export function loggableFailure(error: unknown): LoggableFailure {
  const e = (error ?? {}) as { name?: unknown; code?: unknown; responseCode?: unknown; command?: unknown };
  const failure: LoggableFailure = { name: typeof e.name === 'string' ? e.name : typeof error };
  if (typeof e.code === 'string') failure.code = e.code;
  if (typeof e.responseCode === 'number') failure.responseCode = e.responseCode;
  if (typeof e.command === 'string') failure.command = e.command;
  if (error instanceof AggregateError) failure.errors = error.errors.map(loggableFailure);
  else if (!mailError(e) && error instanceof Error) failure.message = error.message;
  return failure;
}

// nodemailer marks its errors with the SMTP command, the server's reply code, or a code of its own (EENVELOPE,
// EAUTH, ECONNECTION, ...), and puts the server's words, addresses included, in the message.
function mailError(e: { code?: unknown; responseCode?: unknown; command?: unknown }): boolean {
  return (
    e.responseCode !== undefined ||
    e.command !== undefined ||
    (typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code))
  );
}
