// The newsletter sender alone in a process of its own, for the kill -9 test: the real sender on the database
// and SMTP server the environment names, started at once, until it is killed.
import { pooledSmtpTransport } from '../../src/newsletters/bulk-transport.js';
import { newsletterSender } from '../../src/newsletters/sender.js';
import { SiteState } from '../../src/site/site-state.js';
import { localContentEvents } from '../../src/storage/content-events.js';
import { openStorage } from '../../src/storage/db.js';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const storage = openStorage(env('DATABASE_URL'), { poolSize: 4 });
const sender = newsletterSender({
  db: storage.db,
  site: new SiteState(storage.db, 'http://127.0.0.1:3000', { css: '', js: '' }),
  events: localContentEvents(),
  transport: await pooledSmtpTransport(env('SMTP_URL'), 3),
  secret: env('APP_SECRET'),
  publicUrl: 'http://127.0.0.1:3000',
  defaultFrom: 'Newsroom <news@example.org>',
  ratePerSecond: Number(env('NEWSLETTER_RATE')),
  leaseMs: Number(env('NEWSLETTER_LEASE_SECONDS')) * 1000,
  retryMs: 500,
  pollMs: 50,
  workerId: env('WORKER_ID'),
  log: { error: (details, message) => process.stderr.write(`${message} ${JSON.stringify(details)}\n`) },
});
sender.start();
process.stdout.write('started\n');
