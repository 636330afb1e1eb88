// The page the donor comes back to from the payment provider: what was received once the payment is
// recorded; until then it asks the provider itself (the webhook may be late) and records a paid checkout
// the same way the webhook would.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { NotFound } from '../http/errors.js';
import type { RateLimitStore } from '../http/rate-limit-store.js';
import type { SiteState } from '../site/site-state.js';
import type { Database } from '../storage/schema.js';
import { renderDocument } from '../views/layout.js';
import { findCheckout } from './ledger/checkout-queries.js';
import { findDonationBySession } from './ledger/donation-queries.js';
import { confirmCheckout, type LedgerDeps } from './ledger/webhook.js';
import { type PendingPayment, type ReceivedDonation, ThankYouPage } from './pages/thank-you-page.js';
import { PaymentProviderFailed } from './payment-errors.js';
import { DONATION_RATES, limitRate } from './rate-limits.js';
import { requestNetwork, sendSupportPage, supportCsp } from './reader-replies.js';
import { receiptNumber } from './receipts.js';

export interface ThankYouRouteOptions {
  ledger: LedgerDeps;
  site: SiteState;
  secret: string;
  clock: () => Date;
  rates: RateLimitStore;
}

const SESSION_ID = /^cs_[A-Za-z0-9_]{1,250}$/;

export function thankYouRoute(options: ThankYouRouteOptions) {
  const { ledger, site, clock } = options;
  const { db, payments } = ledger;
  return async function register(app: FastifyInstance): Promise<void> {
    const csp = supportCsp(app.contentSecurityPolicy, payments.redirectOrigins);
    app.get<{ Querystring: { session_id?: unknown } }>('/support/thank-you', async (request, reply) => {
      const sessionId = request.query.session_id;
      if (typeof sessionId !== 'string' || !SESSION_ID.test(sessionId)) throw new NotFound();
      // Only checkouts our form opened: any other id is not ours to look up at Stripe.
      if (!(await findCheckout(db, { sessionId }))) throw new NotFound();
      let received = await receivedBySession(db, sessionId);
      let pending: PendingPayment = 'confirming';
      if (!received) {
        // The webhook may not have come yet: ask Stripe, and record the gift ourselves if it is paid.
        await limitRate(
          options.rates,
          [{ rules: DONATION_RATES.confirm, subject: requestNetwork(options.secret, request) }],
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
      return sendSupportPage(reply, csp, 200, renderDocument(page));
    });
  };
}

async function receivedBySession(db: Kysely<Database>, sessionId: string): Promise<ReceivedDonation | null> {
  const row = await findDonationBySession(db, sessionId);
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
