// The staff page for admins: the invitation form, pending invitations, and everyone on the staff with their
// role and state. Only admins see it, so only admins see colleagues' email addresses.
import type { FieldErrors } from '../../http/errors.js';
import type { StaffMember } from '../guardian.js';
import { CsrfField } from '../views/admin-layout.js';
import { ErrorSummary, Field } from '../views/form.js';
import type { listPendingInvitations } from './invitations.js';
import { InvitationsTable } from './invitations-table.js';
import { ROLE_OPTIONS } from './page-parts.js';
import type { StaffListItem } from './staff.js';
import { StaffTable } from './staff-table.js';

export function StaffPage(props: {
  me: StaffMember;
  csrfToken: string;
  staff: StaffListItem[];
  invitations: Awaited<ReturnType<typeof listPendingInvitations>>;
  /** Author profile names by id: the byline each person writes as. */
  bylines: Map<number, string>;
  invite: { email: string; role: string; errors?: FieldErrors; message?: string };
}) {
  const { csrfToken } = props;
  return (
    <>
      <h1>Staff</h1>
      <section class="panel" aria-labelledby="invite-heading">
        <h2 id="invite-heading">Invite someone</h2>
        <p class="hint">
          They get an email with a link to choose their name and password. Contributors write drafts; editors
          also edit and publish any article and moderate comments; admins also manage staff and settings.
        </p>
        <ErrorSummary message={props.invite.message} errors={props.invite.errors} />
        <form method="post" action="/admin/staff/invite" novalidate>
          <CsrfField token={csrfToken} />
          <Field
            name="email"
            label="Email"
            type="email"
            required
            value={props.invite.email}
            errors={props.invite.errors}
          />
          <Field
            name="role"
            label="Role"
            options={ROLE_OPTIONS}
            value={props.invite.role || 'contributor'}
            errors={props.invite.errors}
          />
          <button type="submit">Send the invitation</button>
        </form>
      </section>
      {props.invitations.length > 0 && (
        <InvitationsTable csrfToken={csrfToken} invitations={props.invitations} />
      )}
      <StaffTable me={props.me} csrfToken={csrfToken} staff={props.staff} bylines={props.bylines} />
    </>
  );
}
