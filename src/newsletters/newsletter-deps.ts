// What the newsletters need from outside, built once by app.ts and shared by the reader routes and the
// newsroom's screens.
import type { Kysely } from 'kysely';
import type { ServePublicPage } from '../http/public-page.js';
import type { RateLimitStore } from '../http/rate-limit-store.js';
import type { Mailer } from '../mail/mailer.js';
import type { SiteState } from '../site/site-state.js';
import type { ContentEvents } from '../storage/content-events.js';
import type { Database } from '../storage/schema.js';
import type { BounceWebhookOptions } from './webhooks/bounce-webhooks.js';

export interface NewsletterDeps {
  db: Kysely<Database>;
  site: SiteState;
  serve: ServePublicPage;
  events: ContentEvents;
  /** Single mails: confirmations and test sends. Editions go through the bulk transport (sender.ts). */
  mailer: Mailer;
  rates: RateLimitStore;
  secret: string;
  publicUrl: string;
  mailFrom: string;
  clock: () => Date;
  /** The email service's bounce and complaint webhooks (SES through SNS, Postmark). */
  webhooks: Pick<BounceWebhookOptions, 'fetchText' | 'snsTopics' | 'postmarkSecret'>;
}
