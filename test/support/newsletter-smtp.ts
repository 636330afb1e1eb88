// A real SMTP server in this process for newsletter tests: parses what it receives with mailparser, counts
// deliveries per recipient, can refuse chosen recipients for good (550), and can be stopped and started on
// the same port (a mail server that is down, then back).
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedEdition {
  to: string;
  mail: ParsedMail;
}

export interface NewsletterSmtp {
  url: string;
  port: number;
  received: ReceivedEdition[];
  /** Deliveries per recipient address. */
  counts(): Map<string, number>;
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  /** Recipients answered "550 mailbox unavailable". */
  refuse: Set<string>;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

export async function startNewsletterSmtp(port = 0): Promise<NewsletterSmtp> {
  const received: ReceivedEdition[] = [];
  const refuse = new Set<string>();
  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (refuse.has(address.address)) {
          const error = new Error('mailbox unavailable') as Error & { responseCode: number };
          error.responseCode = 550;
          return callback(error);
        }
        callback();
      },
      onData(stream, session, callback) {
        simpleParser(stream).then(
          (mail) => {
            for (const r of session.envelope.rcptTo) received.push({ to: r.address, mail });
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
  const withoutNoise = (s: SMTPServer) => {
    // A sender killed mid-transaction resets its connection: expected here, not a failure of the server.
    s.on('error', () => {});
    return s;
  };
  let server = withoutNoise(make());
  const listen = (p: number) => new Promise<void>((resolve) => server.listen(p, '127.0.0.1', resolve));
  await listen(port);
  const bound = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${bound}`,
    port: bound,
    received,
    refuse,
    counts() {
      const counts = new Map<string, number>();
      for (const r of received) counts.set(r.to, (counts.get(r.to) ?? 0) + 1);
      return counts;
    },
    async waitFor(count, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} mails, got ${received.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    async restart() {
      server = withoutNoise(make());
      await listen(bound);
    },
  };
}
