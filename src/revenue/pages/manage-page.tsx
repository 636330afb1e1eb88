// The page a donor's link opens: their recurring donations (each with a way to the payment provider's portal),
// a yearly summary by email, and whether their name is on the public list of supporters.
import type { SiteContext } from '../../site/site-context.js';
import type { ManagedDonor } from '../donor-account.js';
import { formatMoney } from '../money.js';
import { DonorLayout } from './donor-layout.js';

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
