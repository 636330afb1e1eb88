// The thank-you page: what was received, only once the payment is confirmed; until then a page that checks
// again by itself, or says why there is nothing to show (a bank payment clearing, a payment page closed).
import type { SiteContext } from '../../site/site-context.js';
import { formatMoney, type Money } from '../money.js';
import { DonorLayout } from './donor-layout.js';

export interface ReceivedDonation extends Money {
  interval: 'once' | 'month' | 'year';
  dedication: string;
  donorName: string;
  receiptNumber: string;
}

/** Why a thank-you page has nothing to show yet. */
export type PendingPayment = 'confirming' | 'clearing' | 'expired';

export function ThankYouPage(props: {
  ctx: SiteContext;
  received: ReceivedDonation | null;
  pending?: PendingPayment;
}) {
  const { ctx, received } = props;
  if (!received && props.pending === 'expired') {
    return (
      <DonorLayout ctx={ctx} title="Donation not completed">
        <h1 class="page-title">Your donation was not completed</h1>
        <p role="status">The payment page closed before the payment was made. Nothing was charged.</p>
        <p>
          <a href="/support">Start again</a>
        </p>
      </DonorLayout>
    );
  }
  if (!received && props.pending === 'clearing') {
    // Bank debits and transfers take days to clear: checking every few seconds would only load Stripe.
    return (
      <DonorLayout ctx={ctx} title="Donation on its way">
        <h1 class="page-title">Thank you – your payment is on its way</h1>
        <p role="status">
          Your bank is still processing the payment. We will email your receipt as soon as it has cleared.
        </p>
        <p>
          <a href="/">Back to the news</a>
        </p>
      </DonorLayout>
    );
  }
  if (!received) {
    return (
      <DonorLayout ctx={ctx} title="Confirming your donation" refreshSeconds={5}>
        <h1 class="page-title">Confirming your donation…</h1>
        <p role="status">
          We are waiting for our payment provider to confirm your payment. This page checks again every few
          seconds.
        </p>
        <p class="support-hint">If you closed the payment page without paying, nothing was charged.</p>
      </DonorLayout>
    );
  }
  const amount = formatMoney(received, ctx.settings.language);
  const per = { once: '', month: ' every month', year: ' every year' }[received.interval];
  return (
    <DonorLayout ctx={ctx} title="Thank you">
      <h1 class="page-title">Thank you{received.donorName ? `, ${received.donorName}` : ''}!</h1>
      <p class="support-received" role="status">
        We received your donation of <strong>{amount}</strong>
        {per}.
      </p>
      {received.dedication && <p>Given in honour of {received.dedication}.</p>}
      <p>
        Your receipt ({received.receiptNumber}) is on its way to your inbox.
        {received.interval !== 'once' && ' You can change or cancel your recurring donation at any time.'}
      </p>
      <p>
        <a href="/">Back to the news</a>
      </p>
    </DonorLayout>
  );
}
