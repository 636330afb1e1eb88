// Getting in and out: sign-in and sign-out (here or everywhere), password reset by email, the first-admin
// setup link and accepting an invitation. Forms work without JavaScript; each failure re-shows the form.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { DomainError, Invalid, NotFound, TooManyRequests } from '../../http/errors.js';
import type { Database } from '../../storage/schema.js';
import { acceptInvitation, findInvitation } from '../staff/invitations.js';
import { formText } from '../views/form.js';
import type { LinkMailer } from './link-mail.js';
import { InvitationPage, LinkGonePage, ResetPage, ResetRequestPage, SetupPage, SignInPage } from './pages.js';
import { completePasswordReset, findPasswordReset, requestPasswordReset } from './password-reset.js';
import { safeNext } from './plugin.js';
import { renderAdmin, setFlash } from './render.js';
import { MINUTE_MS } from './request-limits.js';
import { deleteAllSessions } from './sessions.js';
import { checkSetupToken, completeSetup } from './setup.js';
import { signIn } from './sign-in.js';

export interface AuthRouteOptions {
  db: Kysely<Database>;
  mail: LinkMailer;
  clock: () => Date;
  siteName: () => Promise<string>;
}

type TokenParams = { Params: { token: string } };

export function authRoutes(options: AuthRouteOptions) {
  const { db, clock } = options;

  function gone(request: FastifyRequest, reply: FastifyReply, error: unknown) {
    if (!(error instanceof NotFound)) throw error;
    return renderAdmin(request, reply, {
      title: 'Link not valid',
      status: 404,
      narrow: true,
      body: <LinkGonePage message={error.message} />,
    });
  }

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

    app.get('/admin/password-reset', { config: { permission: 'public' } }, (request, reply) =>
      renderAdmin(request, reply, {
        title: 'Reset your password',
        narrow: true,
        body: <ResetRequestPage sent={false} email="" />,
      }),
    );

    app.post(
      '/admin/password-reset',
      // Counted per network across every instance, so the form cannot be used to flood someone's inbox.
      { config: { permission: 'public', limit: { max: 5, windowMs: 15 * MINUTE_MS } } },
      (request, reply) => {
        const email = formText(request.body, 'email');
        // Not awaited: a known address (a mail to send) must not answer slower than an unknown one.
        options
          .siteName()
          .then((siteName) => requestPasswordReset(db, { ...options.mail, siteName }, email, clock()))
          .catch((error: unknown) => {
            // The error may quote the address; log only what kind of failure it was.
            request.log.error({ code: (error as { code?: string }).code }, 'password reset mail failed');
          });
        return renderAdmin(request, reply, {
          title: 'Reset your password',
          narrow: true,
          body: <ResetRequestPage sent email={email} />,
        });
      },
    );

    app.get<TokenParams>(
      '/admin/password-reset/:token',
      { config: { permission: 'public' } },
      async (request, reply) => {
        try {
          await findPasswordReset(db, request.params.token, clock());
        } catch (error) {
          return gone(request, reply, error);
        }
        return renderAdmin(request, reply, {
          title: 'Choose a new password',
          narrow: true,
          body: <ResetPage token={request.params.token} />,
        });
      },
    );

    app.post<TokenParams>(
      '/admin/password-reset/:token',
      { config: { permission: 'public' } },
      async (request, reply) => {
        const { token } = request.params;
        try {
          await completePasswordReset(
            db,
            token,
            { password: formText(request.body, 'password'), confirm: formText(request.body, 'confirm') },
            clock(),
          );
        } catch (error) {
          if (!(error instanceof Invalid)) return gone(request, reply, error);
          return renderAdmin(request, reply, {
            title: 'Choose a new password',
            narrow: true,
            status: 400,
            body: <ResetPage token={token} message={error.message} errors={error.fields} />,
          });
        }
        await app.staffSessions.end(request, reply);
        setFlash(reply, { kind: 'ok', text: 'Your password is changed. Sign in with the new one.' });
        return reply.redirect('/admin/sign-in', 303);
      },
    );

    app.get<TokenParams>(
      '/admin/setup/:token',
      { config: { permission: 'public' } },
      async (request, reply) => {
        try {
          await checkSetupToken(db, request.params.token, clock());
        } catch (error) {
          return gone(request, reply, error);
        }
        return renderAdmin(request, reply, {
          title: 'Set up your newsroom',
          narrow: true,
          body: <SetupPage token={request.params.token} values={{ email: '', name: '' }} />,
        });
      },
    );

    app.post<TokenParams>(
      '/admin/setup/:token',
      { config: { permission: 'public' } },
      async (request, reply) => {
        const { token } = request.params;
        const values = { email: formText(request.body, 'email'), name: formText(request.body, 'name') };
        try {
          const admin = await completeSetup(
            db,
            token,
            {
              ...values,
              password: formText(request.body, 'password'),
              confirm: formText(request.body, 'confirm'),
            },
            clock(),
          );
          await app.staffSessions.start(request, reply, admin.id);
        } catch (error) {
          if (!(error instanceof Invalid || (error instanceof DomainError && error.code === 'CONFLICT'))) {
            return gone(request, reply, error);
          }
          return renderAdmin(request, reply, {
            title: 'Set up your newsroom',
            narrow: true,
            status: error.status,
            body: <SetupPage token={token} values={values} message={error.message} errors={error.fields} />,
          });
        }
        setFlash(reply, {
          kind: 'ok',
          text: 'Welcome! Your newsroom is set up and you are its first admin.',
        });
        return reply.redirect('/admin', 303);
      },
    );

    app.get<TokenParams>(
      '/admin/invitations/:token',
      { config: { permission: 'public' } },
      async (request, reply) => {
        let invitation: Awaited<ReturnType<typeof findInvitation>>;
        try {
          invitation = await findInvitation(db, request.params.token, clock());
        } catch (error) {
          return gone(request, reply, error);
        }
        return renderAdmin(request, reply, {
          title: 'Join the newsroom',
          narrow: true,
          body: (
            <InvitationPage
              token={request.params.token}
              email={invitation.email}
              role={invitation.role}
              name=""
            />
          ),
        });
      },
    );

    app.post<TokenParams>(
      '/admin/invitations/:token',
      { config: { permission: 'public' } },
      async (request, reply) => {
        const { token } = request.params;
        const name = formText(request.body, 'name');
        try {
          const staff = await acceptInvitation(
            db,
            token,
            {
              name,
              password: formText(request.body, 'password'),
              confirm: formText(request.body, 'confirm'),
            },
            clock(),
          );
          await app.staffSessions.start(request, reply, staff.id);
        } catch (error) {
          if (!(error instanceof Invalid)) return gone(request, reply, error);
          const invitation = await findInvitation(db, token, clock()).catch(() => null);
          if (!invitation) return gone(request, reply, new NotFound());
          return renderAdmin(request, reply, {
            title: 'Join the newsroom',
            narrow: true,
            status: 400,
            body: (
              <InvitationPage
                token={token}
                email={invitation.email}
                role={invitation.role}
                name={name}
                message={error.message}
                errors={error.fields}
              />
            ),
          });
        }
        setFlash(reply, { kind: 'ok', text: 'Welcome to the newsroom! Your account is ready.' });
        return reply.redirect('/admin', 303);
      },
    );
  };
}
