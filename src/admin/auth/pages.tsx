// The pages of signing in and getting in: sign-in, password reset, first-admin setup and accepting an
// invitation. Each keeps what the person typed (except passwords) and shows errors next to their fields.
import type { FieldErrors } from '../../http/errors.js';
import { ROLE_LABELS } from '../views/admin-layout.js';
import { ErrorSummary, Field } from '../views/form.js';
import { MIN_PASSWORD_LENGTH } from './passwords.js';

const PASSWORD_HINT = `At least ${MIN_PASSWORD_LENGTH} characters; a few unrelated words make a strong one.`;

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
        <Field
          name="password"
          label="New password"
          type="password"
          required
          autocomplete="new-password"
          hint={PASSWORD_HINT}
          errors={props.errors}
        />
        <Field
          name="confirm"
          label="New password again"
          type="password"
          required
          autocomplete="new-password"
          errors={props.errors}
        />
        <button type="submit">Save the new password</button>
      </form>
      <p class="hint">Saving it signs you out on every device; then sign in with the new password.</p>
    </>
  );
}

export function SetupPage(props: {
  token: string;
  values: { email: string; name: string };
  errors?: FieldErrors;
  message?: string;
}) {
  return (
    <>
      <h1>Set up your newsroom</h1>
      <p>Create the first admin account. This link works once; after that, admins invite everyone else.</p>
      <ErrorSummary message={props.message} errors={props.errors} />
      <form method="post" action={`/admin/setup/${props.token}`} class="panel" novalidate>
        <Field
          name="name"
          label="Your name"
          value={props.values.name}
          required
          autocomplete="name"
          errors={props.errors}
        />
        <Field
          name="email"
          label="Email"
          type="email"
          value={props.values.email}
          required
          autocomplete="username"
          errors={props.errors}
        />
        <Field
          name="password"
          label="Password"
          type="password"
          required
          autocomplete="new-password"
          hint={PASSWORD_HINT}
          errors={props.errors}
        />
        <Field
          name="confirm"
          label="Password again"
          type="password"
          required
          autocomplete="new-password"
          errors={props.errors}
        />
        <button type="submit">Create the admin account</button>
      </form>
    </>
  );
}

export function InvitationPage(props: {
  token: string;
  email: string;
  role: keyof typeof ROLE_LABELS;
  name: string;
  errors?: FieldErrors;
  message?: string;
}) {
  return (
    <>
      <h1>Join the newsroom</h1>
      <p>
        You are invited as <strong>{ROLE_LABELS[props.role]}</strong> with the email address{' '}
        <strong>{props.email}</strong>. Choose the name your colleagues will see and a password.
      </p>
      <ErrorSummary message={props.message} errors={props.errors} />
      <form method="post" action={`/admin/invitations/${props.token}`} class="panel" novalidate>
        <input type="email" name="username" value={props.email} autocomplete="username" hidden readOnly />
        <Field
          name="name"
          label="Your name"
          value={props.name}
          required
          autocomplete="name"
          errors={props.errors}
        />
        <Field
          name="password"
          label="Password"
          type="password"
          required
          autocomplete="new-password"
          hint={PASSWORD_HINT}
          errors={props.errors}
        />
        <Field
          name="confirm"
          label="Password again"
          type="password"
          required
          autocomplete="new-password"
          errors={props.errors}
        />
        <button type="submit">Create my account</button>
      </form>
    </>
  );
}

export function LinkGonePage(props: { message: string }) {
  return (
    <>
      <h1>This link does not work any more</h1>
      <p>{props.message}</p>
      <p>
        <a href="/admin/sign-in">Sign in</a> · <a href="/admin/password-reset">Reset your password</a>
      </p>
    </>
  );
}
