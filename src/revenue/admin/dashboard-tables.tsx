// The donations overview's tables: totals by period, campaigns' progress, the articles readers gave from, and
// new and lapsed donors. Bars are <meter>s: no inline style.

import { StaffDate } from '../../admin/views/staff-time.js';
import { articlePath } from '../../articles/model.js';
import type { CampaignWithProgress } from '../campaigns.js';
import type { Dashboard, Period } from '../reports.js';

type Money = (amount: number, currency?: string) => string;

export function PeriodTable(props: {
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

export function CampaignTable(props: { campaigns: CampaignWithProgress[]; money: Money }) {
  const { money } = props;
  if (props.campaigns.length === 0) return <p>No campaigns yet.</p>;
  return (
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
        {props.campaigns.map((c) => (
          <tr>
            <th scope="row">
              <a href={`/admin/donations/campaigns/${c.id}`}>{c.name}</a>
            </th>
            <td>
              <meter min={0} max={c.goal} value={Math.min(c.raised, c.goal)} /> {money(c.raised, c.currency)}
            </td>
            <td>{money(c.goal, c.currency)}</td>
            <td>{c.donors}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ArticleTable(props: { articles: Dashboard['topArticles']; money: Money }) {
  const { money } = props;
  if (props.articles.length === 0) return <p>No donations started from an article yet.</p>;
  return (
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
        {props.articles.map((a) => (
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
  );
}

export function DonorsMoving(props: { data: Dashboard }) {
  const { data } = props;
  return (
    <>
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
              {d.name || '(no name)'}{' '}
              <span class="muted">
                ended <StaffDate iso={d.endedAt} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
