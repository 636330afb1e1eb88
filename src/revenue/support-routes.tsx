// The reader's side of giving: the /support page and its form, which opens a Checkout Session at the payment
// provider. Routes validate and convert; the rules live in the domain files. The page the donor comes back
// to is in thank-you-route.tsx, the donor's self-service pages in donor-routes.tsx.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { Invalid, TooManyRequests } from '../http/errors.js';
import type { ServePublicPage } from '../http/public-page.js';
import type { RateLimitStore } from '../http/rate-limit-store.js';
import type { SiteState } from '../site/site-state.js';
import type { Database } from '../storage/schema.js';
import { renderDocument } from '../views/layout.js';
import { startDonation } from './checkout.js';
import { type CtaState, SUPPORT_TAG } from './cta.js';
import { type DonationForm, emptyDonationForm, readDonationForm } from './donation-form.js';
import { publicSupporters } from './donor-search.js';
import { SupportPage } from './pages/support-page.js';
import { PaymentProviderFailed, PaymentsNotConfigured } from './payment-errors.js';
import type { PaymentProvider } from './payment-provider.js';
import { DONATION_RATES, limitRate } from './rate-limits.js';
import { requestNetwork, sendSupportPage, supportCsp } from './reader-replies.js';
import { INTERVALS } from './settings.js';
import { newFormNonce } from './submission.js';

export interface SupportRoutesOptions {
  db: Kysely<Database>;
  payments: PaymentProvider;
  site: SiteState;
  serve: ServePublicPage;
  secret: string;
  publicUrl: string;
  clock: () => Date;
  ctaState: () => Promise<CtaState>;
  /** Shared rate-limit counters (database or Redis), so that every instance counts the same attempts. */
  rates: RateLimitStore;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function supportRoutes(options: SupportRoutesOptions) {
  const { db, site, clock, payments } = options;
  // The donation form redirects to the provider's checkout page: form-action must allow it.
  // The site's policy is known once the security headers are registered (see register below).
  let csp = '';

  async function supportPage(
    values: DonationForm,
    extra: { errors?: Record<string, string>; message?: string } = {},
  ) {
    const interval = INTERVALS.find((i) => i === values.interval) ?? 'once';
    const [ctx, state, supporters] = await Promise.all([
      site.context(),
      options.ctaState(),
      publicSupporters(db, 60),
    ]);
    return renderDocument(
      <SupportPage
        ctx={ctx}
        state={state}
        configured={state.mode === 'stripe'}
        interval={interval}
        // A fresh nonce on every render: the form sent twice from it opens one checkout (submission.ts).
        values={{ ...values, nonce: newFormNonce() }}
        supporters={supporters}
        {...extra}
      />,
    );
  }

  const sendPage = (reply: FastifyReply, status: number, body: string) =>
    sendSupportPage(reply, csp, status, body);

  const network = (request: FastifyRequest) => requestNetwork(options.secret, request);

  return async function register(app: FastifyInstance): Promise<void> {
    csp = supportCsp(app.contentSecurityPolicy, payments.redirectOrigins);
    app.get<{ Querystring: Record<string, unknown> }>('/support', async (request, reply) => {
      const interval = INTERVALS.find((i) => i === request.query.interval) ?? 'once';
      const from =
        typeof request.query.from === 'string' && SLUG.test(request.query.from) ? request.query.from : '';
      if (from) return sendPage(reply, 200, await supportPage(emptyDonationForm(interval, from)));
      return options.serve(request, reply, `/support?interval=${interval}`, async () => ({
        body: await supportPage(emptyDonationForm(interval, '')),
        headers: { 'content-security-policy': csp },
        tags: [SUPPORT_TAG],
      }));
    });

    app.post('/support', async (request, reply) => {
      const form = readDonationForm(request.body);
      if ((await options.ctaState()).mode !== 'stripe') throw new PaymentsNotConfigured();
      const ctx = await site.context();
      try {
        // Counted before anything is checked: card testers send valid forms too.
        await limitRate(
          options.rates,
          [{ rules: DONATION_RATES.start, subject: network(request) }],
          clock(),
          'starting donations',
        );
        const { settings } = await options.ctaState();
        const started = await startDonation(
          {
            db,
            payments,
            publicUrl: options.publicUrl,
            siteName: ctx.settings.siteName,
            now: clock(),
            secret: options.secret,
          },
          form,
          settings,
        );
        return reply.header('cache-control', 'no-store').redirect(started.url, 303);
      } catch (error) {
        // The form comes back with everything the reader typed and the reason beside each field.
        if (error instanceof Invalid) {
          return sendPage(
            reply,
            400,
            await supportPage(form, { errors: error.fields, message: error.message }),
          );
        }
        if (error instanceof TooManyRequests) {
          return sendPage(reply, 429, await supportPage(form, { message: error.message }));
        }
        if (error instanceof PaymentProviderFailed) {
          request.log.error({ provider: error.detail }, 'payment provider refused or unreachable');
          return sendPage(reply, 502, await supportPage(form, { message: error.message }));
        }
        throw error;
      }
    });
  };
}
