// Who is asking, and may they: loads the staff member from the session cookie, makes every /admin route
// declare its permission (forgetting is a startup error, not a hole), enforces it with guardian.ts, and
// checks the per-session CSRF token on every state-changing request of a signed-in route, and holds each
// route to the request limit it declares (request-limits.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import { Forbidden, Unauthorized } from '../../http/errors.js';
import { wantsJson } from '../../http/negotiate.js';
import { databaseRateLimitStore, type RateLimitStore } from '../../http/rate-limit-store.js';
import type { Database } from '../../storage/schema.js';
import { hasRole, type StaffMember, type StaffRole } from '../guardian.js';
import { requestLimiter } from './request-limits.js';
import {
  createSession,
  deleteExpiredSessions,
  deleteSession,
  findSession,
  SESSION_MAX_MS,
} from './sessions.js';
import { csrfTokenFor, sameToken } from './tokens.js';

export type Permission = 'public' | StaffRole;
const PERMISSIONS: readonly Permission[] = ['public', 'contributor', 'editor', 'admin'];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every /admin route: who may call it. Checked by newsroom/auth/plugin.ts. */
    permission?: Permission;
  }
  interface FastifyRequest {
    /** The signed-in staff member, or null. Loaded on /admin routes only (the cookie is scoped there). */
    staff: StaffMember | null;
    /** The CSRF token of this session for forms (`_csrf`) and fetches (`x-csrf-token`); '' without one. */
    csrfToken: string;
  }
  interface FastifyInstance {
    staffSessions: StaffSessions;
    /** What the admin shell needs to know about the whole app. */
    adminShell: { outbox: boolean };
  }
}

export interface StaffSessions {
  /** Starts a session for this staff member and sets its cookie. */
  start(request: FastifyRequest, reply: FastifyReply, staffId: number): Promise<void>;
  /** Ends the session of this request (if any) and clears the cookie. */
  end(request: FastifyRequest, reply: FastifyReply): Promise<void>;
}

export interface StaffAuthOptions {
  db: Kysely<Database>;
  secret: string;
  clock?: () => Date;
  /** True when the public URL is https: the cookie then carries Secure. */
  secureCookies: boolean;
  /** Mail goes to the database outbox (no SMTP): the admin shell then shows the Outbox. */
  mailToOutbox?: boolean;
  /** Counters for the routes' request limits, shared by every instance; the database's when not given. */
  rates?: RateLimitStore;
}

export const SESSION_COOKIE = 'broadsheet_staff';
// Scoped to the newsroom, so reader pages never receive it and stay cacheable by a CDN.
const COOKIE_PATH = '/admin';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function staffAuth(options: StaffAuthOptions) {
  const clock = options.clock ?? (() => new Date());
  const enforceLimit = requestLimiter({
    store: options.rates ?? databaseRateLimitStore(options.db),
    secret: options.secret,
    clock,
  });
  const cookieOptions = {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: options.secureCookies,
  };

  // fastify-plugin: the hooks must see every route of the app, including those of plugins registered later.
  return fp(
    async function register(app: FastifyInstance): Promise<void> {
      app.decorateRequest('staff', null);
      app.decorateRequest('csrfToken', '');
      app.decorate('adminShell', { outbox: options.mailToOutbox ?? false });
      app.decorate('staffSessions', {
        async start(request, reply, staffId) {
          // A new session on every sign-in, so a token planted before it (session fixation) is worthless.
          const previous = request.cookies[SESSION_COOKIE];
          if (previous) await deleteSession(options.db, previous);
          const now = clock();
          const { token } = await createSession(
            options.db,
            staffId,
            now,
            request.headers['user-agent'] ?? '',
          );
          await deleteExpiredSessions(options.db, now);
          reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: SESSION_MAX_MS / 1000 });
        },
        async end(request, reply) {
          const token = request.cookies[SESSION_COOKIE];
          if (token) await deleteSession(options.db, token);
          reply.clearCookie(SESSION_COOKIE, cookieOptions);
          request.staff = null;
          request.csrfToken = '';
        },
      } satisfies StaffSessions);

      app.addHook('onRoute', (route) => {
        if (!route.url.startsWith('/admin')) return;
        const permission = route.config?.permission;
        if (permission === undefined) {
          throw new Error(`route ${route.method} ${route.url} declares no permission (config.permission)`);
        }
        if (!PERMISSIONS.includes(permission)) {
          throw new Error(
            `route ${route.method} ${route.url} declares an unknown permission "${permission}"`,
          );
        }
      });

      // onRequest, before the body is read: an anonymous upload is refused without parsing it.
      app.addHook('onRequest', async (request, reply) => {
        const permission = request.routeOptions.config?.permission;
        if (permission === undefined) return;
        const token = request.cookies[SESSION_COOKIE];
        if (token) {
          const session = await findSession(options.db, token, clock());
          if (session) {
            request.staff = session.staff;
            request.csrfToken = csrfTokenFor(options.secret, token);
          }
        }
        if (permission === 'public') return;
        if (!request.staff) {
          if ((request.method === 'GET' || request.method === 'HEAD') && !wantsJson(request)) {
            return reply
              .header('cache-control', 'no-store')
              .redirect(`/admin/sign-in?next=${encodeURIComponent(request.url)}`);
          }
          throw new Unauthorized('Please sign in to the newsroom first.');
        }
        if (!hasRole(request.staff, permission)) {
          throw new Forbidden(
            `Only ${permission === 'admin' ? 'admins' : 'editors and admins'} may do that.`,
          );
        }
      });

      // After the person is known (limits count per person) and before the body is read (a refused upload is
      // never parsed).
      app.addHook('onRequest', enforceLimit);

      // preHandler, after the body is parsed: the token may be a form field. Public routes (sign-in, links
      // carrying their own token) have no session to tie a token to and rely on the Origin check in csrf.ts.
      app.addHook('preHandler', async (request) => {
        const permission = request.routeOptions.config?.permission;
        if (permission === undefined || permission === 'public' || SAFE_METHODS.has(request.method)) return;
        const given = submittedCsrfToken(request);
        if (!given || !request.csrfToken || !sameToken(given, request.csrfToken)) {
          throw new Forbidden(
            'This form has expired or did not come from your newsroom session. ' +
              'Reload the page and try again.',
          );
        }
      });
    },
    { name: 'staff-auth', dependencies: ['@fastify/cookie'] },
  );
}

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

/** Only a path inside the newsroom may be a "next" after sign-in: never another site. */
export function safeNext(next: unknown): string {
  if (
    typeof next !== 'string' ||
    !next.startsWith('/admin') ||
    next.startsWith('//') ||
    /[\\\r\n]/.test(next)
  ) {
    return '/admin';
  }
  return next;
}
