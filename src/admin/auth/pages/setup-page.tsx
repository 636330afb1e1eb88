// The first-admin setup form, reached by the one-time link printed at the first start.
import type { FieldErrors } from '../../../http/errors.js';
import { ErrorSummary, Field } from '../../views/form.js';
import { NewPasswordFields } from './new-password-fields.js';

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
        <NewPasswordFields label="Password" errors={props.errors} />
        <button type="submit">Create the admin account</button>
      </form>
    </>
  );
}
