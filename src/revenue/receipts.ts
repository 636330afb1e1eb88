// Donation receipts by email, with what a tax authority expects from a charity: the organisation's name
// and registration number, the date, the amount, and that no goods or services were given in return.
// Also a donor's yearly summary, on request. Receipts are claimed before sending, so none goes out twice.
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Mailer } from '../mail/mailer.js';
import { readSiteSettings } from '../site/settings.js';
import type { Database } from '../storage/schema.js';
import { formatMoney } from './money.js';
import * as q from './receipt-queries.js';
import { readRevenueSettings } from './settings.js';

type Db = Kysely<Database>;

export const NO_GOODS_STATEMENT = 'No goods or services were provided in exchange for this donation.';

export interface ReceiptContext {
  organisationName: string;
  registrationNumber: string;
  language: string;
  timeZone: string;
  publicUrl: string;
}

export async function receiptContext(db: Db, publicUrl: string): Promise<ReceiptContext> {
  const [site, revenue] = await Promise.all([readSiteSettings(db), readRevenueSettings(db)]);
  return {
    organisationName: revenue.organisationName || site.publisher.legalName || site.siteName,
    registrationNumber: revenue.registrationNumber,
    language: site.language,
    timeZone: site.timeZone,
    publicUrl,
  };
}

/**
 * What the receipts lack of the charity details a tax authority expects, one sentence each, for the admin's
 * donations screen and the start-up output; empty when both are set. Receipts still go out without them (a
 * gift must never wait for a setting), which is why someone has to be told.
 */
export async function missingReceiptDetails(db: Db): Promise<string[]> {
  const [site, revenue] = await Promise.all([readSiteSettings(db), readRevenueSettings(db)]);
  const missing: string[] = [];
  if (!revenue.organisationName) {
    const fallback = site.publisher.legalName
      ? `the publisher’s legal name, “${site.publisher.legalName}”`
      : `the site’s name, “${site.siteName}”`;
    missing.push(
      `No organisation name is set for receipts: they name ${fallback}, which may not be the name the charity is registered under.`,
    );
  }
  if (!revenue.registrationNumber) {
    missing.push(
      'No registration or tax number is set: receipts go out without one, and a tax authority may not accept them.',
    );
  }
  return missing;
}

export function receiptNumber(donationId: number): string {
  return `R-${String(donationId).padStart(6, '0')}`;
}

const INTERVAL_WORDS = {
  once: 'One-time donation',
  month: 'Monthly donation',
  year: 'Yearly donation',
} as const;

function longDate(at: string, ctx: ReceiptContext): string {
  return new Intl.DateTimeFormat(ctx.language, { dateStyle: 'long', timeZone: ctx.timeZone }).format(
    new Date(at),
  );
}

function organisationLines(ctx: ReceiptContext): string[] {
  return [
    ctx.organisationName,
    ...(ctx.registrationNumber ? [`Registration / tax number: ${ctx.registrationNumber}`] : []),
  ];
}

export function composeReceipt(row: q.ReceiptRow, ctx: ReceiptContext) {
  const money = (amount: number) => formatMoney({ amount, currency: row.currency }, ctx.language);
  const lines = [
    `Dear ${row.name || 'supporter'},`,
    '',
    `Thank you for your donation to ${ctx.organisationName}. This is your receipt.`,
    '',
    `Receipt number: ${receiptNumber(row.id)}`,
    `Date received: ${longDate(row.received_at, ctx)}`,
    `Amount received: ${money(row.amount)}${row.fee_cover_amount > 0 ? ` (including ${money(row.fee_cover_amount)} you added to cover processing fees)` : ''}`,
    `Kind: ${INTERVAL_WORDS[row.interval]}`,
    ...(row.dedication ? [`Dedication: ${row.dedication}`] : []),
    '',
    ...organisationLines(ctx),
    NO_GOODS_STATEMENT,
    '',
    row.interval === 'once'
      ? 'For a yearly summary of your gifts, ask for a link at:'
      : `To change or cancel your ${row.interval === 'month' ? 'monthly' : 'yearly'} donation, or for a yearly ` +
        'summary, ask for a link at:',
    `${ctx.publicUrl}/support/manage`,
    '',
    'Please keep this email for your records.',
  ];
  return {
    to: row.email,
    subject: `Your donation receipt ${receiptNumber(row.id)} from ${ctx.organisationName}`,
    text: lines.join('\n'),
  };
}

/**
 * Sends every receipt still owed (oldest first, a batch at a time). Runs after each recorded payment, so a
 * receipt that failed to send (mail server down) goes out with a later one.
 */
export async function sendDueReceipts(
  deps: { db: Db; mailer: Mailer; publicUrl: string; now: Date; log?: FastifyBaseLogger },
  limit = 25,
): Promise<number> {
  const due = await q.unsentReceipts(deps.db, limit);
  if (due.length === 0) return 0;
  const ctx = await receiptContext(deps.db, deps.publicUrl);
  let sent = 0;
  for (const row of due) {
    if (!(await q.claimReceipt(deps.db, row.id, deps.now.toISOString()))) continue;
    try {
      await deps.mailer.send(composeReceipt(row, ctx));
      sent++;
    } catch (error) {
      await q.releaseReceipt(deps.db, row.id);
      // Mail errors quote the recipient; the log gets the donation number and the error's code only.
      const { code, responseCode } = error as { code?: string; responseCode?: number };
      deps.log?.error(
        { donation: row.id, code: code ?? responseCode },
        'donation receipt not sent; will retry',
      );
    }
  }
  return sent;
}

/** Mails a donor every gift received in a calendar year (UTC), with totals per currency. */
export async function sendYearlySummary(
  deps: { db: Db; mailer: Mailer; publicUrl: string },
  donor: { id: number; email: string; name: string },
  year: number,
): Promise<number> {
  const rows = await q.donationsOfDonor(
    deps.db,
    donor.id,
    `${year}-01-01T00:00:00.000Z`,
    `${year + 1}-01-01T00:00:00.000Z`,
  );
  const ctx = await receiptContext(deps.db, deps.publicUrl);
  const money = (amount: number, currency: string) => formatMoney({ amount, currency }, ctx.language);
  const totals = new Map<string, number>();
  const gifts = rows.map((r) => {
    const net = r.amount - r.refunded_amount;
    totals.set(r.currency, (totals.get(r.currency) ?? 0) + net);
    const refunded = r.refunded_amount > 0 ? ` (${money(r.refunded_amount, r.currency)} refunded)` : '';
    return `${longDate(r.received_at, ctx)}  ${receiptNumber(r.id)}  ${money(r.amount, r.currency)}${refunded}`;
  });
  const text = [
    `Dear ${donor.name || 'supporter'},`,
    '',
    rows.length > 0
      ? `Here is a summary of your donations to ${ctx.organisationName} in ${year}.`
      : `We have no donations from you to ${ctx.organisationName} recorded in ${year}.`,
    '',
    ...gifts,
    ...(rows.length > 0
      ? ['', ...[...totals].map(([c, amount]) => `Total for ${year}: ${money(amount, c)}`)]
      : []),
    '',
    ...organisationLines(ctx),
    ...(rows.length > 0 ? ['No goods or services were provided in exchange for these donations.'] : []),
    '',
    'Thank you for supporting our journalism.',
  ].join('\n');
  await deps.mailer.send({
    to: donor.email,
    subject: `Your ${year} donations to ${ctx.organisationName}`,
    text,
  });
  return rows.length;
}
