// What reader revenue needs from outside, built once by app.ts and shared by the reader routes, the
// newsroom's donation screens and the receipts job: the ledger that records payments once, the page
// refresher that shows campaign progress, and the outside services.
import type { Kysely } from 'kysely';
import type { ServePublicPage } from '../http/public-page.js';
import type { RateLimitStore } from '../http/rate-limit-store.js';
import type { Mailer } from '../mail/mailer.js';
import type { SiteState } from '../site/site-state.js';
import type { ContentEvents } from '../storage/content-events.js';
import type { Database } from '../storage/schema.js';
import type { LedgerDeps } from './ledger/webhook.js';
import { throttledPageRefresh } from './page-refresh.js';
import { type PaymentChoice, paymentChoice } from './payment-choice.js';
import type { PaymentProvider } from './payment-provider.js';

export interface RevenueOptions {
  db: Kysely<Database>;
  payments: PaymentProvider;
  mailer: Mailer;
  events: ContentEvents;
  site: SiteState;
  serve: ServePublicPage;
  secret: string;
  publicUrl: string;
  clock: () => Date;
  /** Shared rate-limit counters (database or Redis). */
  rates: RateLimitStore;
  /** How often at most a confirmed donation refreshes the pages showing campaign progress; a minute by default. */
  progressRefreshMs?: number;
}

export interface RevenueDeps extends RevenueOptions {
  ledger: LedgerDeps;
  /** Which way of giving is in effect (environment keys, or the newsroom's choice). */
  choice: PaymentChoice;
}

export function revenueDeps(options: RevenueOptions): RevenueDeps {
  const refresher = throttledPageRefresh(options.events, options.progressRefreshMs ?? 60_000);
  const choice = paymentChoice({ db: options.db, appSecret: options.secret, environment: options.payments });
  return {
    ...options,
    payments: choice.payments,
    choice,
    ledger: {
      db: options.db,
      payments: choice.payments,
      mailer: options.mailer,
      publicUrl: options.publicUrl,
      clock: options.clock,
      refresher,
    },
  };
}
