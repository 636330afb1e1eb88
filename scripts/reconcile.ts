// Compares the donations we recorded with what Stripe charged, for a range of days (UTC, both included),
// and lists every difference. Exits 1 when there is one, so that a scheduled run can alert someone.
//   npm run reconcile -- --from 2026-01-01 --to 2026-12-31
import 'dotenv/config';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config.js';
import { reconcile } from '../src/revenue/reconcile.js';
import { paymentsFromConfig } from '../src/revenue/stripe-provider.js';
import { openStorage } from '../src/storage/db.js';
import { migrateToLatest } from '../src/storage/migrate.js';

const USAGE = 'Usage: npm run reconcile -- --from YYYY-MM-DD --to YYYY-MM-DD';

class UsageError extends Error {}

function day(value: string | undefined, name: string): Date {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value))
    throw new UsageError(`--${name} must be a date such as 2026-01-31.\n${USAGE}`);
  const date = new Date(`${value}T00:00:00.000Z`);
  if (Number.isNaN(date.getTime()) || !date.toISOString().startsWith(value)) {
    throw new UsageError(`--${name} ${value} is not a date.\n${USAGE}`);
  }
  return date;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } });
  const from = day(values.from, 'from');
  const to = new Date(day(values.to, 'to').getTime() + 24 * 60 * 60 * 1000);
  if (to <= from) throw new UsageError(`--to must not be before --from.\n${USAGE}`);
  const config = loadConfig(process.env);
  const payments = paymentsFromConfig(config.stripe);
  if (!payments.configured)
    throw new UsageError('Payments are not configured: set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET.');
  const storage = openStorage(config.databaseUrl);
  try {
    await migrateToLatest(storage.db);
    const differences = await reconcile(storage.db, payments, { from, to });
    const range = `${values.from} to ${values.to}`;
    if (differences.length === 0) {
      process.stdout.write(`No differences between our records and Stripe's from ${range}.\n`);
      return 0;
    }
    for (const d of differences)
      process.stdout.write(`${d.kind.padEnd(30)} ${d.stripeId.padEnd(32)} ${d.detail}\n`);
    process.stdout.write(
      `${differences.length} ${differences.length === 1 ? 'difference' : 'differences'} from ${range}.\n`,
    );
    return 1;
  } finally {
    await storage.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known =
      error instanceof UsageError ||
      error instanceof ConfigError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`reconcile: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(known ? 2 : 3);
  },
);
