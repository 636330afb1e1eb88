// The donor and donation lists as CSV for the accounts: amounts in major units, and every cell a spreadsheet
// reads as text.
import type { Kysely } from 'kysely';
import { articlesByIds } from '../articles/article-refs.js';
import type { Database } from '../storage/schema.js';
import * as q from './export-queries.js';
import { majorUnits } from './money.js';

type Db = Kysely<Database>;

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
  const articles = await articlesByIds(
    db,
    rows.flatMap((r) => (r.article_id === null ? [] : [r.article_id])),
  );
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
      (r.article_id !== null && articles.get(r.article_id)?.slug) || '',
      r.stripe_payment_intent_id ?? '',
      r.stripe_invoice_id ?? '',
    ]),
  );
}
