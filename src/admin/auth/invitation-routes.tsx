// Accepting an invitation: the link's form, and creating the account it promised, who is then signed in.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { Invalid, NotFound } from '../../http/errors.js';
import type { Database } from '../../storage/schema.js';
import { acceptInvitation, findInvitation } from '../staff/invitations.js';
import { formText } from '../views/form.js';
import { linkGone } from './link-gone.js';
import { InvitationPage } from './pages/invitation-page.js';
import { renderAdmin, setFlash } from './render.js';

type TokenParams = { Params: { token: string } };

export function invitationRoutes(options: { db: Kysely<Database>; clock: () => Date }) {
  const { db, clock } = options;

  return async function register(app: FastifyInstance): Promise<void> {
    app.get<TokenParams>(
      '/admin/invitations/:token',
      { config: { permission: 'public' } },
      async (request, reply) => {
        let invitation: Awaited<ReturnType<typeof findInvitation>>;
        try {
          invitation = await findInvitation(db, request.params.token, clock());
        } catch (error) {
          return linkGone(request, reply, error);
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
          if (!(error instanceof Invalid)) return linkGone(request, reply, error);
          const invitation = await findInvitation(db, token, clock()).catch(() => null);
          if (!invitation) return linkGone(request, reply, new NotFound());
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
