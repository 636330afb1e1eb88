// The reader's side of giving: the /support page and its form (which opens a Checkout Session at the payment
// provider), and the thank-you page the donor comes back to. Routes validate and convert; the rules live in
// the domain files. The donor's self-service pages are in donor-routes.tsx.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { Invalid, NotFound, TooManyRequests } from '../http/errors.js';
import type { ServePublicPage } from '../http/public-page.js';
import type { RateLimitStore } from '../http/rate-limit-store.js';
import type { SiteState } from '../site/site-state.js';
import type { Database, DonationInterval } from '../storage/schema.js';
import { renderDocument } from '../views/layout.js';
import { type DonationForm, readDonationForm, startDonation } from './checkout.js';
import type { CtaState } from './cta.js';
import { SUPPORT_TAG } from './cta.js';
import { publicSupporters } from './donors.js';
import * as q from './ledger-queries.js';
import { type PendingPayment, type ReceivedDonation, ThankYouPage } from './pages/donor-pages.js';
import { SupportPage } from './pages/support-page.js';
import { PaymentProviderFailed, PaymentsNotConfigured } from './payment-provider.js';
import { DONATION_RATES, limitRate } from './rate-limits.js';
import { requestNetwork, sendSupportPage, supportCsp } from './reader-replies.js';
import { receiptNumber } from './receipts.js';
import { INTERVALS } from './settings.js';
import { confirmCheckout, type LedgerDeps } from './webhooks.js';

export interface SupportRoutesOptions {
  db: Kysely<Database>;
  ledger: LedgerDeps;
  site: SiteState;
  serve: ServePublicPage;
  secret: string;
  publicUrl: string;
  clock: () => Date;
  ctaState: () => Promise<CtaState>;
  /** Shared rate-limit counters (database or Redis), so that every instance counts the same attempts. */
  rates: RateLimitStore;
}

const SESSION_ID = /^cs_[A-Za-z0-9_]{1,250}$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const emptyForm = (interval: DonationInterval, from: string): DonationForm => ({
  interval,
  amount: '',
  otherAmount: '',
  coverFee: false,
  name: '',
  email: '',
  dedication: '',
  publicListing: false,
  from,
});

export function supportRoutes(options: SupportRoutesOptions) {
  const { db, site, clock, ledger } = options;
  const payments = ledger.payments;
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
        configured={payments.configured}
        interval={interval}
        values={values}
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
      if (from) return sendPage(reply, 200, await supportPage(emptyForm(interval, from)));
      return options.serve(request, reply, `/support?interval=${interval}`, async () => ({
        body: await supportPage(emptyForm(interval, '')),
        headers: { 'content-security-policy': csp },
        tags: [SUPPORT_TAG],
      }));
    });

    app.post('/support', async (request, reply) => {
      const form = readDonationForm(request.body);
      if (!payments.configured) throw new PaymentsNotConfigured();
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
          { db, payments, publicUrl: options.publicUrl, siteName: ctx.settings.siteName, now: clock() },
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

    app.get<{ Querystring: { session_id?: unknown } }>('/support/thank-you', async (request, reply) => {
      const sessionId = request.query.session_id;
      if (typeof sessionId !== 'string' || !SESSION_ID.test(sessionId)) throw new NotFound();
      // Only checkouts our form opened: any other id is not ours to look up at Stripe.
      if (!(await q.findCheckout(db, { sessionId }))) throw new NotFound();
      let received = await receivedBySession(db, sessionId);
      let pending: PendingPayment = 'confirming';
      if (!received) {
        // The webhook may not have come yet: ask Stripe, and record the gift ourselves if it is paid.
        await limitRate(
          options.rates,
          [{ rules: DONATION_RATES.confirm, subject: network(request) }],
          clock(),
          'checking this donation',
        );
        try {
          const facts = await payments.getCheckout(sessionId);
          if (!facts) throw new NotFound();
          if (facts.paid) {
            await confirmCheckout({ ...ledger, log: request.log }, facts);
            received = await receivedBySession(db, sessionId);
          } else if (facts.state === 'expired') pending = 'expired';
          else if (facts.state === 'complete') pending = 'clearing';
        } catch (error) {
          // Stripe unreachable: the page keeps waiting (and checking); the webhook will come in any case.
          if (!(error instanceof PaymentProviderFailed)) throw error;
          request.log.warn({ provider: error.detail }, 'could not confirm a checkout with the provider');
        }
      }
      const ctx = await site.context();
      reply.header('referrer-policy', 'no-referrer');
      const page = <ThankYouPage ctx={ctx} received={received} pending={pending} />;
      return sendPage(reply, 200, renderDocument(page));
    });
  };
}

async function receivedBySession(db: Kysely<Database>, sessionId: string): Promise<ReceivedDonation | null> {
  const row = await q.findDonationBySession(db, sessionId);
  if (!row) return null;
  return {
    amount: row.amount,
    currency: row.currency,
    interval: row.interval,
    dedication: row.dedication,
    donorName: row.donor_name,
    receiptNumber: receiptNumber(row.id),
  };
}
