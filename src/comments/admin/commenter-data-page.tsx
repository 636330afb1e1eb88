// The admin's screen for a commenter's data: one address, and the choice to export or erase everything
// stored under it.
import { CsrfField } from '../../admin/views/admin-layout.js';
import { Field } from '../../admin/views/form.js';

export function CommenterDataPage(props: {
  email: string;
  error?: string;
  erased?: number;
  csrfToken: string;
}) {
  return (
    <>
      <h1>A commenter’s data</h1>
      <p>
        <a href="/admin/comments">← Comments</a>
      </p>
      <p>
        Everything stored under one email address: their comments (in every folder), their reply
        notifications, any ban, and the outbox’s copies of the mail sent to them about comments. Commenters
        can do this themselves from the link under the comment form.
      </p>
      {props.erased !== undefined && (
        <p class="flash flash-ok" role="status">
          Erased {props.erased} comment{props.erased === 1 ? '' : 's'} and everything else under that address.
        </p>
      )}
      <form method="post" action="/admin/comments/privacy" novalidate>
        <CsrfField token={props.csrfToken} />
        <Field
          name="email"
          label="Email address"
          type="email"
          value={props.email}
          errors={props.error ? { email: props.error } : undefined}
        />
        <div class="field">
          <input id="erase-confirm" type="checkbox" name="confirm" value="yes" />{' '}
          <label for="erase-confirm">I want to erase all of it (for “Erase”)</label>
        </div>
        <p class="actions">
          <button type="submit" name="do" value="export">
            Export (JSON)
          </button>{' '}
          <button type="submit" name="do" value="erase" class="danger">
            Erase everything
          </button>
        </p>
      </form>
    </>
  );
}
