// Campaign screens for admins: the list with each campaign's progress, and one form to add or edit a
// campaign (name, goal, first and last day, the call-to-action's heading and text while it runs).

import { CsrfField } from '../../admin/views/admin-layout.js';
import { ErrorSummary, Field } from '../../admin/views/form.js';
import type { FieldErrors } from '../../http/errors.js';
import { type CampaignInput, type CampaignWithProgress, campaignToInput } from '../campaigns.js';
import { formatMoney } from '../money.js';

const LABELS: Record<keyof CampaignInput, string> = {
  name: 'Name',
  goal: 'Goal',
  starts: 'First day',
  ends: 'Last day',
  ctaHeading: 'Call-to-action heading',
  ctaText: 'Call-to-action text',
};

export function CampaignForm(props: {
  action: string;
  csrfToken: string;
  values: CampaignInput;
  currency: string;
  errors?: FieldErrors;
  message?: string;
  submit: string;
}) {
  const { values, errors } = props;
  return (
    <form method="post" action={props.action} novalidate>
      <ErrorSummary message={props.message} errors={errors} labels={LABELS} />
      <CsrfField token={props.csrfToken} />
      <Field name="name" label={LABELS.name} value={values.name} errors={errors} required maxLength={120} />
      <Field
        name="goal"
        label={`${LABELS.goal} (${props.currency})`}
        value={values.goal}
        errors={errors}
        required
        hint="What the campaign hopes to raise, e.g. 5000."
      />
      <Field
        name="starts"
        label={LABELS.starts}
        value={values.starts}
        errors={errors}
        required
        hint="YYYY-MM-DD, in the site’s time zone."
      />
      <Field
        name="ends"
        label={LABELS.ends}
        value={values.ends}
        errors={errors}
        required
        hint="YYYY-MM-DD; the campaign runs to the end of this day."
      />
      <Field
        name="ctaHeading"
        label={LABELS.ctaHeading}
        value={values.ctaHeading}
        errors={errors}
        maxLength={120}
        hint="Leave empty to keep the usual heading."
      />
      <Field
        name="ctaText"
        label={LABELS.ctaText}
        value={values.ctaText}
        errors={errors}
        multiline
        maxLength={500}
        hint="Leave empty to keep the usual text."
      />
      <button type="submit">{props.submit}</button>
    </form>
  );
}

export function CampaignListPage(props: {
  campaigns: CampaignWithProgress[];
  csrfToken: string;
  currency: string;
  language: string;
  timeZone: string;
  draft: CampaignInput;
  errors?: FieldErrors;
  message?: string;
}) {
  const money = (amount: number, currency: string) => formatMoney({ amount, currency }, props.language);
  return (
    <>
      <h1>Campaigns</h1>
      <p>
        <a href="/admin/donations">← Donations</a>
      </p>
      {props.campaigns.length === 0 ? (
        <p>No campaigns yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Campaign</th>
              <th scope="col">Days</th>
              <th scope="col">Progress</th>
            </tr>
          </thead>
          <tbody>
            {props.campaigns.map((c) => (
              <tr>
                <th scope="row">
                  <a href={`/admin/donations/campaigns/${c.id}`}>{c.name}</a>
                </th>
                <td>
                  {/* First and last day in the site's time zone, as they were entered. */}
                  {campaignToInput(c, props.timeZone).starts} – {campaignToInput(c, props.timeZone).ends}
                </td>
                <td>
                  <meter min={0} max={c.goal} value={Math.min(c.raised, c.goal)} />{' '}
                  {money(c.raised, c.currency)} of {money(c.goal, c.currency)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section class="panel" aria-labelledby="new-campaign">
        <h2 id="new-campaign">New campaign</h2>
        <CampaignForm
          action="/admin/donations/campaigns"
          csrfToken={props.csrfToken}
          values={props.draft}
          currency={props.currency}
          errors={props.errors}
          message={props.message}
          submit="Add the campaign"
        />
      </section>
    </>
  );
}
