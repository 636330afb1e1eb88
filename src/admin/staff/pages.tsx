// The staff page for admins: everyone on the staff with their role and state, pending invitations, and the
// invitation form. Only admins see it, so only admins see colleagues' email addresses.
import type { FieldErrors } from '../../http/errors.js';
import type { StaffMember } from '../guardian.js';
import { CsrfField, ROLE_LABELS } from '../views/admin-layout.js';
import { ErrorSummary, Field } from '../views/form.js';
import type { listPendingInvitations } from './invitations.js';
import { STAFF_ROLES, type StaffListItem } from './staff.js';

const ROLE_OPTIONS = STAFF_ROLES.map((r): [string, string] => [r, ROLE_LABELS[r]]);

function day(iso: string): string {
  return iso.slice(0, 10);
}

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
        <section aria-labelledby="pending-heading">
          <h2 id="pending-heading">Invitations not yet accepted</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Invited</th>
                <th scope="col">Expires</th>
                <th scope="col">
                  <span class="muted">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.invitations.map((i) => (
                <tr>
                  <td>{i.email}</td>
                  <td>{ROLE_LABELS[i.role]}</td>
                  <td>
                    {day(i.createdAt)}
                    {i.invitedBy ? ` by ${i.invitedBy}` : ''}
                  </td>
                  <td>{day(i.expiresAt)}</td>
                  <td>
                    <form
                      method="post"
                      action={`/admin/staff/invitations/${i.id}/withdraw`}
                      class="inline-form"
                    >
                      <CsrfField token={csrfToken} />
                      <button type="submit" class="secondary">
                        Withdraw
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <section aria-labelledby="staff-heading">
        <h2 id="staff-heading">Everyone on the staff</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Writes as</th>
              <th scope="col">Since</th>
              <th scope="col">Access</th>
            </tr>
          </thead>
          <tbody>
            {props.staff.map((s) => (
              <tr>
                <td>
                  {s.name}
                  {s.id === props.me.id && <span class="muted"> (you)</span>}
                </td>
                <td>{s.email}</td>
                <td>
                  <form method="post" action={`/admin/staff/${s.id}/role`} class="inline-form">
                    <CsrfField token={csrfToken} />
                    <label class="visually-hidden" for={`role-${s.id}`}>
                      Role of {s.name}
                    </label>
                    <select id={`role-${s.id}`} name="role">
                      {ROLE_OPTIONS.map(([value, label]) => (
                        <option value={value} selected={value === s.role}>
                          {label}
                        </option>
                      ))}
                    </select>
                    <button type="submit" class="secondary">
                      Change
                    </button>
                  </form>
                </td>
                <td>
                  {s.authorId !== null && props.bylines.has(s.authorId) ? (
                    <a href={`/admin/authors/${s.authorId}`}>{props.bylines.get(s.authorId)}</a>
                  ) : (
                    <a class="muted" href="/admin/authors">
                      no byline
                    </a>
                  )}
                </td>
                <td>{day(s.createdAt)}</td>
                <td>
                  {s.disabledAt ? (
                    <form method="post" action={`/admin/staff/${s.id}/enable`} class="inline-form">
                      <CsrfField token={csrfToken} />
                      <span class="badge">Disabled {day(s.disabledAt)}</span>
                      <button type="submit" class="secondary">
                        Enable
                      </button>
                    </form>
                  ) : s.id === props.me.id ? (
                    <span class="muted">Active</span>
                  ) : (
                    <form
                      method="post"
                      action={`/admin/staff/${s.id}/disable`}
                      class="inline-form"
                      data-confirm={`Disable ${s.name}? They are signed out at once until enabled again.`}
                    >
                      <CsrfField token={csrfToken} />
                      <button type="submit" class="danger">
                        Disable
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
