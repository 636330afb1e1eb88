// The sign-in form: the email kept when a sign-in is refused, never the password.
import type { FieldErrors } from '../../../http/errors.js';
import { ErrorSummary, Field } from '../../views/form.js';

export function SignInPage(props: { email: string; next: string; message?: string; errors?: FieldErrors }) {
  return (
    <>
      <h1>Sign in to the newsroom</h1>
      <ErrorSummary message={props.message} />
      <form method="post" action="/admin/sign-in" class="panel" novalidate>
        <input type="hidden" name="next" value={props.next} />
        <Field
          name="email"
          label="Email"
          type="email"
          value={props.email}
          required
          autocomplete="username"
          errors={props.errors}
        />
        <Field
          name="password"
          label="Password"
          type="password"
          required
          autocomplete="current-password"
          errors={props.errors}
        />
        <button type="submit">Sign in</button>
      </form>
      <p>
        <a href="/admin/password-reset">Forgot your password?</a>
      </p>
    </>
  );
}
