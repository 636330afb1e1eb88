// The "How readers give" screen: off, an external donation page, or Stripe with keys typed here (sealed with
// the app secret; never shown again, only whether they are test or live), and the webhook steps for Stripe.
import { CsrfField } from '../../admin/views/admin-layout.js';
import { ErrorSummary, Field } from '../../admin/views/form.js';
import type { FieldErrors } from '../../http/errors.js';
import type { PaymentsInEffect } from '../payment-choice.js';
import { PaymentsStatus } from './payments-status.js';

export const PAYMENT_FIELD_LABELS: Record<string, string> = {
  mode: 'How readers give',
  external_url: 'Donation page address',
  stripe_secret_key: 'Stripe secret key',
  stripe_webhook_secret: 'Stripe webhook signing secret',
};

export function PaymentsPage(props: {
  csrfToken: string;
  inEffect: PaymentsInEffect;
  mode: string;
  externalUrl: string;
  storedKeys: boolean;
  webhookUrl: string;
  errors?: FieldErrors;
  message?: string;
}) {
  const { errors } = props;
  return (
    <>
      <h1>How readers give</h1>
      <p>
        <a href="/admin/donations">← Donations</a>
      </p>
      <PaymentsStatus inEffect={props.inEffect} webhookUrl={props.webhookUrl} />
      <ErrorSummary message={props.message} errors={errors} labels={PAYMENT_FIELD_LABELS} />
      <form method="post" action="/admin/donations/payments" novalidate>
        <CsrfField token={props.csrfToken} />
        <fieldset class="panel">
          <legend>Mode</legend>
          <Field
            name="mode"
            label={PAYMENT_FIELD_LABELS.mode!}
            value={props.mode}
            errors={errors}
            options={[
              ['off', 'Off: no call-to-action, no donations'],
              ['external', 'An external donation page'],
              ['stripe', 'Stripe: donations on this site’s support page'],
            ]}
          />
          <Field
            name="external_url"
            label={PAYMENT_FIELD_LABELS.external_url!}
            type="url"
            value={props.externalUrl}
            errors={errors}
            hint="For the external mode: the https:// page where your readers give (a fundraising platform, your charity’s site)."
          />
        </fieldset>
        <fieldset class="panel">
          <legend>Stripe</legend>
          <p class="hint">
            {props.storedKeys
              ? 'Keys are stored, sealed with the app secret. Leave the fields empty to keep them.'
              : 'No keys are stored yet.'}{' '}
            A key starting sk_test_ takes no real money; sk_live_ does.
          </p>
          <ol class="hint">
            <li>In Stripe’s dashboard, Developers → API keys: copy the secret key into the field below.</li>
            <li>
              Developers → Webhooks → Add endpoint: the address <code>{props.webhookUrl}</code>, with the
              events checkout.session.completed, checkout.session.async_payment_succeeded, invoice.paid,
              invoice.payment_failed, customer.subscription.updated, customer.subscription.deleted and
              charge.refunded.
            </li>
            <li>Reveal the endpoint’s signing secret (whsec_…) and copy it into the second field.</li>
          </ol>
          <Field
            name="stripe_secret_key"
            label={PAYMENT_FIELD_LABELS.stripe_secret_key!}
            type="password"
            autocomplete="off"
            errors={errors}
          />
          <Field
            name="stripe_webhook_secret"
            label={PAYMENT_FIELD_LABELS.stripe_webhook_secret!}
            type="password"
            autocomplete="off"
            errors={errors}
          />
        </fieldset>
        <button type="submit">Save how readers give</button>
      </form>
    </>
  );
}
