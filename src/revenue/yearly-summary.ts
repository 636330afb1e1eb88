// A donor's yearly summary, mailed on request from their page: every gift received in a calendar year, what
// was refunded, and totals per currency, with the charity's details.
import type { Kysely } from 'kysely';
import type { Mailer } from '../mail/mailer.js';
import type { Database } from '../storage/schema.js';
import { formatMoney } from './money.js';
import * as q from './receipt-queries.js';
import { organisationLines, receiptContext, receiptDate, receiptNumber } from './receipts.js';

type Db = Kysely<Database>;

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
    return `${receiptDate(r.received_at, ctx)}  ${receiptNumber(r.id)}  ${money(r.amount, r.currency)}${refunded}`;
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
