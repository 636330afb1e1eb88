// Who is asking, and may they: the admin shell's hooks for every newsroom route. It loads the staff member
// from the session cookie, makes every route declare its permission and enforces it (permissions.ts),
// holds each route to the request limit it declares (request-limits.ts), and checks the per-session CSRF
// token on every state-changing request of a signed-in route (csrf-check.ts).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import { databaseRateLimitStore, type RateLimitStore } from '../../http/rate-limit-store.js';
import type { Database } from '../../storage/schema.js';
import type { StaffTimeZone } from '../../views/staff-time.js';
import type { StaffMember } from '../guardian.js';
import { checkCsrfToken } from './csrf-check.js';
import { enforcePermission, requireDeclaredPermission } from './permissions.js';
import { requestLimiter } from './request-limits.js';
import { type StaffSessions, sessionCookies } from './session-cookie.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member, or null. Newsroom routes only (the cookie is scoped to /admin). */
    staff: StaffMember | null;
    /** The CSRF token of this session for forms (`_csrf`) and fetches (`x-csrf-token`); '' without one. */
    csrfToken: string;
    /** The site's time zone and language, in which every newsroom screen shows times (admin/views/staff-time.tsx). */
    staffZone: StaffTimeZone;
    /** Articles returned to the signed-in writer that they have not opened; 0 on all but page requests. */
    returnedToYou: number;
  }
  interface FastifyInstance {
    staffSessions: StaffSessions;
    /** What the admin shell needs to know about the whole app. */
    adminShell: { outbox: boolean };
  }
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
  /** The site's time zone and language (its settings, kept in memory); UTC in English when not given. */
  staffZone?: () => Promise<StaffTimeZone>;
  /** How many returned articles wait unopened for this staff member (shown beside their name on every page). */
  unreadReturns?: (staffId: number) => Promise<number>;
}

export function staffAuth(options: StaffAuthOptions) {
  const clock = options.clock ?? (() => new Date());
  const enforceLimit = requestLimiter({
    store: options.rates ?? databaseRateLimitStore(options.db),
    secret: options.secret,
    clock,
  });
  const { sessions, identify } = sessionCookies({ ...options, clock });

  // fastify-plugin: the hooks belong to the context staffAuth is registered in (the newsroom's, see
  // src/newsroom.ts), so they guard every route registered there, and only those: reader routes never
  // pass through them.
  return fp(
    async function register(app: FastifyInstance): Promise<void> {
      app.decorateRequest('staff', null);
      app.decorateRequest('csrfToken', '');
      app.decorateRequest('staffZone', null as unknown as StaffTimeZone);
      app.decorateRequest('returnedToYou', 0);
      app.decorate('adminShell', { outbox: options.mailToOutbox ?? false });
      app.decorate('staffSessions', sessions);

      // Every route that reaches the hooks below has declared its permission: this check refuses any other,
      // and an address with no route is answered by the app's 404, outside this context.
      app.addHook('onRoute', requireDeclaredPermission);

      // onRequest, before the body is read: an anonymous upload is refused without parsing it.
      app.addHook('onRequest', async (request, reply) => {
        await identify(request);
        return enforcePermission(request, reply, request.routeOptions.config.permission!);
      });

      // After the person is known (limits count per person) and before the body is read (a refused upload is
      // never parsed).
      app.addHook('onRequest', enforceLimit);

      // Read per request, so a change of the site's zone shows on the next page; the settings are in memory.
      const staffZone = options.staffZone ?? (async () => ({ timeZone: 'UTC', language: 'en' }));
      app.addHook('preHandler', async (request) => {
        request.staffZone = await staffZone();
      });

      // Only for pages (GET): an autosave every few seconds needs no count.
      const unreadReturns = options.unreadReturns;
      if (unreadReturns)
        app.addHook('preHandler', async (request) => {
          if (request.method === 'GET' && request.staff)
            request.returnedToYou = await unreadReturns(request.staff.id);
        });

      // preHandler, after the body is parsed: the token may be a form field.
      app.addHook('preHandler', async (request) => {
        checkCsrfToken(request, request.routeOptions.config.permission!);
      });
    },
    { name: 'staff-auth', dependencies: ['@fastify/cookie'] },
  );
}
