// What /admin/analytics shows for a period: the last 30 minutes, totals and a trend from the roll-ups, and the
// top articles (with the donations the revenue ledger recorded from them and the comments posted on them,
// each read through its domain's exported function), sources, campaigns, sections, authors and devices.
import type { Kysely } from 'kysely';
import { articlesByIds } from '../articles/article-refs.js';
import { commentsPostedByArticle } from '../comments/article-comment-counts.js';
import { type ArticleDonations, donationsByArticle } from '../revenue/article-donations.js';
import { listSections } from '../site/sections.js';
import type { Database } from '../storage/schema.js';
import {
  type DimensionRow,
  type LiveNow,
  liveSince,
  siteSeries,
  type Totals,
  topByDimension,
} from './dashboard-queries.js';
import type { DashboardRange } from './dashboard-range.js';
import { rolledUntil } from './rollups.js';

export const LIVE_MINUTES = 30;
const TOP = 20;

export interface NamedRow extends DimensionRow {
  label: string;
  href?: string;
}

export interface ArticleRow extends NamedRow {
  donations: ArticleDonations[];
  comments: number;
}

export interface DashboardData {
  range: DashboardRange;
  live: LiveNow;
  rolledUntil: string | null;
  totals: Totals;
  trend: Array<Totals & { bucket: string }>;
  trendGranularity: 'hour' | 'day';
  articles: ArticleRow[];
  sources: NamedRow[];
  campaigns: NamedRow[];
  sections: NamedRow[];
  authors: NamedRow[];
  devices: NamedRow[];
}

export const EMPTY_TOTALS: Totals = {
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
};

function sum(rows: Totals[]): Totals {
  const total = { ...EMPTY_TOTALS };
  for (const row of rows) for (const key of Object.keys(total) as (keyof Totals)[]) total[key] += row[key];
  return total;
}

export async function loadDashboard(
  db: Kysely<Database>,
  range: DashboardRange,
  now: Date,
  authorNames: (ids: number[]) => Promise<Map<number, string>>,
): Promise<DashboardData> {
  const { from, to } = range;
  const trendGranularity = range.days.length === 1 ? 'hour' : 'day';
  const [live, until, days, trend, articles, sources, campaigns, sections, authors, devices, sectionList] =
    await Promise.all([
      liveSince(db, new Date(now.getTime() - LIVE_MINUTES * 60_000).toISOString()),
      rolledUntil(db),
      siteSeries(db, 'day', from, to),
      trendGranularity === 'hour' ? siteSeries(db, 'hour', from, to) : null,
      topByDimension(db, 'article', from, to, TOP),
      topByDimension(db, 'source', from, to, TOP),
      topByDimension(db, 'campaign', from, to, TOP),
      topByDimension(db, 'section', from, to, TOP),
      topByDimension(db, 'author', from, to, TOP),
      topByDimension(db, 'device', from, to, TOP),
      listSections(db),
    ]);
  const articleIds = articles.map((a) => Number(a.value));
  const [refs, donations, comments, authorNamed] = await Promise.all([
    articlesByIds(db, articleIds),
    donationsByArticle(db, from, to, articleIds),
    commentsPostedByArticle(db, from, to, articleIds),
    authorNames(authors.map((a) => Number(a.value))),
  ]);
  const sectionNames = new Map(sectionList.map((s) => [String(s.id), s.name]));
  return {
    range,
    live,
    rolledUntil: until,
    totals: sum(days),
    trend: trend ?? days,
    trendGranularity,
    articles: articles.map((a) => {
      const id = Number(a.value);
      const ref = refs.get(id);
      return {
        ...a,
        label: ref?.headline ?? `Article ${id} (deleted)`,
        href: ref ? `/admin/articles/${id}` : undefined,
        donations: donations.filter((d) => d.articleId === id),
        comments: comments.get(id) ?? 0,
      };
    }),
    sources: sources.map((s) => ({ ...s, label: s.value })),
    campaigns: campaigns.map((c) => ({ ...c, label: c.value })),
    sections: sections.map((s) => ({ ...s, label: sectionNames.get(s.value) ?? `Section ${s.value}` })),
    authors: authors.map((a) => ({ ...a, label: authorNamed.get(Number(a.value)) ?? `Author ${a.value}` })),
    devices: devices.map((d) => ({ ...d, label: d.value })),
  };
}
