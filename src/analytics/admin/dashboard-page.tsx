// /admin/analytics: the last 30 minutes, the period's totals, its trend (a chart with its table), and the
// tables of articles, sources, campaigns, sections, authors and devices, each exportable as CSV.

import { StaffTime } from '../../admin/views/staff-time.js';
import type { DashboardData } from '../dashboard.js';
import { LIVE_MINUTES } from '../dashboard.js';
import { PRESETS } from '../dashboard-range.js';
import { duration, percent, perView, TABLES, type TableDefinition, trendRows } from './tables.js';
import { TrendChart } from './trend-chart.js';

const PRESET_LABELS: Record<(typeof PRESETS)[number], string> = {
  today: 'Today',
  '7d': '7 days',
  '30d': '30 days',
  '90d': '90 days',
};

function DataTable<Row>(props: { table: TableDefinition<Row>; data: DashboardData; caption?: boolean }) {
  const { table, data } = props;
  const rows = table.rows(data);
  const [first, ...rest] = table.columns;
  return (
    <table class="analytics-table">
      {props.caption !== false && <caption>{table.caption}</caption>}
      <thead>
        <tr>
          {table.columns.map((c) => (
            <th scope="col">{c.header}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={table.columns.length}>Nothing counted in this period yet.</td>
          </tr>
        )}
        {rows.map((row) => {
          const href = table.href?.(row);
          return (
            <tr>
              <th scope="row">{href ? <a href={href}>{first!.cell(row)}</a> : first!.cell(row)}</th>
              {rest.map((c) => (
                <td>{c.cell(row)}</td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Exportable(props: { name: string; data: DashboardData }) {
  const table = TABLES[props.name]!;
  return (
    <section class="analytics-section" aria-labelledby={`h-${props.name}`}>
      <h2 id={`h-${props.name}`}>{table.caption}</h2>
      <DataTable table={table} data={props.data} caption={false} />
      <p>
        <a href={`/admin/analytics/${props.name}.csv?${props.data.range.query}`}>Download as CSV</a>
      </p>
    </section>
  );
}

export function DashboardPage(props: { data: DashboardData }) {
  const { data } = props;
  const { totals, range } = data;
  return (
    <>
      <h1>Analytics</h1>
      <p>
        Counted without cookies: a visitor is recognised for one UTC day only, so visitors over a period are
        the sum of each day's. Robots are not counted; readers asking not to be tracked are counted as views
        only.
      </p>
      <section id="analytics-now" class="analytics-now" aria-labelledby="h-now" aria-live="polite">
        <h2 id="h-now">Last {LIVE_MINUTES} minutes</h2>
        <p>
          Views: <strong>{data.live.views}</strong>. Visitors: <strong>{data.live.visitors}</strong>.
        </p>
        {data.live.pages.length > 0 && (
          <ol>
            {data.live.pages.map((p) => (
              <li>
                {p.path} ({p.views})
              </li>
            ))}
          </ol>
        )}
      </section>
      <nav aria-label="Period" class="analytics-periods">
        <ul>
          {PRESETS.map((p) => (
            <li>
              <a href={`/admin/analytics?range=${p}`} aria-current={range.preset === p ? 'page' : undefined}>
                {PRESET_LABELS[p]}
              </a>
            </li>
          ))}
        </ul>
        <form method="get" action="/admin/analytics">
          <input type="hidden" name="range" value="custom" />
          <label>
            From <input type="date" name="from" value={range.days[0]!.slice(0, 10)} required />
          </label>{' '}
          <label>
            To{' '}
            <input type="date" name="to" value={range.days[range.days.length - 1]!.slice(0, 10)} required />
          </label>{' '}
          <button type="submit">Show</button>
        </form>
      </nav>
      <section aria-labelledby="h-totals">
        <h2 id="h-totals">
          {range.days[0]!.slice(0, 10)}
          {range.days.length > 1 ? ` to ${range.days[range.days.length - 1]!.slice(0, 10)}` : ''}
        </h2>
        <dl class="analytics-totals">
          <dt>Views</dt>
          <dd>{totals.views}</dd>
          <dt>Visitors</dt>
          <dd>{totals.visitors}</dd>
          <dt>Engaged time per view</dt>
          <dd>{perView(totals)}</dd>
          <dt>Engaged time in all</dt>
          <dd>{duration(totals.engagedSeconds)}</dd>
          <dt>Read to the end</dt>
          <dd>{percent(totals.depth100, totals.views)}</dd>
          <dt>Support clicks</dt>
          <dd>{totals.supportClicks}</dd>
          <dt>"Continue reading on the app"</dt>
          <dd>{totals.appClicks}</dd>
        </dl>
        <p>
          {data.rolledUntil ? (
            <>
              Counted up to <StaffTime iso={data.rolledUntil} />; the roll-ups run every few minutes.
            </>
          ) : (
            'Nothing has been rolled up yet; the roll-ups run every few minutes.'
          )}
        </p>
      </section>
      <section aria-labelledby="h-trend" class="analytics-section">
        <h2 id="h-trend">Trend</h2>
        <TrendChart
          id="trend"
          caption={data.trendGranularity === 'hour' ? 'Views per hour (UTC)' : 'Views per day'}
          rows={trendRows(data)}
        />
        <details>
          <summary>The chart's figures as a table</summary>
          <DataTable table={TABLES.trend!} data={data} />
        </details>
        <p>
          <a href={`/admin/analytics/trend.csv?${range.query}`}>Download as CSV</a>
        </p>
      </section>
      {['articles', 'sources', 'campaigns', 'sections', 'authors', 'devices'].map((name) => (
        <Exportable name={name} data={data} />
      ))}
    </>
  );
}
