// The donation settings form: currency and amounts, limits and fee cover, the charity details printed on
// receipts, and the call-to-action's default words and place in articles.

import { CsrfField } from '../../admin/views/admin-layout.js';
import { ErrorSummary, Field } from '../../admin/views/form.js';
import type { FieldErrors } from '../../http/errors.js';
import type { PaymentsInEffect } from '../payment-choice.js';
import { PaymentsStatus } from './payments-status.js';
import { FIELD_LABELS, type SettingsFormValues } from './settings-form.js';

export function RevenueSettingsPage(props: {
  csrfToken: string;
  values: SettingsFormValues;
  errors?: FieldErrors;
  message?: string;
  inEffect: PaymentsInEffect;
  webhookUrl: string;
}) {
  const { values, errors } = props;
  const f = (name: string, extra: Partial<Parameters<typeof Field>[0]> = {}) => (
    <Field name={name} label={FIELD_LABELS[name]!} value={values[name]} errors={errors} {...extra} />
  );
  return (
    <>
      <h1>Donation settings</h1>
      <p>
        <a href="/admin/donations">← Donations</a>
      </p>
      <PaymentsStatus inEffect={props.inEffect} webhookUrl={props.webhookUrl} />
      <ErrorSummary message={props.message} errors={errors} labels={FIELD_LABELS} />
      <form method="post" action="/admin/donations/settings" novalidate>
        <CsrfField token={props.csrfToken} />
        <fieldset class="panel">
          <legend>Amounts</legend>
          {f('currency', {
            hint: 'A three-letter code such as GBP, EUR or USD. Amounts below are in this currency.',
          })}
          {f('once_amounts', { hint: 'Up to six amounts, separated by commas, e.g. 10, 25, 50, 100.' })}
          {f('once_suggested', { hint: 'One of the amounts above; chosen when the form opens.' })}
          {f('month_amounts')}
          {f('month_suggested')}
          {f('year_amounts')}
          {f('year_suggested')}
          {f('minimum', { hint: 'Smaller gifts are mostly eaten by the card fee.' })}
          {f('maximum', { hint: 'Larger gifts are asked to contact you directly.' })}
          {f('fee_cover_percent', {
            hint: 'What a donor may add to cover the processing fee, in percent of the gift; 0 hides the offer.',
          })}
        </fieldset>
        <fieldset class="panel">
          <legend>Receipts</legend>
          {f('organisation_name', {
            hint: 'Printed on receipts; the publisher’s or site’s name when empty.',
            maxLength: 200,
          })}
          {f('registration_number', {
            hint: 'Printed on every receipt, as tax authorities expect.',
            maxLength: 100,
          })}
        </fieldset>
        <fieldset class="panel">
          <legend>Call-to-action</legend>
          {f('cta_heading', { maxLength: 120 })}
          {f('cta_text', { multiline: true, maxLength: 500 })}
          {f('cta_after_paragraph', {
            type: 'number',
            min: 0,
            max: 50,
            hint: 'In articles, after this many paragraphs (and again at the end); 0 shows it at the end only.',
          })}
        </fieldset>
        <button type="submit">Save the donation settings</button>
      </form>
    </>
  );
}
