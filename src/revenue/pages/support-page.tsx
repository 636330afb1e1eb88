// The /support page: why to give, the campaign's progress, and the donation form (how often, how much,
// fee cover, dedication, name, email, public listing). Works without JavaScript: the interval is chosen
// with links, so each interval shows its own suggested amounts. Without payments configured, no form.
import type { ComponentChildren, JSX } from 'preact';
import type { FieldErrors } from '../../http/errors.js';
import type { SiteContext } from '../../site/site-context.js';
import type { DonationInterval } from '../../storage/schema.js';
import { Layout } from '../../views/layout.js';
import type { DonationForm } from '../checkout.js';
import { CampaignProgress, type CtaState } from '../cta.js';
import { formatMoney } from '../money.js';

const INTERVAL_TABS: Array<[DonationInterval, string]> = [
  ['once', 'Give once'],
  ['month', 'Monthly'],
  ['year', 'Yearly'],
];
const PER = { once: '', month: ' a month', year: ' a year' } as const;

export interface SupportPageProps {
  ctx: SiteContext;
  state: CtaState;
  configured: boolean;
  interval: DonationInterval;
  values: DonationForm;
  supporters: string[];
  errors?: FieldErrors;
  message?: string;
}

function FieldError(props: { name: string; errors?: FieldErrors }) {
  const error = props.errors?.[props.name];
  return error ? (
    <p class="field-error" id={`error-${props.name}`}>
      {error}
    </p>
  ) : null;
}

function invalid(name: string, errors?: FieldErrors) {
  return errors?.[name] ? { 'aria-invalid': 'true' as const, 'aria-describedby': `error-${name}` } : {};
}

function TextField(props: {
  name: 'name' | 'email' | 'dedication';
  label: ComponentChildren;
  value: string;
  errors?: FieldErrors;
  type?: 'text' | 'email';
  required?: boolean;
  autocomplete?: 'name' | 'email';
  maxLength: number;
}) {
  // Preact ties some input attributes to `type`; the combinations used here are all valid HTML.
  const attrs = {
    id: `donation-${props.name}`,
    name: props.name,
    type: props.type ?? 'text',
    value: props.value,
    required: props.required,
    autocomplete: props.autocomplete,
    maxLength: props.maxLength,
    ...invalid(props.name, props.errors),
  } as unknown as JSX.IntrinsicElements['input'];
  return (
    <div class="support-field">
      <label for={`donation-${props.name}`}>{props.label}</label>
      <input {...attrs} />
      <FieldError name={props.name} errors={props.errors} />
    </div>
  );
}

function DonationFormView(props: SupportPageProps) {
  const { state, interval, values, errors } = props;
  const { settings } = state;
  const lang = props.ctx.settings.language;
  const money = (amount: number) => formatMoney({ amount, currency: settings.currency }, lang);
  const presets = settings.presets[interval];
  const chosen = values.amount || String(presets.suggested);
  const from = values.from ? `&from=${encodeURIComponent(values.from)}` : '';
  return (
    <form method="post" action="/support" class="support-form">
      {(props.message || errors) && (
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
      )}
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

export function SupportPage(props: SupportPageProps) {
  const { ctx, state } = props;
  const heading = state.campaign?.ctaHeading || state.settings.ctaHeading;
  const text = state.campaign?.ctaText || state.settings.ctaText;
  const title = `${heading} – ${ctx.settings.siteName}`;
  return (
    <Layout
      ctx={ctx}
      head={
        <>
          <title>{title}</title>
          {text && <meta name="description" content={text} />}
          <link rel="canonical" href={`${ctx.baseUrl}/support`} />
        </>
      }
    >
      <div class="support-page">
        <h1 class="page-title">{heading}</h1>
        {text && <p class="page-intro">{text}</p>}
        {state.campaign && (
          <CampaignProgress
            campaign={state.campaign}
            language={ctx.settings.language}
            id="support-progress"
          />
        )}
        {props.configured ? (
          <DonationFormView {...props} />
        ) : (
          <p class="support-closed">
            Online donations are not open yet. Thank you for wanting to support us.
          </p>
        )}
        <p class="support-hint">
          Already giving? <a href="/support/manage">Change a recurring donation or get a yearly summary</a>.
        </p>
        {props.supporters.length > 0 && (
          <section aria-labelledby="supporters">
            <h2 id="supporters">Thank you to our supporters</h2>
            <ul class="supporters">
              {props.supporters.map((name) => (
                <li>{name}</li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </Layout>
  );
}
