// The per-session CSRF token, checked on every state-changing request of a signed-in route: sent as the
// `x-csrf-token` header by fetches, or as the `_csrf` field by forms (urlencoded or multipart).
import type { FastifyRequest } from 'fastify';
import { Forbidden } from '../../http/errors.js';
import type { Permission } from './permissions.js';
import { sameToken } from './tokens.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function submittedCsrfToken(request: FastifyRequest): string | null {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string' && header) return header;
  const body = request.body as Record<string, unknown> | null | undefined;
  const field = body && typeof body === 'object' ? body._csrf : undefined;
  if (typeof field === 'string') return field;
  // @fastify/multipart with attachFieldsToBody gives fields as { value }.
  if (field && typeof field === 'object' && typeof (field as { value?: unknown }).value === 'string') {
    return (field as { value: string }).value;
  }
  return null;
}

/**
 * Public routes (sign-in, links carrying their own token) have no session to tie a token to and rely on the
 * Origin check in http/csrf.ts.
 */
export function checkCsrfToken(request: FastifyRequest, permission: Permission): void {
  if (permission === 'public' || SAFE_METHODS.has(request.method)) return;
  const given = submittedCsrfToken(request);
  if (!given || !request.csrfToken || !sameToken(given, request.csrfToken)) {
    throw new Forbidden(
      'This form has expired or did not come from your newsroom session. Reload the page and try again.',
    );
  }
}
