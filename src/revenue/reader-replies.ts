// What the reader-facing donation routes share: the CSP that lets forms redirect to the payment provider's
// pages, uncached HTML replies under it, form fields as text, and the network key rate limits count by.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { withDirective } from '../http/security-headers.js';
import { networkKey } from './rate-limits.js';

/** The site's CSP, with form-action widened to the provider's origins (checkout, customer portal). */
export function supportCsp(sitePolicy: string, redirectOrigins: string[]): string {
  return withDirective(sitePolicy, 'form-action', ["'self'", ...redirectOrigins].join(' '));
}

/** A page about one reader's donation: never cached, by us or anyone between. */
export function sendSupportPage(reply: FastifyReply, csp: string, status: number, body: string) {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('content-security-policy', csp)
    .type('text/html; charset=utf-8')
    .send(body);
}

/** A text field of a parsed form body; '' when absent or not text. */
export function formField(body: unknown, name: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
}

export function requestNetwork(secret: string, request: FastifyRequest): string {
  return networkKey(secret, request.ip);
}
