// The settings page: every site setting in one form, grouped as settings-fields.ts groups them, each error
// beside its field and everything typed kept.
import type { FieldErrors } from '../../http/errors.js';
import { CsrfField } from '../views/admin-layout.js';
import { ErrorSummary, Field } from '../views/form.js';
import { SETTINGS_FIELDS, SETTINGS_GROUPS, type SettingsField } from './settings-fields.js';
import type { SettingsFormValues } from './settings-form.js';

function timeZones(current: string): Array<[string, string]> {
  const zones = new Set(Intl.supportedValuesOf('timeZone'));
  zones.add('UTC');
  // A typed zone that is not in the list stays selected, so its error can be read and nothing is lost.
  if (current) zones.add(current);
  return [...zones].sort().map((z) => [z, z.replaceAll('_', ' ')]);
}

function SettingsInput(props: { field: SettingsField; values: SettingsFormValues; errors?: FieldErrors }) {
  const { field, values, errors } = props;
  const common = {
    name: field.name,
    label: field.label,
    hint: field.hint,
    value: values[field.name],
    errors,
  };
  switch (field.kind) {
    case 'timezone':
      return <Field {...common} options={timeZones(values[field.name] ?? '')} />;
    case 'textarea':
    case 'lines':
      return <Field {...common} multiline maxLength={field.kind === 'textarea' ? 500 : undefined} />;
    case 'url':
      return <Field {...common} type="url" placeholder="https://" />;
    case 'number':
      return <Field {...common} type="number" min={0} />;
    default:
      return <Field {...common} maxLength={field.name === 'siteName' ? 120 : 200} />;
  }
}

export function SettingsPage(props: {
  csrfToken: string;
  values: SettingsFormValues;
  errors?: FieldErrors;
  message?: string;
}) {
  const labels = Object.fromEntries(SETTINGS_FIELDS.map((f) => [f.name, f.label]));
  return (
    <>
      <h1>Settings</h1>
      <p>
        <a href="/admin/settings/sections">Sections: add, rename and reorder →</a>
      </p>
      <p>
        <a href="/admin/import">Import from WordPress or Ghost →</a>
      </p>
      <ErrorSummary message={props.message} errors={props.errors} labels={labels} />
      <form method="post" action="/admin/settings" novalidate>
        <CsrfField token={props.csrfToken} />
        {SETTINGS_GROUPS.map((group) => (
          <fieldset class="panel">
            <legend>{group.legend}</legend>
            {group.fields.map((field) => (
              <SettingsInput field={field} values={props.values} errors={props.errors} />
            ))}
          </fieldset>
        ))}
        <button type="submit">Save the settings</button>
      </form>
    </>
  );
}
