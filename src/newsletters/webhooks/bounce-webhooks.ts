// Bounces and complaints reported by the email service, for mail that left through it: Amazon SES through an
// SNS topic (each message's signature verified against AWS's certificate) and Postmark (HTTP basic auth with
// the shared secret). A permanent bounce or a complaint suppresses the address at once; soft bounces do at
// the limit (suppression.ts). Services call from their own servers: no CSRF check applies, the proof is the
// signature or the secret.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.js';
import { isAddress } from '../addresses.js';
import { recordSoftBounce, suppress } from '../suppression.js';
import { type FetchText, isSnsUrl, parseSnsMessage, snsVerifier } from './sns-signature.js';

export interface BounceWebhookOptions {
  db: Kysely<Database>;
  clock: () => Date;
  /** Fetches SNS signing certificates and confirms subscriptions (AWS's URLs only). */
  fetchText: FetchText;
  /** Topics whose messages are taken; any verified topic when empty. */
  snsTopics: readonly string[];
  /** The password Postmark's webhook URL carries (https://user:<secret>@…); no Postmark route without it. */
  postmarkSecret: string | undefined;
}

type Outcome = 'bounced' | 'soft' | 'complained';

async function record(options: BounceWebhookOptions, email: unknown, outcome: Outcome): Promise<void> {
  if (typeof email !== 'string' || !isAddress(email.trim().toLowerCase())) return;
  const now = options.clock();
  if (outcome === 'soft') await recordSoftBounce(options.db, email, now);
  else await suppress(options.db, email, outcome, now);
}

/** What one SES notification (SNS's Message, itself JSON) says about which addresses. */
function sesOutcomes(message: string): Array<{ email: unknown; outcome: Outcome }> {
  let n: Record<string, unknown>;
  try {
    n = JSON.parse(message) as Record<string, unknown>;
  } catch {
    return [];
  }
  const type = n.notificationType ?? n.eventType;
  const list = (v: unknown): Array<Record<string, unknown>> => (Array.isArray(v) ? v : []);
  if (type === 'Bounce') {
    const bounce = (n.bounce ?? {}) as Record<string, unknown>;
    const outcome: Outcome = bounce.bounceType === 'Permanent' ? 'bounced' : 'soft';
    return list(bounce.bouncedRecipients).map((r) => ({ email: r.emailAddress, outcome }));
  }
  if (type === 'Complaint') {
    const complaint = (n.complaint ?? {}) as Record<string, unknown>;
    return list(complaint.complainedRecipients).map((r) => ({
      email: r.emailAddress,
      outcome: 'complained',
    }));
  }
  return [];
}

const POSTMARK_HARD = new Set(['HardBounce', 'BadEmailAddress', 'Blocked', 'ManuallyDeactivated']);
const POSTMARK_SOFT = new Set(['SoftBounce', 'Transient', 'DnsError', 'AutoResponder']);

function postmarkOutcome(body: Record<string, unknown>): Outcome | null {
  if (body.RecordType === 'SpamComplaint' || body.Type === 'SpamComplaint') return 'complained';
  if (body.RecordType !== 'Bounce') return null;
  if (typeof body.Type === 'string' && POSTMARK_HARD.has(body.Type)) return 'bounced';
  if (typeof body.Type === 'string' && POSTMARK_SOFT.has(body.Type)) return 'soft';
  return null;
}

function basicAuthPassword(header: string | undefined): string | null {
  const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? '');
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : decoded.slice(colon + 1);
}

function sameSecret(given: string | null, secret: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

const refuse = (reply: FastifyReply, status: number, message: string) =>
  reply.code(status).send({ error: { code: status === 401 ? 'UNAUTHORIZED' : 'INVALID', message } });

export function bounceWebhookRoutes(options: BounceWebhookOptions) {
  const verify = snsVerifier(options.fetchText);
  const noCsrf = { config: { csrf: false } };
  return async function register(app: FastifyInstance): Promise<void> {
    app.post('/newsletters/webhooks/ses', noCsrf, async (request, reply) => {
      const message = parseSnsMessage(request.body);
      if (!message) return refuse(reply, 400, 'Not an SNS message.');
      if (options.snsTopics.length > 0 && !options.snsTopics.includes(message.TopicArn)) {
        return refuse(reply, 403, 'Not a topic this site takes.');
      }
      if (!(await verify(message))) return refuse(reply, 401, 'The SNS signature did not verify.');
      if (message.Type === 'SubscriptionConfirmation') {
        if (!message.SubscribeURL || !isSnsUrl(message.SubscribeURL))
          return refuse(reply, 400, 'No SNS address to confirm.');
        await options.fetchText(message.SubscribeURL);
        return reply.code(200).send({ confirmed: true });
      }
      if (message.Type !== 'Notification') return reply.code(200).send({ ignored: message.Type });
      const outcomes = sesOutcomes(message.Message);
      for (const o of outcomes) await record(options, o.email, o.outcome);
      return reply.code(200).send({ recorded: outcomes.length });
    });

    const secret = options.postmarkSecret;
    if (!secret) return;
    app.post('/newsletters/webhooks/postmark', noCsrf, async (request, reply) => {
      if (!sameSecret(basicAuthPassword(request.headers.authorization), secret)) {
        return reply
          .header('www-authenticate', 'Basic realm="postmark"')
          .code(401)
          .send({
            error: { code: 'UNAUTHORIZED', message: 'Wrong or missing credentials.' },
          });
      }
      const body = request.body;
      if (!body || typeof body !== 'object') return refuse(reply, 400, 'Not a Postmark webhook.');
      const outcome = postmarkOutcome(body as Record<string, unknown>);
      if (outcome) await record(options, (body as Record<string, unknown>).Email, outcome);
      return reply.code(200).send({ recorded: outcome ? 1 : 0 });
    });
  };
}
