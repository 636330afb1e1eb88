// The invitations not yet accepted, with who sent each, when it expires, and a button to withdraw it.
import { ROLE_LABELS } from '../views/admin-layout.js';
import { PostButton } from '../views/post-button.js';
import type { listPendingInvitations } from './invitations.js';
import { day } from './page-parts.js';

export function InvitationsTable(props: {
  csrfToken: string;
  invitations: Awaited<ReturnType<typeof listPendingInvitations>>;
}) {
  const { csrfToken } = props;
  return (
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
                <PostButton
                  action={`/admin/staff/invitations/${i.id}/withdraw`}
                  csrfToken={csrfToken}
                  kind="secondary"
                >
                  Withdraw
                </PostButton>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
