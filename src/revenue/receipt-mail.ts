// Donation receipts by email, with what a tax authority expects from a charity: the organisation's name
// and registration number, the date, the amount, and that no goods or services were given in return.
// Receipts are claimed before sending, so none goes out twice.
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Mailer } from '../mail/mailer.js';
import type { Database } from '../storage/schema.js';
import { formatMoney } from './money.js';
import * as q from './receipt-queries.js';
import {
  organisationLines,
  type ReceiptContext,
  receiptContext,
  receiptDate,
  receiptNumber,
} from './receipts.js';

type Db = Kysely<Database>;

export const NO_GOODS_STATEMENT = 'No goods or services were provided in exchange for this donation.';

const INTERVAL_WORDS = {
  once: 'One-time donation',
  month: 'Monthly donation',
  year: 'Yearly donation',
} as const;

export function composeReceipt(row: q.ReceiptRow, ctx: ReceiptContext) {
  const money = (amount: number) => formatMoney({ amount, currency: row.currency }, ctx.language);
  const lines = [
    `Dear ${row.name || 'supporter'},`,
    '',
    `Thank you for your donation to ${ctx.organisationName}. This is your receipt.`,
    '',
    `Receipt number: ${receiptNumber(row.id)}`,
    `Date received: ${receiptDate(row.received_at, ctx)}`,
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
