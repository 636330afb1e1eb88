// Reader revenue as the reader site sees it: the support pages, the donor pages, Stripe's webhook, and the
// call-to-action for the article page and the front page. With giving switched off (no Stripe, no external
// donation page) the call-to-action stays away: nothing on the site may look as if it takes money.
import type { FastifyInstance } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import type { ArticleExtension } from '../articles/article-extension.js';
import type { Article } from '../articles/model.js';
import type { SiteContext } from '../site/site-context.js';
import { activeCampaign } from './campaigns.js';
import { type CtaState, SUPPORT_TAG, SupportCallToAction } from './cta.js';
import { donorLinkRoutes } from './donor-link-routes.js';
import { donorRoutes } from './donor-routes.js';
import { webhookRoute } from './ledger/webhook-route.js';
import type { RevenueDeps } from './revenue-deps.js';
import { readRevenueSettings } from './settings.js';
import { supportRoutes } from './support-routes.js';
import { thankYouRoute } from './thank-you-route.js';

export interface RevenueForReaders {
  routes: (app: FastifyInstance) => Promise<void>;
  articleExtension: (article: Article, ctx: SiteContext) => Promise<ArticleExtension>;
  frontPageSupport: (ctx: SiteContext) => Promise<{ html: string; tags: readonly string[] } | null>;
}

export function revenueForReaders(deps: RevenueDeps): RevenueForReaders {
  const { db, choice, clock } = deps;

  async function ctaState(): Promise<CtaState> {
    const [settings, campaign, inEffect] = await Promise.all([
      readRevenueSettings(db),
      activeCampaign(db, clock()),
      choice.current(),
    ]);
    return {
      settings,
      campaign: campaign?.currency === settings.currency ? campaign : null,
      mode: inEffect.mode,
      externalUrl: inEffect.externalUrl,
    };
  }

  return {
    async routes(app) {
      await app.register(supportRoutes({ ...deps, ctaState }));
      await app.register(thankYouRoute(deps));
      await app.register(donorLinkRoutes(deps));
      await app.register(donorRoutes(deps));
      await app.register(webhookRoute(deps.ledger));
      // The refresher's pending timer must not outlive the app.
      app.addHook('onClose', async () => deps.ledger.refresher.close());
    },

    async articleExtension(article, ctx) {
      const state = await ctaState();
      if (state.mode === 'off') return { tags: [SUPPORT_TAG] };
      const language = ctx.settings.language;
      const after = state.settings.ctaAfterParagraph;
      const paragraphs = article.body.content.filter((b) => b.type === 'paragraph').length;
      const cta = (place: 'body' | 'end') =>
        renderToString(
          <SupportCallToAction state={state} language={language} place={place} from={article.slug} />,
        );
      // In the body only when the story goes on after it; otherwise the one at the end is enough.
      return {
        inBody:
          after > 0 && paragraphs > after + 1 ? { afterParagraph: after, html: cta('body') } : undefined,
        afterBody: cta('end'),
        tags: [SUPPORT_TAG],
      };
    },

    async frontPageSupport(ctx) {
      const state = await ctaState();
      if (state.mode === 'off') return null;
      const cta = <SupportCallToAction state={state} language={ctx.settings.language} place="home" />;
      return { html: renderToString(cta), tags: [SUPPORT_TAG] };
    },
  };
}
