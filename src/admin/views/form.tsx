// Form pieces shared by newsroom pages: a labelled field with its hint and its error next to it, wired for
// screen readers (aria-describedby, aria-invalid), and a summary of what to fix at the top of the form.
import type { ComponentChildren, JSX } from 'preact';
import type { FieldErrors } from '../../http/errors.js';

function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

interface FieldProps {
  name: string;
  label: string;
  value?: string;
  errors?: FieldErrors;
  hint?: ComponentChildren;
  type?: 'text' | 'email' | 'password' | 'url' | 'number';
  required?: boolean;
  autocomplete?: string;
  multiline?: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
  placeholder?: string;
  /** Options for a select: [value, label] pairs. */
  options?: Array<[string, string]>;
  list?: string;
}

export function Field(props: FieldProps) {
  const id = fieldId(props.name);
  const error = props.errors?.[props.name];
  const describedBy = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const common = {
    id,
    name: props.name,
    required: props.required,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': describedBy || undefined,
  };
  let control: ComponentChildren;
  if (props.options) {
    control = (
      <select {...common}>
        {props.options.map(([value, label]) => (
          <option value={value} selected={value === props.value}>
            {label}
          </option>
        ))}
      </select>
    );
  } else if (props.multiline) {
    control = <textarea {...common} maxLength={props.maxLength} value={props.value ?? ''} />;
  } else {
    // Preact's input types tie `list` to `type`; the combinations used here are all valid HTML.
    const attrs = {
      ...common,
      type: props.type ?? 'text',
      value: props.type === 'password' ? undefined : (props.value ?? ''),
      autocomplete: props.autocomplete,
      min: props.min,
      max: props.max,
      maxLength: props.maxLength,
      placeholder: props.placeholder,
      list: props.list,
    } as unknown as JSX.IntrinsicElements['input'];
    control = <input {...attrs} />;
  }
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {control}
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** Names the fields to fix, each linking to its input. */
export function ErrorSummary(props: {
  message?: string;
  errors?: FieldErrors;
  labels?: Record<string, string>;
}) {
  const entries = Object.entries(props.errors ?? {});
  if (!props.message && entries.length === 0) return null;
  return (
    <div class="flash flash-error" role="alert">
      <p>{props.message ?? 'Please correct the marked fields.'}</p>
      {entries.length > 0 && (
        <ul>
          {entries.map(([name, text]) => (
            <li>
              <a href={`#${fieldId(name)}`}>
                {props.labels?.[name] ? `${props.labels[name]}: ${text}` : text}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A string from a parsed form body, '' when absent or not a string. */
export function formText(body: unknown, name: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
}
