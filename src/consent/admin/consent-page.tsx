// The newsroom's third-party tags screen (admins): an ID per known vendor, one custom script with the hosts
// it needs, and what readers will be asked. With nothing filled in, readers see no consent dialog at all.
import { CsrfField } from '../../admin/views/admin-layout.js';
import { ErrorSummary, Field } from '../../admin/views/form.js';
import type { FieldErrors } from '../../http/errors.js';
import { PRIVACY_PATH } from '../shell.js';
import { VENDORS } from '../vendors.js';
import { type ConsentFormValues, FIELD_LABELS } from './consent-form.js';

export const CONSENT_ADMIN_PATH = '/admin/consent';

const PURPOSE_OPTIONS: Array<[string, string]> = [
  ['statistics', 'Statistics (counting visits)'],
  ['marketing', 'Marketing (advertising, retargeting)'],
];

export function ConsentPage(props: {
  values: ConsentFormValues;
  errors?: FieldErrors;
  message?: string;
  csrfToken: string;
}) {
  const { values, errors } = props;
  const f = (name: keyof ConsentFormValues, extra: Partial<Parameters<typeof Field>[0]> = {}) => (
    <Field name={name} label={FIELD_LABELS[name]} value={values[name]} errors={errors} {...extra} />
  );
  return (
    <>
      <h1>Third-party tags and consent</h1>
      <p>
        The site counts its readers itself, without cookies, and needs no consent for that. A tag below sends
        readers’ visits to another company: once one is set, every reader is asked first (Accept and Reject
        side by side, by purpose), nothing of it loads before they accept or without JavaScript, and the{' '}
        <a href={PRIVACY_PATH}>privacy page</a> lists it. Changing the tags asks every reader again.
      </p>
      <ErrorSummary message={props.message} errors={errors} labels={{ ...FIELD_LABELS, form: 'Form' }} />
      <form method="post" action={CONSENT_ADMIN_PATH} novalidate>
        <CsrfField token={props.csrfToken} />
        <fieldset class="panel">
          <legend>Tags by ID</legend>
          {f('meta', { hint: `Marketing. ${VENDORS.meta.idHint}. Leave empty to remove.` })}
          {f('ga4', { hint: `Statistics. ${VENDORS.ga4.idHint}.` })}
          {f('gtm', { hint: `${VENDORS.gtm.idHint}. The container loads whatever tags you put in it.` })}
          {f('gtmPurpose', { options: PURPOSE_OPTIONS })}
          {f('x', { hint: `Marketing. ${VENDORS.x.idHint}.` })}
        </fieldset>
        <fieldset class="panel">
          <legend>Custom script</legend>
          <p>
            Runs on every reader page with this site’s rights, once a reader accepts its purpose. It is served
            from this site; it may load from or send to only the hosts named here.
          </p>
          {f('customName', { hint: 'As readers will see it in the dialog and on the privacy page.' })}
          {f('customSource', {
            multiline: true,
            maxLength: 20000,
            hint: 'JavaScript only, without <script> tags. Leave empty to remove the custom script.',
          })}
          {f('customHosts', {
            multiline: true,
            hint: 'One https origin per line, e.g. https://cdn.example.com or https://*.example.com.',
          })}
          {f('customPurpose', { options: PURPOSE_OPTIONS })}
          {f('customPolicy', { type: 'url', hint: 'https://…' })}
        </fieldset>
        <p>
          <button type="submit">Save tags</button>
        </p>
      </form>
    </>
  );
}
