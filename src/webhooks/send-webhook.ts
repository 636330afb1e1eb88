// One POST of a signed message to an endpoint: connected only to checked addresses (checkedLookup, or the
// IP literal checked here), no redirects followed, cut off after a time limit, and reported as a status code
// and a short error; never thrown, because every outcome is recorded as an attempt.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Webhook } from 'standardwebhooks';
import {
  AddressRefused,
  bareHost,
  checkedLookup,
  literalProblem,
  type ResolveHost,
} from '../http/checked-lookup.js';
import { policyFor } from './endpoint-address.js';

export interface SendOutcome {
  statusCode: number | null;
  durationMs: number;
  /** Why it failed, in a few words (never the response body); null on a 2xx. */
  error: string | null;
}

export interface SignedMessage {
  url: string;
  secret: string;
  /** A secret rotated out but still signing (Standard Webhooks sends one signature per secret). */
  previousSecret?: string | null;
  messageId: string;
  body: string;
}

export interface SendOptions {
  resolveHost: ResolveHost;
  allowedHosts: readonly string[];
  timeoutMs: number;
  /** The time written into webhook-timestamp: the real time of sending (receivers check it against theirs). */
  sentAt: () => Date;
}

/** The three Standard Webhooks headers for this message. */
export function signatureHeaders(message: SignedMessage, sentAt: Date): Record<string, string> {
  return {
    'webhook-id': message.messageId,
    'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
    'webhook-signature': [message.secret, message.previousSecret]
      .filter((secret): secret is string => Boolean(secret))
      .map((secret) => new Webhook(secret).sign(message.messageId, sentAt, message.body))
      .join(' '),
  };
}

function shortError(error: unknown): string {
  if (error instanceof AddressRefused) return `refused: ${error.message}`;
  const code = (error as { code?: unknown }).code;
  const text = error instanceof Error ? error.message : String(error);
  return (typeof code === 'string' ? `${code}: ${text}` : text).slice(0, 200);
}

export function sendWebhook(message: SignedMessage, options: SendOptions): Promise<SendOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = new URL(message.url);
  const policy = policyFor(url, options.allowedHosts);
  // node does not look up an IP literal, so the lookup below never sees one: it is checked here.
  const refused = literalProblem(url, policy);
  if (refused) {
    return Promise.resolve({
      statusCode: null,
      durationMs: 0,
      error: `refused: ${bareHost(url)} is ${refused}`,
    });
  }
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'Broadsheet-Webhooks/1',
    ...signatureHeaders(message, options.sentAt()),
  };
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome: Omit<SendOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, durationMs: elapsed() });
    };
    const req = request(
      url,
      {
        method: 'POST',
        headers,
        lookup: checkedLookup(options.resolveHost, policy),
        // A fresh connection each time: a pooled socket would skip the address check.
        agent: false,
      },
      (response) => {
        const statusCode = response.statusCode ?? 0;
        // The body is not kept (it could hold anything); reading it to the end frees the socket.
        response.resume();
        response.on('end', () =>
          done({
            statusCode,
            error: statusCode >= 200 && statusCode < 300 ? null : `answered ${statusCode}`,
          }),
        );
        response.on('error', (error) => done({ statusCode, error: shortError(error) }));
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      done({ statusCode: null, error: `no answer within ${options.timeoutMs / 1000} s` });
    }, options.timeoutMs);
    req.on('error', (error) => done({ statusCode: null, error: shortError(error) }));
    req.end(message.body);
  });
}
