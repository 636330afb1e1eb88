// Every table the dashboard shows, defined once: the page renders it and the CSV export writes the same
// columns, so what an editor downloads is what they saw.

import type { ArticleRow, DashboardData, NamedRow } from '../dashboard.js';
import type { Totals } from '../dashboard-queries.js';

export interface Column<Row> {
  header: string;
  cell: (row: Row) => string | number;
}

export interface TableDefinition<Row> {
  name: string;
  caption: string;
  /** The first column's link, if any (the article in the newsroom). */
  href?: (row: Row) => string | undefined;
  columns: Column<Row>[];
  rows: (data: DashboardData) => Row[];
}

export const percent = (part: number, whole: number): string =>
  whole > 0 ? `${Math.round((part / whole) * 100)} %` : '–';

export function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export const perView = (t: Totals) => duration(t.views > 0 ? t.engagedSeconds / t.views : 0);

const money = (amount: number, currency: string) => `${currency.toUpperCase()} ${(amount / 100).toFixed(2)}`;

const readership = <Row extends NamedRow>(first: string): Column<Row>[] => [
  { header: first, cell: (r) => r.label },
  { header: 'Views', cell: (r) => r.views },
  { header: 'Visitors', cell: (r) => r.visitors },
  { header: 'Engaged time per view', cell: perView },
  { header: 'Read half', cell: (r) => percent(r.depth50, r.views) },
  { header: 'Read to the end', cell: (r) => percent(r.depth100, r.views) },
];

const articles: TableDefinition<ArticleRow> = {
  name: 'articles',
  caption: 'Top articles',
  href: (r) => r.href,
  columns: [
    ...readership<ArticleRow>('Article'),
    { header: 'Expanded', cell: (r) => r.expands },
    { header: 'Support clicks', cell: (r) => r.supportClicks },
    { header: 'Donations', cell: (r) => r.donations.reduce((n, d) => n + d.donations, 0) },
    { header: 'Raised', cell: (r) => r.donations.map((d) => money(d.net, d.currency)).join(', ') || '–' },
    { header: 'Comments posted', cell: (r) => r.comments },
  ],
  rows: (d) => d.articles,
};

const named = (name: string, caption: string, first: string, rows: (d: DashboardData) => NamedRow[]) =>
  ({ name, caption, columns: readership<NamedRow>(first), rows }) satisfies TableDefinition<NamedRow>;

export interface TrendRow extends Totals {
  label: string;
}

const trend: TableDefinition<TrendRow> = {
  name: 'trend',
  caption: 'Views over the period',
  columns: [
    { header: 'When (UTC)', cell: (r) => r.label },
    { header: 'Views', cell: (r) => r.views },
    { header: 'Visitors', cell: (r) => r.visitors },
    { header: 'Engaged time', cell: (r) => duration(r.engagedSeconds) },
  ],
  rows: (d) => trendRows(d),
};

/** Every bucket of the period, the empty ones too: a chart with gaps would lie about them. */
export function trendRows(d: DashboardData): TrendRow[] {
  const byBucket = new Map(d.trend.map((t) => [t.bucket, t]));
  const buckets =
    d.trendGranularity === 'day'
      ? d.range.days
      : Array.from({ length: 24 }, (_, h) =>
          new Date(Date.parse(d.range.from) + h * 3_600_000).toISOString(),
        );
  return buckets.map((bucket) => {
    const totals = byBucket.get(bucket);
    const label = d.trendGranularity === 'day' ? bucket.slice(0, 10) : `${bucket.slice(11, 16)}`;
    return {
      label,
      views: 0,
      visitors: 0,
      engagedSeconds: 0,
      depth25: 0,
      depth50: 0,
      depth75: 0,
      depth100: 0,
      expands: 0,
      appClicks: 0,
      supportClicks: 0,
      ...totals,
    };
  });
}

// biome-ignore lint/suspicious/noExplicitAny: each table has its own row type; the list is walked by name.
export const TABLES: Record<string, TableDefinition<any>> = {
  trend,
  articles,
  sources: named('sources', 'Sources (referring sites and utm_source)', 'Source', (d) => d.sources),
  campaigns: named('campaigns', 'Campaigns (utm_campaign)', 'Campaign', (d) => d.campaigns),
  sections: named('sections', 'Sections', 'Section', (d) => d.sections),
  authors: named('authors', 'Authors (lead byline)', 'Author', (d) => d.authors),
  devices: named('devices', 'Devices', 'Device', (d) => d.devices),
};
