// The campaign form, to add or edit a campaign: name, goal, first and last day, and the call-to-action's
// heading and text while it runs.
import { CsrfField } from '../../admin/views/admin-layout.js';
import { ErrorSummary, Field } from '../../admin/views/form.js';
import type { FieldErrors } from '../../http/errors.js';
import type { CampaignInput } from '../campaign-input.js';

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
