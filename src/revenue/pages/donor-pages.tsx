// The pages a donor sees after the form: thank-you (what was received, only once the payment is confirmed;
// until then a page that checks again by itself), and the self-service pages behind an emailed link.
import type { ComponentChildren } from 'preact';
import type { SiteContext } from '../../site/site-context.js';
import { Layout } from '../../views/layout.js';
import type { ManagedDonor } from '../donor-links.js';
import { formatMoney, type Money } from '../money.js';

function DonorLayout(props: {
  ctx: SiteContext;
  title: string;
  refreshSeconds?: number;
  children: ComponentChildren;
}) {
  return (
    <Layout
      ctx={props.ctx}
      head={
        <>
          <title>{`${props.title} – ${props.ctx.settings.siteName}`}</title>
          <meta name="robots" content="noindex" />
          {/* A meta refresh is not script: the strict CSP allows it, and it works without JavaScript. */}
          {props.refreshSeconds && <meta http-equiv="refresh" content={String(props.refreshSeconds)} />}
        </>
      }
    >
      <div class="support-page">{props.children}</div>
    </Layout>
  );
}

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

export function RequestLinkPage(props: {
  ctx: SiteContext;
  sent?: boolean;
  email?: string;
  error?: string;
  problem?: string;
}) {
  return (
    <DonorLayout ctx={props.ctx} title="Manage your donation">
      <h1 class="page-title">Manage your donation</h1>
      {props.problem && (
        <p class="support-errors" role="alert">
          {props.problem}
        </p>
      )}
      {props.sent ? (
        <p role="status">
          If we have donations under that address, we have sent it a link. It works for 24 hours. Check your
          inbox (and the spam folder).
        </p>
      ) : (
        <>
          <p>Enter the email address you gave with your donation. We will send you a link to manage it.</p>
          <form method="post" action="/support/manage" class="support-form">
            <div class="support-field">
              <label for="manage-email">Your email</label>
              <input
                id="manage-email"
                name="email"
                type="email"
                required
                autocomplete="email"
                maxLength={254}
                value={props.email ?? ''}
                {...(props.error ? { 'aria-invalid': 'true', 'aria-describedby': 'manage-email-error' } : {})}
              />
              {props.error && (
                <p class="field-error" id="manage-email-error">
                  {props.error}
                </p>
              )}
            </div>
            <button type="submit" class="support-button">
              Email me a link
            </button>
          </form>
        </>
      )}
    </DonorLayout>
  );
}

const STATUS_WORDS: Record<string, string> = {
  active: 'Active',
  past_due: 'Payment failed – please update your card',
  unpaid: 'Unpaid',
  canceled: 'Cancelled',
  incomplete: 'Not yet confirmed',
  incomplete_expired: 'Never confirmed',
  paused: 'Paused',
  trialing: 'Active',
};

export function ManagePage(props: {
  ctx: SiteContext;
  token: string;
  managed: ManagedDonor;
  years: number[];
  /** What the donor just did, confirmed at the top of the page. */
  done?: string;
  error?: string;
}) {
  const { ctx, managed, token } = props;
  const lang = ctx.settings.language;
  const running = managed.recurring.filter(
    (r) => r.status !== 'canceled' && r.status !== 'incomplete_expired',
  );
  return (
    <DonorLayout ctx={ctx} title="Your donations">
      <h1 class="page-title">Your donations</h1>
      <p>Thank you{managed.donor.name ? `, ${managed.donor.name}` : ''}, for supporting our journalism.</p>
      {props.done && (
        <p class="support-received" role="status">
          {props.done}
        </p>
      )}
      {props.error && (
        <p class="support-errors" role="alert">
          {props.error}
        </p>
      )}
      <h2>Recurring donations</h2>
      {running.length === 0 ? (
        <p>You have no recurring donation running.</p>
      ) : (
        <>
          <p class="support-hint">
            On our payment provider’s secure page you can change the amount to one of our suggested amounts
            (from your next payment on), update your card, see your payments, or cancel. For an amount of your
            own, <a href={`/support?interval=${running[0]!.interval}`}>start a new donation</a> at that
            amount, then cancel this one.
          </p>
          <ul class="support-recurring">
            {running.map((r) => (
              <li>
                <strong>
                  {formatMoney(r, lang)} {r.interval === 'month' ? 'a month' : 'a year'}
                </strong>{' '}
                · {STATUS_WORDS[r.status] ?? r.status}
                <form method="post" action={`/support/manage/${token}/portal`} class="support-inline-form">
                  <input type="hidden" name="subscription" value={String(r.id)} />
                  <button type="submit">Change or cancel</button>
                </form>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>Yearly summary</h2>
      <form method="post" action={`/support/manage/${token}/summary`} class="support-form">
        <div class="support-field">
          <label for="summary-year">Year</label>
          <select id="summary-year" name="year">
            {props.years.map((y) => (
              <option value={String(y)}>{y}</option>
            ))}
          </select>
        </div>
        <button type="submit">Email me the summary</button>
      </form>
      <h2>Our list of supporters</h2>
      <form method="post" action={`/support/manage/${token}/listing`} class="support-form">
        <p>
          {managed.donor.publicListing
            ? `Your name (${managed.donor.name}) is on the list of supporters on our support page.`
            : 'Your name is not on the list of supporters on our support page.'}
        </p>
        <input type="hidden" name="listed" value={managed.donor.publicListing ? 'no' : 'yes'} />
        <button type="submit">
          {managed.donor.publicListing ? 'Take my name off the list' : 'Add my name to the list'}
        </button>
      </form>
    </DonorLayout>
  );
}
