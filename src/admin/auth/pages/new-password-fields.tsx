// A new password typed twice, with the rule it must meet: shared by the reset, setup and invitation forms.
import type { FieldErrors } from '../../../http/errors.js';
import { Field } from '../../views/form.js';
import { MIN_PASSWORD_LENGTH } from '../passwords.js';

const PASSWORD_HINT = `At least ${MIN_PASSWORD_LENGTH} characters; a few unrelated words make a strong one.`;

/** `label` names the first field ("Password", "New password"); the second is the same "again". */
export function NewPasswordFields(props: { label: string; errors?: FieldErrors }) {
  return (
    <>
      <Field
        name="password"
        label={props.label}
        type="password"
        required
        autocomplete="new-password"
        hint={PASSWORD_HINT}
        errors={props.errors}
      />
      <Field
        name="confirm"
        label={`${props.label} again`}
        type="password"
        required
        autocomplete="new-password"
        errors={props.errors}
      />
    </>
  );
}
