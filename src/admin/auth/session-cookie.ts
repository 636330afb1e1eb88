// The staff session as a cookie: started afresh at every sign-in, ended at sign-out, and read on every
// newsroom request to know who is asking. The cookie is scoped to /admin, so reader pages never receive it
// and stay cacheable by a CDN.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.js';
import {
  createSession,
  deleteExpiredSessions,
  deleteSession,
  findSession,
  SESSION_MAX_MS,
} from './sessions.js';
import { csrfTokenFor } from './tokens.js';

export const SESSION_COOKIE = 'broadsheet_staff';

export interface StaffSessions {
  /** Starts a session for this staff member and sets its cookie. */
  start(request: FastifyRequest, reply: FastifyReply, staffId: number): Promise<void>;
  /** Ends the session of this request (if any) and clears the cookie. */
  end(request: FastifyRequest, reply: FastifyReply): Promise<void>;
}

export interface SessionCookieOptions {
  db: Kysely<Database>;
  secret: string;
  clock: () => Date;
  /** True when the public URL is https: the cookie then carries Secure. */
  secureCookies: boolean;
}

export function sessionCookies(options: SessionCookieOptions) {
  const { db, clock } = options;
  const cookieOptions = {
    path: '/admin',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: options.secureCookies,
  };

  const sessions: StaffSessions = {
    async start(request, reply, staffId) {
      // A new session on every sign-in, so a token planted before it (session fixation) is worthless.
      const previous = request.cookies[SESSION_COOKIE];
      if (previous) await deleteSession(db, previous);
      const now = clock();
      const { token } = await createSession(db, staffId, now, request.headers['user-agent'] ?? '');
      await deleteExpiredSessions(db, now);
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: SESSION_MAX_MS / 1000 });
    },
    async end(request, reply) {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await deleteSession(db, token);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      request.staff = null;
      request.csrfToken = '';
    },
  };

  /** Sets request.staff and request.csrfToken from a live session's cookie; leaves them empty otherwise. */
  async function identify(request: FastifyRequest): Promise<void> {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await findSession(db, token, clock());
    if (session) {
      request.staff = session.staff;
      request.csrfToken = csrfTokenFor(options.secret, token);
    }
  }

  return { sessions, identify };
}
