// Everyone on the staff: name, email, role (changed in place), the byline each writes as, and a button to
// disable or enable the account (never one's own).
import type { StaffMember } from '../guardian.js';
import { CsrfField } from '../views/admin-layout.js';
import { PostButton } from '../views/post-button.js';
import { day, ROLE_OPTIONS } from './page-parts.js';
import type { StaffListItem } from './staff.js';

export function StaffTable(props: {
  me: StaffMember;
  csrfToken: string;
  staff: StaffListItem[];
  /** Author profile names by id: the byline each person writes as. */
  bylines: Map<number, string>;
}) {
  const { csrfToken } = props;
  return (
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
                  <PostButton
                    action={`/admin/staff/${s.id}/disable`}
                    csrfToken={csrfToken}
                    kind="danger"
                    confirm={`Disable ${s.name}? They are signed out at once until enabled again.`}
                  >
                    Disable
                  </PostButton>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
