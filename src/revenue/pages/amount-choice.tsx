// How often and how much: the interval as links (each interval shows its own suggested amounts, without
// JavaScript), the suggested amounts as radio buttons, and a field for the reader's own amount.
import type { FieldErrors } from '../../http/errors.js';
import type { DonationInterval } from '../../storage/schema.js';
import type { DonationForm } from '../donation-form.js';
import { formatMoney } from '../money.js';
import type { RevenueSettings } from '../settings.js';
import { FieldError, invalid } from './form-fields.js';

const INTERVAL_TABS: Array<[DonationInterval, string]> = [
  ['once', 'Give once'],
  ['month', 'Monthly'],
  ['year', 'Yearly'],
];
const PER = { once: '', month: ' a month', year: ' a year' } as const;

export function AmountChoice(props: {
  settings: RevenueSettings;
  language: string;
  interval: DonationInterval;
  values: DonationForm;
  errors?: FieldErrors;
}) {
  const { settings, interval, values, errors } = props;
  const money = (amount: number) => formatMoney({ amount, currency: settings.currency }, props.language);
  const presets = settings.presets[interval];
  const chosen = values.amount || String(presets.suggested);
  const from = values.from ? `&from=${encodeURIComponent(values.from)}` : '';
  return (
    <>
      <nav class="support-intervals" aria-label="How often">
        {INTERVAL_TABS.map(([value, label]) => (
          <a
            href={`/support?interval=${value}${from}`}
            aria-current={value === interval ? 'page' : undefined}
          >
            {label}
          </a>
        ))}
      </nav>
      <input type="hidden" name="interval" value={interval} />
      <input type="hidden" name="from" value={values.from} />
      <fieldset class="support-amounts" id="donation-amounts" {...invalid('amount', errors)}>
        <legend>
          Amount{interval === 'once' ? '' : interval === 'month' ? ' each month' : ' each year'}
        </legend>
        <FieldError name="interval" errors={errors} />
        <FieldError name="amount" errors={errors} />
        {presets.amounts.map((amount) => (
          <label class="support-amount">
            <input type="radio" name="amount" value={String(amount)} checked={chosen === String(amount)} />
            <span>
              {money(amount)}
              {PER[interval]}
              {amount === presets.suggested && <em> · suggested</em>}
            </span>
          </label>
        ))}
        <label class="support-amount">
          <input type="radio" name="amount" value="other" checked={chosen === 'other'} />
          <span>Another amount</span>
        </label>
        <div class="support-field support-other">
          <label for="donation-other-amount">Your amount in {settings.currency}</label>
          <input
            id="donation-other-amount"
            name="other_amount"
            inputmode="decimal"
            autocomplete="transaction-amount"
            value={values.otherAmount}
            maxLength={14}
            {...invalid('other_amount', errors)}
          />
          <FieldError name="other_amount" errors={errors} />
          <p class="support-hint">From {money(settings.minimumAmount)}.</p>
        </div>
      </fieldset>
    </>
  );
}
