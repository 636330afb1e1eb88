// Whether the newsroom can take donations: payments configured (and where Stripe must send its events), and
// whether receipts carry the charity's details. Shown on the donations overview and the settings screen.

export function PaymentsStatus(props: { configured: boolean; webhookUrl: string }) {
  if (props.configured) {
    return (
      <p class="hint">
        Payments are taken through Stripe. Stripe must send its events to <code>{props.webhookUrl}</code>{' '}
        (checkout.session.completed, checkout.session.async_payment_succeeded, invoice.paid,
        invoice.payment_failed, customer.subscription.updated, customer.subscription.deleted,
        charge.refunded).
      </p>
    );
  }
  return (
    <div class="flash flash-error" role="status">
      <p>
        <strong>Payments are not configured.</strong> Readers see the support page, but without a donation
        form: it says online donations are not open yet. Set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET and
        restart to take donations; then point Stripe's webhook at <code>{props.webhookUrl}</code>.
      </p>
    </div>
  );
}

/** Receipts that go out without the charity's details: shown only while payments are taken. */
export function ReceiptDetailsWarning(props: { configured: boolean; missing: string[] }) {
  if (!props.configured || props.missing.length === 0) return null;
  return (
    <div class="flash flash-error" role="status">
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
