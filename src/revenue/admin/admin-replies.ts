// What the newsroom's donation routes share: the admin-only permission, ids from the path, CSV downloads, and
// saving a form (shown again with its errors, or announced to the page caches and redirected with a note).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { setFlash } from '../../admin/auth/render.js';
import { DomainError } from '../../http/errors.js';
import { idParam as idFromUrl } from '../../http/request-params.js';
import type { ContentEvents } from '../../storage/content-events.js';
import { SUPPORT_TAG } from '../cta.js';

// canViewDonations (guardian.ts) is the admin role; the route permission enforces it.
export const adminOnly = { config: { permission: 'admin' as const } };

export type IdParams = { Params: { id: string } };

export function idParam(request: FastifyRequest<IdParams>, what: string): number {
  return idFromUrl(request.params.id, `That is not a ${what}.`);
}

export function sendCsv(reply: FastifyReply, name: string, body: string) {
  return reply
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="${name}"`)
    .type('text/csv; charset=utf-8')
    .send(body);
}

/**
 * Runs a save; on a domain error shows the form again with what was typed, otherwise announces the change to
 * every page showing the call-to-action or the support page, and redirects.
 */
export async function saving(
  reply: FastifyReply,
  events: ContentEvents,
  save: () => Promise<unknown>,
  onError: (error: DomainError) => Promise<FastifyReply>,
  done: { text: string; to: string },
) {
  try {
    await save();
  } catch (error) {
    if (error instanceof DomainError && error.status < 500) return onError(error);
    throw error;
  }
  await events.changed([SUPPORT_TAG]);
  setFlash(reply, { kind: 'ok', text: done.text });
  return reply.redirect(done.to, 303);
}
