// The password reset pages: asking for a link (answered the same whether or not the address is known), and
// choosing the new password with the link.
import type { FieldErrors } from '../../../http/errors.js';
import { ErrorSummary, Field } from '../../views/form.js';
import { NewPasswordFields } from './new-password-fields.js';

export function ResetRequestPage(props: { sent: boolean; email: string }) {
  return (
    <>
      <h1>Reset your password</h1>
      {props.sent ? (
        <p class="flash flash-ok" role="status">
          If that address belongs to a newsroom account, we have sent it a link to choose a new password. The
          link works for one hour. Check your spam folder if nothing arrives in a few minutes.
        </p>
      ) : (
        <p>
          Enter the email address of your newsroom account and we will send you a link to choose a new
          password.
        </p>
      )}
      <form method="post" action="/admin/password-reset" class="panel">
        <Field name="email" label="Email" type="email" value={props.email} required autocomplete="username" />
        <button type="submit">{props.sent ? 'Send again' : 'Send the link'}</button>
      </form>
      <p>
        <a href="/admin/sign-in">Back to sign in</a>
      </p>
    </>
  );
}

export function ResetPage(props: { token: string; errors?: FieldErrors; message?: string }) {
  return (
    <>
      <h1>Choose a new password</h1>
      <ErrorSummary message={props.message} errors={props.errors} />
      <form method="post" action={`/admin/password-reset/${props.token}`} class="panel" novalidate>
        <NewPasswordFields label="New password" errors={props.errors} />
        <button type="submit">Save the new password</button>
      </form>
      <p class="hint">Saving it signs you out on every device; then sign in with the new password.</p>
    </>
  );
}
