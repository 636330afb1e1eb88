// Who may call a newsroom route: each declares its permission (forgetting is a start-up error, not a hole),
// and a request is let through, sent to sign in, or refused by what guardian.ts says of the person.
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { Forbidden, Unauthorized } from '../../http/errors.js';
import { wantsJson } from '../../http/negotiate.js';
import { hasRole, type StaffRole } from '../guardian.js';

export type Permission = 'public' | StaffRole;
const PERMISSIONS: readonly Permission[] = ['public', 'contributor', 'editor', 'admin'];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every newsroom route: who may call it. Checked by admin/auth/permissions.ts. */
    permission?: Permission;
  }
}

/** The onRoute check: a route without a known permission stops the app from starting. */
export function requireDeclaredPermission(route: RouteOptions): void {
  const permission = route.config?.permission;
  if (permission === undefined) {
    throw new Error(`route ${route.method} ${route.url} declares no permission (config.permission)`);
  }
  if (!PERMISSIONS.includes(permission)) {
    throw new Error(`route ${route.method} ${route.url} declares an unknown permission "${permission}"`);
  }
}

/**
 * Lets the request through when the signed-in person (request.staff, loaded before) has the route's
 * permission. Signed out, a browser asking for a page is sent to sign in; anything else is refused.
 */
export async function enforcePermission(
  request: FastifyRequest,
  reply: FastifyReply,
  permission: Permission,
): Promise<FastifyReply | undefined> {
  if (permission === 'public') return undefined;
  if (!request.staff) {
    if ((request.method === 'GET' || request.method === 'HEAD') && !wantsJson(request)) {
      return reply
        .header('cache-control', 'no-store')
        .redirect(`/admin/sign-in?next=${encodeURIComponent(request.url)}`);
    }
    throw new Unauthorized('Please sign in to the newsroom first.');
  }
  if (!hasRole(request.staff, permission)) {
    throw new Forbidden(`Only ${permission === 'admin' ? 'admins' : 'editors and admins'} may do that.`);
  }
  return undefined;
}
