// How editions leave: nodemailer's pooled SMTP (a few connections kept open, many messages each), separate
// from the single mails of mail/mailer.ts so a long send never queues a sign-in link behind it. Without SMTP
// configured, editions go through the site's mailer (the outbox in development).
import type { Mailer } from '../mail/mailer.js';

export interface BulkMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
}

export interface BulkTransport {
  /** Messages that may be in flight at once (the pool's connections). */
  readonly connections: number;
  send(message: BulkMessage): Promise<void>;
  close(): void;
}

export async function pooledSmtpTransport(url: string, connections: number): Promise<BulkTransport> {
  const nodemailer = (await import('nodemailer')).default;
  const transport = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: connections,
    maxMessages: 1000,
  });
  return {
    connections,
    async send(message) {
      await transport.sendMail(message);
    },
    close: () => transport.close(),
  };
}

export function mailerTransport(mailer: Mailer): BulkTransport {
  return {
    connections: 1,
    async send(message) {
      await mailer.send({
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: { ...message.headers, 'Message-ID': message.messageId },
      });
    },
    close() {},
  };
}
