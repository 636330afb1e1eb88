// The newsletter sender as a background job of the server (server/background-jobs.ts): the pooled SMTP
// transport from the settings, or the site's mailer without SMTP, and the sender polling for work.
import type { Config } from '../config.js';
import type { Mailer } from '../mail/mailer.js';
import { SiteState } from '../site/site-state.js';
import type { ContentEvents } from '../storage/content-events.js';
import type { Storage } from '../storage/db.js';
import { mailerTransport, pooledSmtpTransport } from './bulk-transport.js';
import { newsletterSender, type Sender, type SenderOptions } from './sender.js';

export async function startNewsletterSending(
  config: Config,
  storage: Storage,
  events: ContentEvents,
  secret: string,
  mailer: Mailer,
  log: SenderOptions['log'],
): Promise<Sender> {
  const settings = config.newsletters;
  const transport = settings.smtpUrl
    ? await pooledSmtpTransport(settings.smtpUrl, settings.connections)
    : mailerTransport(mailer);
  const sender = newsletterSender({
    db: storage.db,
    // Only what an email needs of the site (name, logo, sections); no page assets.
    site: new SiteState(storage.db, config.publicUrl, { css: '', js: '' }),
    events,
    transport,
    secret,
    publicUrl: config.publicUrl,
    defaultFrom: config.mailFrom,
    ratePerSecond: settings.ratePerSecond,
    leaseMs: settings.leaseMs,
    retryMs: 30_000,
    pollMs: 5_000,
    log,
  });
  sender.start();
  return sender;
}
