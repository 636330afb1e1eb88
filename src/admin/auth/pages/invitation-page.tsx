// Accepting an invitation: the role and address it was sent for, and the name and password the person chooses.
import type { FieldErrors } from '../../../http/errors.js';
import { ROLE_LABELS } from '../../views/admin-layout.js';
import { ErrorSummary, Field } from '../../views/form.js';
import { NewPasswordFields } from './new-password-fields.js';

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
        <NewPasswordFields label="Password" errors={props.errors} />
        <button type="submit">Create my account</button>
      </form>
    </>
  );
}
