// The donation form: what is wrong with it (linked to each field), how often and how much, fee cover, the
// donor's name, email and dedication, and public listing. It posts to /support, which opens the payment page.
import type { FieldErrors } from '../../http/errors.js';
import type { DonationInterval } from '../../storage/schema.js';
import type { DonationForm } from '../donation-form.js';
import type { RevenueSettings } from '../settings.js';
import { AmountChoice } from './amount-choice.js';
import { TextField } from './form-fields.js';

function ErrorList(props: { message?: string; errors?: FieldErrors }) {
  const { errors } = props;
  if (!props.message && !errors) return null;
  return (
    <div class="support-errors" role="alert">
      <p>{props.message}</p>
      {errors && (
        <ul>
          {Object.entries(errors).map(([name, text]) => (
            <li>
              <a
                href={`#${name === 'amount' || name === 'interval' ? 'donation-amounts' : `donation-${name.replace('_', '-')}`}`}
              >
                {text}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function SupportForm(props: {
  settings: RevenueSettings;
  language: string;
  interval: DonationInterval;
  values: DonationForm;
  errors?: FieldErrors;
  message?: string;
}) {
  const { settings, values, errors } = props;
  return (
    <form method="post" action="/support" class="support-form">
      <ErrorList message={props.message} errors={errors} />
      {values.nonce && <input type="hidden" name="form_nonce" value={values.nonce} />}
      <AmountChoice
        settings={settings}
        language={props.language}
        interval={props.interval}
        values={values}
        errors={errors}
      />
      {settings.feeCoverPercent > 0 && (
        <label class="support-check">
          <input type="checkbox" name="cover_fee" value="yes" checked={values.coverFee} />
          <span>
            Add {settings.feeCoverPercent}% to cover the card processing fee, so all of my gift goes to
            journalism
          </span>
        </label>
      )}
      <TextField
        name="name"
        label="Your name"
        value={values.name}
        errors={errors}
        required
        autocomplete="name"
        maxLength={120}
      />
      <TextField
        name="email"
        label="Your email, for your receipt"
        type="email"
        value={values.email}
        errors={errors}
        required
        autocomplete="email"
        maxLength={254}
      />
      <TextField
        name="dedication"
        label="In honour of (optional)"
        value={values.dedication}
        errors={errors}
        maxLength={200}
      />
      <label class="support-check">
        <input type="checkbox" name="public_listing" value="yes" checked={values.publicListing} />
        <span>List my name publicly among our supporters</span>
      </label>
      <button type="submit" class="support-button">
        Continue to secure payment
      </button>
      <p class="support-hint">
        You pay on our payment provider’s secure page; nothing is charged before you confirm there.
      </p>
    </form>
  );
}
