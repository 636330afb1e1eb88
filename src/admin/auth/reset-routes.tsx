// Password reset by email: asking for a link (answered the same, and as fast, for any address) and
// choosing the new password with it, which signs the person out everywhere.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { Invalid } from '../../http/errors.js';
import type { Database } from '../../storage/schema.js';
import { formText } from '../views/form.js';
import { linkGone } from './link-gone.js';
import type { LinkMailer } from './link-mail.js';
import { ResetPage, ResetRequestPage } from './pages/reset-pages.js';
import { completePasswordReset, findPasswordReset, requestPasswordReset } from './password-reset.js';
import { renderAdmin, setFlash } from './render.js';
import { MINUTE_MS } from './request-limits.js';

type TokenParams = { Params: { token: string } };

export function resetRoutes(options: {
  db: Kysely<Database>;
  mail: LinkMailer;
  clock: () => Date;
  siteName: () => Promise<string>;
}) {
  const { db, clock } = options;

  return async function register(app: FastifyInstance): Promise<void> {
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
          return linkGone(request, reply, error);
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
          if (!(error instanceof Invalid)) return linkGone(request, reply, error);
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
  };
}
