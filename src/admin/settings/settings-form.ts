// Between the settings form and the SiteSettings document: the form's flat text values (kept exactly as
// typed for re-display), the document they describe, and validation messages placed on their field.
import type { FieldErrors } from '../../http/errors.js';
import type { SiteSettings } from '../../site/settings.js';
import { SETTINGS_FIELDS } from './settings-fields.js';

export type SettingsFormValues = Record<string, string>;

function get(doc: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as never)[key] : undefined), doc);
}

function set(doc: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let at = doc;
  for (const key of keys.slice(0, -1)) {
    at[key] ??= {};
    at = at[key] as Record<string, unknown>;
  }
  at[keys.at(-1)!] = value;
}

export function settingsToForm(settings: SiteSettings): SettingsFormValues {
  const values: SettingsFormValues = {};
  for (const field of SETTINGS_FIELDS) {
    const value = get(settings, field.name);
    values[field.name] = Array.isArray(value)
      ? value.join('\n')
      : value === null || value === undefined
        ? ''
        : String(value);
  }
  return values;
}

/** Only the known fields of a posted form, as typed. */
export function readSettingsForm(body: unknown): SettingsFormValues {
  const values: SettingsFormValues = {};
  for (const field of SETTINGS_FIELDS) {
    const raw = body && typeof body === 'object' ? (body as Record<string, unknown>)[field.name] : undefined;
    values[field.name] = typeof raw === 'string' ? raw : '';
  }
  return values;
}

/** The settings document the form describes, plus the errors found before the schema sees it. */
export function formToSettings(values: SettingsFormValues): {
  input: Record<string, unknown>;
  errors: FieldErrors;
} {
  const input: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  for (const field of SETTINGS_FIELDS) {
    const raw = values[field.name] ?? '';
    if (field.kind === 'lines') {
      set(
        input,
        field.name,
        raw
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean),
      );
    } else if (field.kind === 'number') {
      const text = raw.trim();
      if ((field.name === 'logoMediaId' || field.name === 'iconMediaId') && text === '')
        set(input, field.name, null);
      else if (/^\d{1,9}$/.test(text)) set(input, field.name, Number(text));
      else errors[field.name] = `${field.label} must be a whole number.`;
    } else {
      set(input, field.name, field.name.startsWith('app.') ? raw.trim() : raw);
    }
  }
  return { input, errors };
}

/**
 * The schema's messages, placed on the form's fields: "app.androidSha256Fingerprints.1" becomes a message
 * about line 2 of that field, and zod's generic wording gives way to the field's label and hint.
 */
export function formErrors(schemaErrors: FieldErrors): FieldErrors {
  const errors: FieldErrors = {};
  for (const [path, message] of Object.entries(schemaErrors)) {
    const match = /^(.*)\.(\d+)$/.exec(path);
    const name = match ? match[1]! : path;
    const field = SETTINGS_FIELDS.find((f) => f.name === name);
    if (!field) {
      errors[path] = message;
      continue;
    }
    const ownWords = /^[a-z]/.test(message);
    const text = ownWords
      ? message
      : field.kind === 'url' || name === 'publisher.sameAs'
        ? 'must be a web address starting with https://'
        : `is not valid${field.hint ? ` (${field.hint.replace(/\.$/, '')})` : ''}`;
    const line = match ? `Line ${Number(match[2]) + 1}: ` : `${field.label} `;
    errors[name] ??= `${line}${text}.`;
  }
  return errors;
}
