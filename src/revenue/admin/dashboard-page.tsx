// The newsroom's donations screen: whether payments are open and receipts carry the charity's details, totals
// by day, month and campaign, recurring revenue, new and lapsed donors, and the articles readers gave from.
// Bars are <meter>s: no inline style.
import { articlePath } from '../../articles/model.js';
import { formatMoney } from '../money.js';
import type { Dashboard, Period } from '../reports.js';

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

function PeriodTable(props: {
  caption: string;
  periods: Period[];
  money: (n: number) => string;
  label: (key: string) => string;
}) {
  const top = Math.max(1, ...props.periods.map((p) => p.amount));
  return (
    <table>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Gifts</th>
          <th scope="col">Received, net of refunds</th>
        </tr>
      </thead>
      <tbody>
        {props.periods.map((p) => (
          <tr>
            <th scope="row">{props.label(p.key)}</th>
            <td>{p.gifts}</td>
            <td>
              <meter min={0} max={top} value={Math.max(0, p.amount)} /> {props.money(p.amount)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DashboardPage(props: {
  data: Dashboard;
  configured: boolean;
  /** What receipts lack (missingReceiptDetails). */
  missingReceiptDetails: string[];
  webhookUrl: string;
  language: string;
}) {
  const { data } = props;
  const money = (amount: number, currency = data.currency) =>
    formatMoney({ amount, currency }, props.language);
  const monthLabel = (key: string) =>
    new Intl.DateTimeFormat(props.language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${key}-15T00:00:00Z`),
    );
  const total30 = data.days.reduce((n, p) => n + p.amount, 0);
  return (
    <>
      <h1>Donations</h1>
      <PaymentsStatus configured={props.configured} webhookUrl={props.webhookUrl} />
      <ReceiptDetailsWarning configured={props.configured} missing={props.missingReceiptDetails} />
      <ul class="cards">
        <li>
          <a href="/admin/donations/donors">
            <strong>Donors</strong>
            <span class="muted">Search, and export as CSV</span>
          </a>
        </li>
        <li>
          <a href="/admin/donations/campaigns">
            <strong>Campaigns</strong>
            <span class="muted">Goals, dates and the call-to-action’s words</span>
          </a>
        </li>
        <li>
          <a href="/admin/donations/settings">
            <strong>Donation settings</strong>
            <span class="muted">Currency, amounts, receipts</span>
          </a>
        </li>
      </ul>
      <section class="panel" aria-labelledby="summary">
        <h2 id="summary">At a glance</h2>
        <dl>
          <dt>Received in the last 30 days</dt>
          <dd>{money(total30)}</dd>
          <dt>Recurring revenue</dt>
          <dd>
            {money(data.recurring.monthly)} a month from {data.recurring.running} recurring{' '}
            {data.recurring.running === 1 ? 'donation' : 'donations'}
          </dd>
          <dt>New donors in the last 30 days</dt>
          <dd>{data.newDonors.length}</dd>
          <dt>Lapsed donors in the last 30 days</dt>
          <dd>{data.lapsedDonors.length} (recurring donation ended, none other running)</dd>
        </dl>
        {data.otherCurrencyGifts > 0 && (
          <p class="hint">
            {data.otherCurrencyGifts} gifts in other currencies than {data.currency} are not in these totals;
            the CSV export has them.
          </p>
        )}
        <p>
          <a href="/admin/donations/donations.csv">Download all donations (CSV)</a> ·{' '}
          <a href="/admin/donations/donors.csv">Download all donors (CSV)</a>
        </p>
      </section>
      <section class="panel" aria-labelledby="campaigns">
        <h2 id="campaigns">By campaign</h2>
        {data.campaigns.length === 0 ? (
          <p>No campaigns yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Campaign</th>
                <th scope="col">Raised</th>
                <th scope="col">Goal</th>
                <th scope="col">Donors</th>
              </tr>
            </thead>
            <tbody>
              {data.campaigns.map((c) => (
                <tr>
                  <th scope="row">
                    <a href={`/admin/donations/campaigns/${c.id}`}>{c.name}</a>
                  </th>
                  <td>
                    <meter min={0} max={c.goal} value={Math.min(c.raised, c.goal)} />{' '}
                    {money(c.raised, c.currency)}
                  </td>
                  <td>{money(c.goal, c.currency)}</td>
                  <td>{c.donors}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section class="panel" aria-labelledby="articles">
        <h2 id="articles">Articles readers gave from (last 30 days)</h2>
        {data.topArticles.length === 0 ? (
          <p>No donations started from an article yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Article</th>
                <th scope="col">Donations started</th>
                <th scope="col">Completed</th>
                <th scope="col">Raised</th>
              </tr>
            </thead>
            <tbody>
              {data.topArticles.map((a) => (
                <tr>
                  <th scope="row">
                    <a href={articlePath(a.slug)}>{a.headline}</a>
                  </th>
                  <td>{a.started}</td>
                  <td>{a.completed}</td>
                  <td>{money(a.raised)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section class="panel" aria-labelledby="donors-moving">
        <h2 id="donors-moving">New and lapsed donors (last 30 days)</h2>
        <h3>New</h3>
        {data.newDonors.length === 0 ? (
          <p>None.</p>
        ) : (
          <ul>
            {data.newDonors.slice(0, 20).map((d) => (
              <li>{d.name || '(no name)'}</li>
            ))}
          </ul>
        )}
        <h3>Lapsed</h3>
        {data.lapsedDonors.length === 0 ? (
          <p>None.</p>
        ) : (
          <ul>
            {data.lapsedDonors.slice(0, 20).map((d) => (
              <li>
                {d.name || '(no name)'} <span class="muted">ended {d.endedAt.slice(0, 10)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="panel" aria-labelledby="by-day">
        <h2 id="by-day">By day and month</h2>
        <PeriodTable
          caption="The last 30 days"
          periods={[...data.days].reverse()}
          money={money}
          label={(k) => k}
        />
        <PeriodTable
          caption="The last 12 months"
          periods={[...data.months].reverse()}
          money={money}
          label={monthLabel}
        />
      </section>
    </>
  );
}
