// What the newsroom sees of its donations: totals by day and month (days in the site's time zone), by
// campaign, recurring revenue per month, new and lapsed donors, and the articles readers gave from.
import type { Kysely } from 'kysely';
import { articlesByIds } from '../articles/article-refs.js';
import type { Database } from '../storage/schema.js';
import { dayIn } from './campaign-days.js';
import { type CampaignWithProgress, listCampaigns } from './campaigns.js';
import * as q from './report-queries.js';

type Db = Kysely<Database>;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface Period {
  key: string;
  amount: number;
  gifts: number;
}

export interface Dashboard {
  currency: string;
  days: Period[];
  months: Period[];
  campaigns: CampaignWithProgress[];
  recurring: { monthly: number; running: number };
  newDonors: Array<{ name: string; firstGiftAt: string }>;
  lapsedDonors: Array<{ name: string; endedAt: string }>;
  topArticles: Array<{ headline: string; slug: string; started: number; completed: number; raised: number }>;
  /** Gifts in other currencies than the site's, left out of the totals above. */
  otherCurrencyGifts: number;
}

function periods(keys: string[]): Map<string, Period> {
  return new Map(keys.map((key) => [key, { key, amount: 0, gifts: 0 }]));
}

export async function dashboard(db: Db, now: Date, currency: string, timeZone: string): Promise<Dashboard> {
  const since30 = new Date(now.getTime() - 30 * DAY_MS).toISOString();
  const since12m = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 12, 1)).toISOString();
  const [rows, campaigns, running, fresh, lapsed, articles] = await Promise.all([
    q.donationsSince(db, since12m),
    listCampaigns(db),
    q.runningSubscriptions(db),
    q.newDonorsSince(db, since30),
    q.lapsedDonorsSince(db, since30),
    articlesGivenFrom(db, since30, currency),
  ]);

  const dayKeys = Array.from({ length: 30 }, (_, i) =>
    dayIn(new Date(now.getTime() - (29 - i) * DAY_MS), timeZone),
  );
  const monthKeys = [
    ...new Set(
      Array.from({ length: 366 }, (_, i) =>
        dayIn(new Date(now.getTime() - i * DAY_MS), timeZone).slice(0, 7),
      ),
    ),
  ]
    .sort()
    .slice(-12);
  const days = periods(dayKeys);
  const months = periods(monthKeys);
  let otherCurrencyGifts = 0;
  for (const row of rows) {
    if (row.currency !== currency) {
      otherCurrencyGifts++;
      continue;
    }
    const day = dayIn(row.received_at, timeZone);
    const net = row.amount - row.refunded_amount;
    for (const period of [days.get(day), months.get(day.slice(0, 7))]) {
      if (!period) continue;
      period.amount += net;
      period.gifts++;
    }
  }

  const monthly = running
    .filter((s) => s.currency === currency)
    .reduce((sum, s) => sum + (s.interval === 'year' ? s.amount / 12 : s.amount), 0);
  return {
    currency,
    days: [...days.values()],
    months: [...months.values()],
    campaigns,
    recurring: { monthly: Math.round(monthly), running: running.length },
    newDonors: fresh.map((d) => ({ name: d.name, firstGiftAt: String(d.first_gift_at) })),
    lapsedDonors: lapsed.map((d) => ({ name: d.name, endedAt: d.canceled_at ?? '' })),
    topArticles: articles,
    otherCurrencyGifts,
  };
}

/** The ten articles readers gave most from lately, named through the articles domain. */
async function articlesGivenFrom(db: Db, since: string, currency: string): Promise<Dashboard['topArticles']> {
  const rows = await q.donationsByArticle(db, since, currency, 10);
  const articles = await articlesByIds(
    db,
    rows.map((r) => r.article_id!),
  );
  return rows.flatMap((r) => {
    const article = articles.get(r.article_id!);
    if (!article) return [];
    return [
      {
        headline: article.headline,
        slug: article.slug,
        started: Number(r.started),
        completed: Number(r.completed),
        raised: Number(r.raised),
      },
    ];
  });
}
