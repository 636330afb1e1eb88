// What the newsroom sees of its donations: totals by day and month (days in the site's time zone), by
// campaign, recurring revenue per month, new and lapsed donors, the articles readers gave from; and the
// donor and donation lists as CSV for the accounts.
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { type CampaignWithProgress, dayIn, listCampaigns } from './campaigns.js';
import { majorUnits } from './money.js';
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
    q.articlesByDonations(db, since30, currency, 10),
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
    topArticles: articles.map((a) => ({
      headline: a.headline,
      slug: a.slug,
      started: Number(a.started),
      completed: Number(a.completed),
      raised: Number(a.raised),
    })),
    otherCurrencyGifts,
  };
}

// Spreadsheets run a cell starting with = + - @ as a formula; a name typed by a reader must stay text.
function cell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return `${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

export async function donorsCsv(db: Db): Promise<string> {
  const rows = await q.donorsForExport(db);
  return toCsv(
    [
      'donor_id',
      'name',
      'email',
      'listed_publicly',
      'donor_since',
      'currency',
      'gifts',
      'net_total',
      'first_gift',
      'last_gift',
      'recurring',
    ],
    rows.map((r) => [
      r.id,
      r.name,
      r.email,
      r.public_listing === 1 ? 'yes' : 'no',
      r.created_at,
      r.currency ?? '',
      Number(r.gifts),
      r.currency ? majorUnits(Number(r.net ?? 0), r.currency) : '',
      r.first_gift_at ?? '',
      r.last_gift_at ?? '',
      Number(r.running ?? 0) > 0 ? 'yes' : 'no',
    ]),
  );
}

export async function donationsCsv(db: Db): Promise<string> {
  const rows = await q.donationsForExport(db);
  return toCsv(
    [
      'donation_id',
      'received_at',
      'donor_name',
      'donor_email',
      'amount',
      'fee_cover',
      'refunded',
      'currency',
      'interval',
      'status',
      'dedication',
      'campaign',
      'article',
      'stripe_payment_intent',
      'stripe_invoice',
    ],
    rows.map((r) => [
      r.id,
      r.received_at,
      r.name,
      r.email,
      majorUnits(r.amount, r.currency),
      majorUnits(r.fee_cover_amount, r.currency),
      majorUnits(r.refunded_amount, r.currency),
      r.currency,
      r.interval,
      r.status,
      r.dedication,
      r.campaign ?? '',
      r.article ?? '',
      r.stripe_payment_intent_id ?? '',
      r.stripe_invoice_id ?? '',
    ]),
  );
}
