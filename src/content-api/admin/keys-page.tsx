// The newsroom's page of content API keys: the form to make one, the key just made (shown this once), and
// every key with its origins, its limit and a button to revoke it. Never the key itself after it is made.
import { CsrfField } from '../../admin/views/admin-layout.js';
import { ErrorSummary, Field } from '../../admin/views/form.js';
import { PostButton } from '../../admin/views/post-button.js';
import { StaffTime } from '../../admin/views/staff-time.js';
import type { FieldErrors } from '../../http/errors.js';
import type { KeyListing } from './manage-keys.js';

export interface KeyFormState {
  name: string;
  origins: string;
  ratePerMinute: string;
  errors?: FieldErrors;
  message?: string;
}

export function KeysPage(props: {
  csrfToken: string;
  keys: KeyListing[];
  form: KeyFormState;
  /** The key just made: the only time it is shown. */
  made?: { name: string; key: string };
}) {
  const { csrfToken, form } = props;
  return (
    <>
      <h1>Content API keys</h1>
      <p>
        Apps and other sites read published stories through the content API at{' '}
        <a href="/api/v1/docs">/api/v1</a>. Make one key for each, so that each can be limited or revoked on
        its own.
      </p>
      {props.made && (
        <div class="flash flash-ok" role="status">
          <p>
            The key for <strong>{props.made.name}</strong>. Copy it now: it is shown only this once, and we
            keep only a fingerprint of it.
          </p>
          <p>
            <code id="new-key">{props.made.key}</code>
          </p>
        </div>
      )}
      <section aria-labelledby="new-key-heading" class="panel">
        <h2 id="new-key-heading">New key</h2>
        <ErrorSummary
          message={form.message}
          errors={form.errors}
          labels={{ name: 'Name', origins: 'Allowed origins', ratePerMinute: 'Requests per minute' }}
        />
        <form method="post" action="/admin/api-keys">
          <CsrfField token={csrfToken} />
          <Field
            name="name"
            label="Name"
            value={form.name}
            errors={form.errors}
            required
            maxLength={80}
            hint="The app or site that will use it."
          />
          <Field
            name="origins"
            label="Allowed origins"
            value={form.origins}
            errors={form.errors}
            multiline
            hint="Web pages at these origins may read the API from a browser, one a line, such as https://app.example.org; * for any. Leave empty for apps and servers."
          />
          <Field
            name="ratePerMinute"
            label="Requests per minute"
            type="number"
            min={1}
            max={100000}
            value={form.ratePerMinute}
            errors={form.errors}
            required
          />
          <button type="submit">Make key</button>
        </form>
      </section>
      <section aria-labelledby="keys-heading">
        <h2 id="keys-heading">Keys</h2>
        {props.keys.length === 0 ? (
          <p class="muted">No keys yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key begins</th>
                <th scope="col">Allowed origins</th>
                <th scope="col">Per minute</th>
                <th scope="col">Made</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {props.keys.map((k) => (
                <tr>
                  <td>{k.name}</td>
                  <td>
                    <code>{k.prefix}…</code>
                  </td>
                  <td>
                    {k.allowedOrigins.length === 0 ? (
                      <span class="muted">none</span>
                    ) : (
                      k.allowedOrigins.join(', ')
                    )}
                  </td>
                  <td>{k.ratePerMinute}</td>
                  <td>
                    <StaffTime iso={k.createdAt} />
                  </td>
                  <td>
                    {k.revokedAt ? (
                      <span class="muted">
                        Revoked <StaffTime iso={k.revokedAt} />
                      </span>
                    ) : (
                      <PostButton
                        action={`/admin/api-keys/${k.id}/revoke`}
                        csrfToken={csrfToken}
                        kind="danger"
                        confirm={`Revoke the key "${k.name}"? Every app using it stops working at once.`}
                        label={`Revoke the key ${k.name}`}
                      >
                        Revoke
                      </PostButton>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
