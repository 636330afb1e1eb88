// Reader revenue as app.ts sees it: the routes (support pages, Stripe's webhook, the newsroom's donation
// screens) and the call-to-action for the article page and the front page. Without payments configured
// the call-to-action stays away: nothing on the site may look as if it takes money.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { ComponentChildren } from 'preact';
import type { Article } from '../articles/articles.js';
import type { ArticleExtension } from '../articles/pages/article-page.js';
import type { ServePublicPage } from '../http/public-page.js';
import type { RateLimitStore } from '../http/rate-limit-store.js';
import type { Mailer } from '../mail/mailer.js';
import type { SiteState } from '../site/site-state.js';
import type { ContentEvents } from '../storage/content-events.js';
import type { Database } from '../storage/schema.js';
import type { SiteContext } from '../views/site-context.js';
import { revenueAdminRoutes } from './admin/routes.js';
import { activeCampaign } from './campaigns.js';
import { type CtaState, SupportCallToAction } from './cta.js';
import { donorRoutes } from './donor-routes.js';
import { throttledPageRefresh } from './page-refresh.js';
import type { PaymentProvider } from './payment-provider.js';
import { sendDueReceipts } from './receipts.js';
import { supportRoutes } from './routes.js';
import { readRevenueSettings } from './settings.js';
import { type LedgerDeps, webhookRoute } from './webhooks.js';

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
  /** How often receipts that could not be sent (mail server down) are tried again; five minutes by default. */
  receiptRetryMs?: number;
  /** How often at most a confirmed donation empties the page caches (campaign progress); a minute by default. */
  progressRefreshMs?: number;
}

export interface Revenue {
  routes: (app: FastifyInstance) => Promise<void>;
  articleExtension: (article: Article, ctx: SiteContext) => Promise<ArticleExtension>;
  homeCallToAction: (ctx: SiteContext) => Promise<ComponentChildren>;
}

export function revenue(options: RevenueOptions): Revenue {
  const { db, payments, clock } = options;
  const refresher = throttledPageRefresh(options.events, options.progressRefreshMs ?? 60_000);
  const ledger: LedgerDeps = {
    db,
    payments,
    mailer: options.mailer,
    publicUrl: options.publicUrl,
    clock,
    refresher,
  };

  async function ctaState(): Promise<CtaState> {
    const [settings, campaign] = await Promise.all([readRevenueSettings(db), activeCampaign(db, clock())]);
    return { settings, campaign: campaign?.currency === settings.currency ? campaign : null };
  }

  return {
    async routes(app) {
      // Receipts also go out after every recorded payment; this catches those owed when no payment follows
      // a mail outage. Several instances may run it at once: each receipt is claimed before it is sent.
      const retry = setInterval(
        () => {
          sendDueReceipts({ db, mailer: options.mailer, publicUrl: options.publicUrl, now: clock() }).catch(
            (error: unknown) =>
              app.log.error(
                { code: (error as { code?: string }).code },
                'donation receipts could not be sent; will retry',
              ),
          );
        },
        options.receiptRetryMs ?? 5 * 60_000,
      );
      retry.unref();
      app.addHook('onClose', async () => {
        clearInterval(retry);
        refresher.close();
      });
      await app.register(
        supportRoutes({
          db,
          ledger,
          site: options.site,
          serve: options.serve,
          secret: options.secret,
          publicUrl: options.publicUrl,
          clock,
          ctaState,
          rates: options.rates,
        }),
      );
      await app.register(
        donorRoutes({
          db,
          payments,
          mailer: options.mailer,
          site: options.site,
          events: options.events,
          secret: options.secret,
          publicUrl: options.publicUrl,
          clock,
          rates: options.rates,
        }),
      );
      await app.register(webhookRoute(ledger));
      await app.register(
        revenueAdminRoutes({
          db,
          site: options.site,
          events: options.events,
          clock,
          paymentsConfigured: payments.configured,
          publicUrl: options.publicUrl,
        }),
      );
    },

    async articleExtension(article, ctx) {
      if (!payments.configured) return {};
      const state = await ctaState();
      const language = ctx.settings.language;
      const after = state.settings.ctaAfterParagraph;
      const paragraphs = article.body.content.filter((b) => b.type === 'paragraph').length;
      // In the body only when the story goes on after it; otherwise the one at the end is enough.
      const inBody =
        after > 0 && paragraphs > after + 1
          ? {
              afterParagraph: after,
              node: (
                <SupportCallToAction state={state} language={language} place="body" from={article.slug} />
              ),
            }
          : undefined;
      return {
        inBody,
        afterBody: <SupportCallToAction state={state} language={language} place="end" from={article.slug} />,
      };
    },

    async homeCallToAction(ctx) {
      if (!payments.configured) return null;
      return <SupportCallToAction state={await ctaState()} language={ctx.settings.language} place="home" />;
    },
  };
}
