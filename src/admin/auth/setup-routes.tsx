// The first start's setup link: the form that creates the first admin, who is then signed in.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { DomainError, Invalid } from '../../http/errors.js';
import type { Database } from '../../storage/schema.js';
import { formText } from '../views/form.js';
import { linkGone } from './link-gone.js';
import { SetupPage } from './pages/setup-page.js';
import { renderAdmin, setFlash } from './render.js';
import { checkSetupToken, completeSetup } from './setup.js';

type TokenParams = { Params: { token: string } };

export function setupRoutes(options: { db: Kysely<Database>; clock: () => Date }) {
  const { db, clock } = options;

  return async function register(app: FastifyInstance): Promise<void> {
    app.get<TokenParams>(
      '/admin/setup/:token',
      { config: { permission: 'public' } },
      async (request, reply) => {
        try {
          await checkSetupToken(db, request.params.token, clock());
        } catch (error) {
          return linkGone(request, reply, error);
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
            return linkGone(request, reply, error);
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
  };
}
