// Staff management for admins: list, invite, change role, disable and enable, withdraw an invitation.
// Every change is a form post that redirects back with a message; errors re-show the page with the input.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { listAuthorProfiles } from '../../editorial/authors/profiles.js';
import { DomainError, type FieldErrors } from '../../http/errors.js';
import { idParam } from '../../http/request-params.js';
import type { Database } from '../../storage/schema.js';
import type { LinkMailer } from '../auth/link-mail.js';
import { renderAdmin, setFlash } from '../auth/render.js';
import { formText } from '../views/form.js';
import { inviteStaff, listPendingInvitations, withdrawInvitation } from './invitations.js';
import { changeRole, disableStaff, enableStaff, listStaff } from './staff.js';
import { StaffPage } from './staff-page.js';

export interface StaffRouteOptions {
  db: Kysely<Database>;
  mail: LinkMailer;
  clock: () => Date;
  siteName: () => Promise<string>;
}

type IdParams = { Params: { id: string } };
const admin = { config: { permission: 'admin' as const } };

function idOf(request: FastifyRequest<IdParams>): number {
  return idParam(request.params.id, 'That is not a staff member.');
}

export function staffRoutes(options: StaffRouteOptions) {
  const { db, clock } = options;

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    invite: { email: string; role: string; errors?: FieldErrors; message?: string } = { email: '', role: '' },
    status = 200,
  ) {
    const [staff, invitations, authors] = await Promise.all([
      listStaff(db),
      listPendingInvitations(db, clock()),
      listAuthorProfiles(db, request.staff!),
    ]);
    return renderAdmin(request, reply, {
      title: 'Staff',
      status,
      body: (
        <StaffPage
          me={request.staff!}
          csrfToken={request.csrfToken}
          staff={staff}
          invitations={invitations}
          bylines={new Map(authors.map((a) => [a.id, a.name]))}
          invite={invite}
        />
      ),
    });
  }

  /** Runs a change and redirects back with its message, or re-shows the page with the refusal. */
  async function change(reply: FastifyReply, run: () => Promise<string>) {
    try {
      setFlash(reply, { kind: 'ok', text: await run() });
    } catch (error) {
      if (!(error instanceof DomainError) || error.status >= 500) throw error;
      setFlash(reply, { kind: 'error', text: error.fields.role ?? error.message });
    }
    return reply.redirect('/admin/staff', 303);
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/admin/staff', admin, (request, reply) => page(request, reply));

    app.post('/admin/staff/invite', admin, async (request, reply) => {
      const email = formText(request.body, 'email');
      const role = formText(request.body, 'role');
      try {
        const siteName = await options.siteName();
        await inviteStaff(db, { ...options.mail, siteName }, request.staff!, { email, role }, clock());
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return page(
          request,
          reply,
          { email, role, errors: error.fields, message: error.message },
          error.status,
        );
      }
      setFlash(reply, { kind: 'ok', text: `Invitation sent to ${email.trim().toLowerCase()}.` });
      return reply.redirect('/admin/staff', 303);
    });

    // The id is read before the change: an address that names nobody is a 404, not a message on the list.
    app.post<IdParams>('/admin/staff/:id/role', admin, (request, reply) => {
      const id = idOf(request);
      return change(reply, async () => {
        await changeRole(db, request.staff!, id, formText(request.body, 'role'));
        return 'Role changed.';
      });
    });

    app.post<IdParams>('/admin/staff/:id/disable', admin, (request, reply) => {
      const id = idOf(request);
      return change(reply, async () => {
        await disableStaff(db, request.staff!, id, clock());
        return 'Account disabled and signed out everywhere.';
      });
    });

    app.post<IdParams>('/admin/staff/:id/enable', admin, (request, reply) => {
      const id = idOf(request);
      return change(reply, async () => {
        await enableStaff(db, request.staff!, id);
        return 'Account enabled.';
      });
    });

    app.post<IdParams>('/admin/staff/invitations/:id/withdraw', admin, (request, reply) => {
      const id = idOf(request);
      return change(reply, async () => {
        await withdrawInvitation(db, id, clock());
        return 'Invitation withdrawn; its link no longer works.';
      });
    });
  };
}
