// Signing in and out: the sign-in form, and signing out here or on every device at once.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { Invalid, TooManyRequests } from '../../http/errors.js';
import type { Database } from '../../storage/schema.js';
import { safeNext } from '../safe-return.js';
import { formText } from '../views/form.js';
import { SignInPage } from './pages/sign-in-page.js';
import { renderAdmin, setFlash } from './render.js';
import { deleteAllSessions } from './sessions.js';
import { signIn } from './sign-in.js';

export function signInRoutes(options: { db: Kysely<Database>; clock: () => Date }) {
  const { db, clock } = options;

  return async function register(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: { next?: string } }>(
      '/admin/sign-in',
      { config: { permission: 'public' } },
      (request, reply) => {
        if (request.staff) return reply.redirect(safeNext(request.query.next));
        return renderAdmin(request, reply, {
          title: 'Sign in',
          narrow: true,
          body: <SignInPage email="" next={safeNext(request.query.next)} />,
        });
      },
    );

    app.post('/admin/sign-in', { config: { permission: 'public' } }, async (request, reply) => {
      const email = formText(request.body, 'email');
      const next = safeNext(formText(request.body, 'next'));
      try {
        const staff = await signIn(
          db,
          { email, password: formText(request.body, 'password'), ip: request.ip },
          clock(),
        );
        await app.staffSessions.start(request, reply, staff.id);
        return reply.redirect(next, 303);
      } catch (error) {
        if (!(error instanceof Invalid || error instanceof TooManyRequests)) throw error;
        return renderAdmin(request, reply, {
          title: 'Sign in',
          narrow: true,
          status: error.status,
          body: <SignInPage email={email} next={next} message={error.message} errors={error.fields} />,
        });
      }
    });

    app.post('/admin/sign-out', { config: { permission: 'contributor' } }, async (request, reply) => {
      await app.staffSessions.end(request, reply);
      setFlash(reply, { kind: 'ok', text: 'You are signed out.' });
      return reply.redirect('/admin/sign-in', 303);
    });

    app.post(
      '/admin/sign-out-everywhere',
      { config: { permission: 'contributor' } },
      async (request, reply) => {
        const count = await deleteAllSessions(db, request.staff!.id);
        await app.staffSessions.end(request, reply);
        const ended = `${count} ${count === 1 ? 'session' : 'sessions'} ended`;
        setFlash(reply, { kind: 'ok', text: `You are signed out on every device (${ended}).` });
        return reply.redirect('/admin/sign-in', 303);
      },
    );
  };
}
