// A webhook receiver as an outside system runs one: a real node:http server on 127.0.0.1 that checks every
// message with the standardwebhooks package's Webhook.verify and answers what the test tells it to.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import { Webhook } from 'standardwebhooks';
import type { StaffMember } from '../../src/admin/guardian.js';
import { outboxMailer } from '../../src/mail/mailer.js';
import type { Database } from '../../src/storage/schema.js';
import { createEndpoint, loadEndpoint } from '../../src/webhooks/endpoints.js';
import type { WebhookDeps } from '../../src/webhooks/webhook-deps.js';

export interface Received {
  id: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The parsed payload when the signature checked out with the secret given; null when it did not. */
  verified: { type: string; timestamp: string; data: Record<string, unknown> } | null;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** The endpoint's signing secret, once the test knows it. */
  secret: string | null;
  /** The status to answer each request with; 200 unless set. A promise holds the answer back. */
  answer: (request: Received) => number | Promise<number>;
  /** How many times each webhook-id arrived. */
  countsById(): Map<string, number>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = {
    url: '',
    received: [],
    secret: null,
    answer: () => 200,
    countsById() {
      const counts = new Map<string, number>();
      for (const r of receiver.received) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
      return counts;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let verified: Received['verified'] = null;
      try {
        if (receiver.secret)
          verified = new Webhook(receiver.secret).verify(
            body,
            request.headers as Record<string, string>,
          ) as Received['verified'];
      } catch {
        verified = null;
      }
      const entry: Received = {
        id: String(request.headers['webhook-id']),
        headers: request.headers,
        body,
        verified,
      };
      receiver.received.push(entry);
      const status = await receiver.answer(entry);
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'no');
    });
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return receiver;
}

/** What the delivery tests hand the webhooks domain: the receiver's host allowed, mail kept in the outbox. */
export function receiverDeps(db: Kysely<Database>, overrides: Partial<WebhookDeps> = {}): WebhookDeps {
  return {
    db,
    clock: () => new Date(),
    resolveHost: async () => [],
    allowedHosts: ['127.0.0.1'],
    publicUrl: 'https://news.example.org',
    mailer: outboxMailer(db, { from: 'newsroom@example.org' }),
    ...overrides,
  };
}

/** An endpoint at the receiver for these events, its secret given to the receiver to verify with. */
export async function subscribe(
  receiver: Receiver,
  deps: WebhookDeps,
  admin: StaffMember,
  events: string[] = ['article.published'],
  url = receiver.url,
): Promise<number> {
  const id = await createEndpoint(deps, admin, { url, description: 'The app', events, enabled: true });
  receiver.secret = (await loadEndpoint(deps, admin, id)).secret;
  return id;
}
