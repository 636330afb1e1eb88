// The donation form's fields and their errors: each message beside its field and tied to it for screen
// readers (aria-describedby), the field marked invalid.
import type { ComponentChildren, JSX } from 'preact';
import type { FieldErrors } from '../../http/errors.js';

export function FieldError(props: { name: string; errors?: FieldErrors }) {
  const error = props.errors?.[props.name];
  return error ? (
    <p class="field-error" id={`error-${props.name}`}>
      {error}
    </p>
  ) : null;
}

export function invalid(name: string, errors?: FieldErrors) {
  return errors?.[name] ? { 'aria-invalid': 'true' as const, 'aria-describedby': `error-${name}` } : {};
}

export function TextField(props: {
  name: 'name' | 'email' | 'dedication';
  label: ComponentChildren;
  value: string;
  errors?: FieldErrors;
  type?: 'text' | 'email';
  required?: boolean;
  autocomplete?: 'name' | 'email';
  maxLength: number;
}) {
  // Preact ties some input attributes to `type`; the combinations used here are all valid HTML.
  const attrs = {
    id: `donation-${props.name}`,
    name: props.name,
    type: props.type ?? 'text',
    value: props.value,
    required: props.required,
    autocomplete: props.autocomplete,
    maxLength: props.maxLength,
    ...invalid(props.name, props.errors),
  } as unknown as JSX.IntrinsicElements['input'];
  return (
    <div class="support-field">
      <label for={`donation-${props.name}`}>{props.label}</label>
      <input {...attrs} />
      <FieldError name={props.name} errors={props.errors} />
    </div>
  );
}
