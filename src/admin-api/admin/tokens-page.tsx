// The API tokens screen for admins: the form to make a token, the token itself once (never shown again),
// and every token with its scopes, whom it acts as, when it was last used and when it ends, each revocable.
import type { StaffListItem } from '../../admin/staff/staff.js';
import { CsrfField, ROLE_LABELS } from '../../admin/views/admin-layout.js';
import { ErrorSummary, Field } from '../../admin/views/form.js';
import { PostButton } from '../../admin/views/post-button.js';
import { StaffTime, useStaffZone } from '../../admin/views/staff-time.js';
import type { FieldErrors } from '../../http/errors.js';
import { API_SCOPES, SCOPE_LABELS } from '../scopes.js';
import type { ApiTokenSummary, NewTokenInput } from '../tokens.js';

export interface TokenForm {
  values: NewTokenInput;
  errors?: FieldErrors;
  message?: string;
}

export const BLANK_TOKEN_FORM: TokenForm = {
  values: { name: '', scopes: [], staffId: '', expiresAt: '' },
};

function NewToken(props: { name: string; token: string }) {
  return (
    <section class="panel" aria-labelledby="new-token-heading" role="status">
      <h2 id="new-token-heading">Your new token “{props.name}”</h2>
      <p>
        Copy it now: it is shown this once and cannot be shown again. Whoever has it acts as the staff member
        it names, within its scopes, until it is revoked or ends.
      </p>
      <p>
        <code class="api-token" data-testid="new-token">
          {props.token}
        </code>
      </p>
      <p class="hint">Send it as the header “Authorization: Bearer …” to /api/admin.</p>
    </section>
  );
}

function TokenRow(props: { token: ApiTokenSummary; csrfToken: string }) {
  const { token } = props;
  return (
    <tr>
      <td>{token.name}</td>
      <td>{token.scopes.join(', ')}</td>
      <td>{token.staff?.name ?? '—'}</td>
      <td>{token.lastUsedAt ? <StaffTime iso={token.lastUsedAt} /> : 'Never'}</td>
      <td>{token.expiresAt ? <StaffTime iso={token.expiresAt} /> : 'Never'}</td>
      <td>
        {token.revokedAt ? (
          <>
            Revoked <StaffTime iso={token.revokedAt} />
          </>
        ) : (
          <>
            Made <StaffTime iso={token.createdAt} />
            {token.createdBy ? ` by ${token.createdBy}` : ''}
          </>
        )}
      </td>
      <td class="actions">
        {!token.revokedAt && (
          <PostButton
            action={`/admin/api-tokens/${token.id}/revoke`}
            csrfToken={props.csrfToken}
            kind="danger"
            confirm={`Revoke “${token.name}”? Tools using it stop working at once.`}
          >
            Revoke
          </PostButton>
        )}
      </td>
    </tr>
  );
}

export function ApiTokensPage(props: {
  csrfToken: string;
  meId: number;
  tokens: ApiTokenSummary[];
  staff: StaffListItem[];
  form: TokenForm;
  created?: { name: string; token: string };
}) {
  const { form, csrfToken } = props;
  const zone = useStaffZone();
  const staffOptions: Array<[string, string]> = [
    ['', 'Me'],
    ...props.staff
      .filter((s) => !s.disabledAt && s.id !== props.meId)
      .map((s): [string, string] => [String(s.id), `${s.name} (${ROLE_LABELS[s.role]})`]),
  ];
  return (
    <>
      <h1>API tokens</h1>
      {props.created && <NewToken {...props.created} />}
      <section class="panel" aria-labelledby="make-heading">
        <h2 id="make-heading">Make a token</h2>
        <p class="hint">
          A token lets a tool or script use the admin API as one staff member. It can do only what that person
          may do, and only within the scopes chosen here.
        </p>
        <ErrorSummary message={form.message} errors={form.errors} />
        <form method="post" action="/admin/api-tokens" novalidate>
          <CsrfField token={csrfToken} />
          <Field
            name="name"
            label="Name"
            required
            maxLength={80}
            value={form.values.name}
            errors={form.errors}
            hint="The tool that will use it, such as “Zapier”. The article history shows it."
          />
          <fieldset id="f-scopes" aria-invalid={form.errors?.scopes ? 'true' : undefined}>
            <legend>Scopes</legend>
            {API_SCOPES.map((scope) => (
              <label class="checkbox">
                <input
                  type="checkbox"
                  name="scopes"
                  value={scope}
                  checked={form.values.scopes.includes(scope)}
                />{' '}
                <code>{scope}</code> · {SCOPE_LABELS[scope]}
              </label>
            ))}
            {form.errors?.scopes && <p class="field-error">{form.errors.scopes}</p>}
          </fieldset>
          <Field
            name="staffId"
            label="Acts as"
            options={staffOptions}
            value={form.values.staffId}
            errors={form.errors}
          />
          <Field
            name="expiresAt"
            label="Ends on (optional)"
            value={form.values.expiresAt}
            errors={form.errors}
            placeholder="2027-06-30"
            hint={`A date: the token ends as that day begins in the site’s time zone (${zone.timeZone}). Empty for a token that lasts until revoked.`}
          />
          <button type="submit">Make the token</button>
        </form>
      </section>
      <table>
        <caption>Tokens</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Scopes</th>
            <th scope="col">Acts as</th>
            <th scope="col">Last used</th>
            <th scope="col">Ends</th>
            <th scope="col">State</th>
            <th scope="col">
              <span class="muted">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.tokens.map((token) => (
            <TokenRow token={token} csrfToken={csrfToken} />
          ))}
        </tbody>
      </table>
    </>
  );
}
