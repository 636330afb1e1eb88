// The words and rights of an image as form fields, the same on upload and on edit: each error beside its
// field, prefixed with the field's name so it reads on its own, and every typed value put back.

import { Field } from '../../../admin/views/form.js';
import type { FieldErrors } from '../../../http/errors.js';
import type { DetailName, DetailValues } from '../detail-values.js';
import { RIGHTS, RIGHTS_LABELS } from '../rights.js';

export const FIELD_LABELS: Record<DetailName | 'file', string> = {
  file: 'Image file',
  altText: 'Alt text',
  caption: 'Caption',
  creditPerson: 'Credit: person',
  creditOrganization: 'Credit: organisation',
  rights: 'Usage rights',
  licenseUrl: 'Licence URL',
  licenseExpiresAt: 'Licence ends on',
  copyrightNotice: 'Copyright notice',
};

/** Domain messages say "is required…"; beside a field, and in the summary, they need the field's name. */
export function labelledErrors(errors: FieldErrors): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([name, message]) => {
      const label = FIELD_LABELS[name as DetailName | 'file'];
      // File messages are whole sentences already ("That file is 52 MB; …").
      return [name, label && /^(is|must) /.test(message) ? `${label} ${message}` : message];
    }),
  );
}

export function DetailsFields(props: { values: DetailValues; errors?: FieldErrors }) {
  const { values } = props;
  const errors = props.errors ?? {};
  const dateError = errors.licenseExpiresAt;
  return (
    <>
      <fieldset>
        <legend>Description</legend>
        <Field
          name="altText"
          label={FIELD_LABELS.altText}
          value={values.altText}
          errors={errors}
          multiline
          required
          maxLength={1000}
          hint="What the image shows, for readers who cannot see it. Required before an article using it can be published."
        />
        <Field
          name="caption"
          label={FIELD_LABELS.caption}
          value={values.caption}
          errors={errors}
          multiline
          maxLength={2000}
          hint="Shown under the image. An article may override it for one use."
        />
      </fieldset>
      <fieldset>
        <legend>Credit and rights</legend>
        <Field
          name="creditPerson"
          label={FIELD_LABELS.creditPerson}
          value={values.creditPerson}
          errors={errors}
          maxLength={200}
          hint="The photographer or artist. Licensed and agency images need a person or an organisation."
        />
        <Field
          name="creditOrganization"
          label={FIELD_LABELS.creditOrganization}
          value={values.creditOrganization}
          errors={errors}
          maxLength={200}
          hint="The agency, newsroom or archive."
        />
        <Field
          name="rights"
          label={FIELD_LABELS.rights}
          value={values.rights}
          errors={errors}
          required
          options={[['', 'Choose…'], ...RIGHTS.map((r): [string, string] => [r, RIGHTS_LABELS[r]])]}
        />
        <Field
          name="licenseUrl"
          label={FIELD_LABELS.licenseUrl}
          value={values.licenseUrl}
          errors={errors}
          type="url"
          maxLength={2000}
          hint="The licence or agreement, e.g. https://creativecommons.org/licenses/by/4.0/"
        />
        <div class="field">
          <label for="f-licenseExpiresAt">{FIELD_LABELS.licenseExpiresAt}</label>
          <input
            type="date"
            id="f-licenseExpiresAt"
            name="licenseExpiresAt"
            value={values.licenseExpiresAt}
            aria-describedby={`f-licenseExpiresAt-hint${dateError ? ' f-licenseExpiresAt-error' : ''}`}
            aria-invalid={dateError ? 'true' : undefined}
          />
          <p class="hint" id="f-licenseExpiresAt-hint">
            The first day the image may no longer be shown. Required for licensed images; for others, leave
            empty if the licence does not end. The library warns 30 days before.
          </p>
          {dateError && (
            <p class="field-error" id="f-licenseExpiresAt-error">
              {dateError}
            </p>
          )}
        </div>
        <Field
          name="copyrightNotice"
          label={FIELD_LABELS.copyrightNotice}
          value={values.copyrightNotice}
          errors={errors}
          maxLength={500}
          hint="As the owner wants it, e.g. © 2026 Jane Doe / Example Agency"
        />
      </fieldset>
    </>
  );
}
