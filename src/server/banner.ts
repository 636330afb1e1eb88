// What the server prints when it is ready: where it listens, on which database, where media is kept, how to
// sign in for the first time, and whether donations are set up.
import { newsroomStartNotice } from '../admin/auth/setup.js';
import type { Config } from '../config.js';
import { describeFileStore } from '../media/open-file-store.js';
import { missingReceiptDetails } from '../revenue/receipts.js';
import type { Storage } from '../storage/db.js';

export async function banner(
  config: Config,
  storage: Storage,
  port: number,
  workers: number,
): Promise<string> {
  const payments = Boolean(config.stripe);
  return [
    '',
    `Broadsheet is running at http://${config.host}:${port}/ (public address ${config.publicUrl})`,
    `Database: ${storage.dialect}${storage.dialect === 'sqlite' ? ` (${config.databaseUrl.slice(7)})` : ''}` +
      (workers > 1 ? `; ${workers} worker processes` : ''),
    // Where files are and where readers fetch them; never the bucket's keys.
    `Media: ${describeFileStore(config.mediaStorage)}` +
      (config.mediaPublicUrl ? `; readers fetch it from ${config.mediaPublicUrl}` : ''),
    await newsroomStartNotice(storage.db, config.publicUrl, new Date()),
    payments
      ? `Donations: Stripe; its webhook must point at ${config.publicUrl}/stripe/webhook`
      : 'Donations: no Stripe keys in the environment; an admin chooses Stripe, an external donation page ' +
        `or off at ${config.publicUrl}/admin/donations/payments.`,
    ...(payments ? await missingReceiptDetails(storage.db) : []).map((m) => `Donations: ${m}`),
    '',
  ].join('\n');
}
