// Outgoing mail through one small interface: SMTP when configured, otherwise an outbox in the database
// that the newsroom can read, so that nothing sent in development disappears.
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { Database } from '../storage/schema.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  readonly kind: 'smtp' | 'outbox';
  send(message: MailMessage): Promise<void>;
}

export function smtpMailer(options: { url: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(options.url);
  return {
    kind: 'smtp',
    async send(message) {
      await transport.sendMail({ from: options.from, ...message });
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
          headers: JSON.stringify(message.headers ?? {}),
          created_at: now().toISOString(),
        })
        .execute();
    },
  };
}

export function listOutbox(db: Kysely<Database>, limit = 50) {
  return db.selectFrom('mail_outbox').selectAll().orderBy('id', 'desc').limit(limit).execute();
}
