// The newsroom's donations overview: whether payments are open and receipts carry the charity's details, the
// totals at a glance, then by campaign, article, donor and period (the tables are in dashboard-tables.tsx).

import type { UnmatchedEvent } from '../ledger/event-queries.js';
import { formatMoney } from '../money.js';
import type { PaymentsInEffect } from '../payment-choice.js';
import type { Dashboard } from '../reports.js';
import { ArticleTable, CampaignTable, DonorsMoving, PeriodTable } from './dashboard-tables.js';
import { PaymentsStatus, ReceiptDetailsWarning } from './payments-status.js';
import { UnmatchedEvents } from './unmatched-events.js';

export function DashboardPage(props: {
  data: Dashboard;
  inEffect: PaymentsInEffect;
  /** What receipts lack (missingReceiptDetails). */
  missingReceiptDetails: string[];
  /** Signed Stripe events that matched nothing (kept for reconciliation). */
  unmatched: UnmatchedEvent[];
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
      <PaymentsStatus inEffect={props.inEffect} webhookUrl={props.webhookUrl} />
      <ReceiptDetailsWarning
        configured={props.inEffect.mode === 'stripe'}
        missing={props.missingReceiptDetails}
      />
      <UnmatchedEvents events={props.unmatched} />
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
        <li>
          <a href="/admin/donations/payments">
            <strong>How readers give</strong>
            <span class="muted">Stripe, an external donation page, or off</span>
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
        <CampaignTable campaigns={data.campaigns} money={money} />
      </section>
      <section class="panel" aria-labelledby="articles">
        <h2 id="articles">Articles readers gave from (last 30 days)</h2>
        <ArticleTable articles={data.topArticles} money={money} />
      </section>
      <section class="panel" aria-labelledby="donors-moving">
        <h2 id="donors-moving">New and lapsed donors (last 30 days)</h2>
        <DonorsMoving data={data} />
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
