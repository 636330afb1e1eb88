// How the newsroom takes gifts right now, said plainly: Stripe in test or live mode (and where Stripe must
// send its events), an external donation page, or nothing; and whether receipts carry the charity's details.
// Shown on the donations overview and the settings screens.
import type { PaymentsInEffect } from '../payment-choice.js';

const STRIPE_EVENTS =
  'checkout.session.completed, checkout.session.async_payment_succeeded, invoice.paid, ' +
  'invoice.payment_failed, customer.subscription.updated, customer.subscription.deleted, charge.refunded';

export function PaymentsStatus(props: { inEffect: PaymentsInEffect; webhookUrl: string }) {
  const { inEffect } = props;
  if (inEffect.mode === 'stripe') {
    const kind =
      inEffect.stripeKind === 'live'
        ? 'live mode: donations are real money'
        : inEffect.stripeKind === 'test'
          ? 'test mode: no real money moves'
          : 'the keys set in the environment';
    return (
      <p class="hint">
        Payments are taken through Stripe, in <strong>{kind}</strong>
        {inEffect.source === 'environment' && ' (set by STRIPE_SECRET_KEY, which wins over this screen)'}.
        Stripe must send its events to <code>{props.webhookUrl}</code> ({STRIPE_EVENTS}).
      </p>
    );
  }
  if (inEffect.mode === 'external') {
    return (
      <p class="hint">
        Readers give on your donation page at <code>{inEffect.externalUrl}</code>. The call-to-action and the
        support page link there; this site records no gifts.
      </p>
    );
  }
  return (
    <div class="flash flash-warning" role="status">
      <p>
        <strong>Reader revenue is off.</strong> No call-to-action is shown and the support page says online
        donations are not open yet. Choose Stripe or an external donation page under{' '}
        <a href="/admin/donations/payments">How readers give</a>.
      </p>
    </div>
  );
}

/** Receipts that go out without the charity's details: shown only while payments are taken here. */
export function ReceiptDetailsWarning(props: { configured: boolean; missing: string[] }) {
  if (!props.configured || props.missing.length === 0) return null;
  return (
    <div class="flash flash-warning" role="status">
      <p>
        <strong>Donation receipts are missing the charity’s details.</strong>
      </p>
      <ul>
        {props.missing.map((m) => (
          <li>{m}</li>
        ))}
      </ul>
      <p>
        Set them under <a href="/admin/donations/settings">Donation settings</a>, in Receipts.
      </p>
    </div>
  );
}
