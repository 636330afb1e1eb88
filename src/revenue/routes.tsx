// The reader's side of giving: the /support page and its form, the thank-you page, and the donor's
// self-service pages behind a signed link. Routes validate and convert; the rules live in the domain files.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { Forbidden, Invalid, NotFound, TooManyRequests } from '../http/errors.js';
import type { ServePublicPage } from '../http/public-page.js';
import type { RateLimitStore } from '../http/rate-limit-store.js';
import { CONTENT_SECURITY_POLICY } from '../http/security-headers.js';
import type { Mailer } from '../mail/mailer.js';
import type { SiteState } from '../site/site-state.js';
import type { ContentEvents } from '../storage/content-events.js';
import type { Database, DonationInterval } from '../storage/schema.js';
import { renderDocument } from '../views/layout.js';
import { type DonationForm, readDonationForm, startDonation } from './checkout.js';
import type { CtaState } from './cta.js';
import { type ManagedDonor, mailDonorLink, managedDonor, portalFor, verifyDonorLink } from './donor-links.js';
import { publicSupporters, setPublicListing } from './donors.js';
import * as q from './ledger-queries.js';
import {
  ManagePage,
  type PendingPayment,
  type ReceivedDonation,
  RequestLinkPage,
  ThankYouPage,
} from './pages/donor-pages.js';
import { SupportPage } from './pages/support-page.js';
import { PaymentProviderFailed, PaymentsNotConfigured } from './payment-provider.js';
import { DONATION_RATES, donorKey, limitRate, networkKey } from './rate-limits.js';
import { receiptNumber, sendYearlySummary } from './receipts.js';
import { INTERVALS } from './settings.js';
import { confirmCheckout, type LedgerDeps } from './webhooks.js';

export interface SupportRoutesOptions {
  db: Kysely<Database>;
  ledger: LedgerDeps;
  mailer: Mailer;
  site: SiteState;
  serve: ServePublicPage;
  secret: string;
  publicUrl: string;
  clock: () => Date;
  ctaState: () => Promise<CtaState>;
  events: ContentEvents;
  /** Shared rate-limit counters (database or Redis), so that every instance counts the same attempts. */
  rates: RateLimitStore;
}

type TokenParams = { Params: { token: string } };
const SESSION_ID = /^cs_[A-Za-z0-9_]{1,250}$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const emailSchema = z.email().max(254);

/** A text field of a parsed form body; '' when absent or not text. */
function field(body: unknown, name: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
}

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
  // The donation and portal forms redirect to the provider's pages: form-action must allow them there.
  const csp = CONTENT_SECURITY_POLICY.replace(
    "form-action 'self'",
    ["form-action 'self'", ...payments.redirectOrigins].join(' '),
  );

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

  function sendPage(reply: FastifyReply, status: number, body: string) {
    return reply
      .code(status)
      .header('cache-control', 'no-store')
      .header('content-security-policy', csp)
      .type('text/html; charset=utf-8')
      .send(body);
  }

  async function donorPage(request: FastifyRequest<TokenParams>) {
    const donorId = verifyDonorLink(options.secret, request.params.token, clock());
    return { donorId, managed: await managedDonor(db, donorId) };
  }

  const years = () => {
    const now = clock().getUTCFullYear();
    return Array.from({ length: 6 }, (_, i) => now - i);
  };

  const network = (request: FastifyRequest) => networkKey(options.secret, request.ip);

  async function managePage(
    reply: FastifyReply,
    token: string,
    managed: ManagedDonor,
    status: number,
    notes: { done?: string; error?: string } = {},
  ) {
    const ctx = await site.context();
    reply.header('referrer-policy', 'no-referrer');
    const page = <ManagePage ctx={ctx} token={token} managed={managed} years={years()} {...notes} />;
    return sendPage(reply, status, renderDocument(page));
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: Record<string, unknown> }>('/support', async (request, reply) => {
      const interval = INTERVALS.find((i) => i === request.query.interval) ?? 'once';
      const from =
        typeof request.query.from === 'string' && SLUG.test(request.query.from) ? request.query.from : '';
      if (from) return sendPage(reply, 200, await supportPage(emptyForm(interval, from)));
      return options.serve(request, reply, `/support?interval=${interval}`, async () => ({
        body: await supportPage(emptyForm(interval, '')),
        headers: { 'content-security-policy': csp },
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

    app.get('/support/manage', async (_request, reply) =>
      sendPage(reply, 200, renderDocument(<RequestLinkPage ctx={await site.context()} />)),
    );

    app.post('/support/manage', async (request, reply) => {
      const email = field(request.body, 'email').trim();
      const ctx = await site.context();
      if (!emailSchema.safeParse(email.toLowerCase()).success) {
        const page = (
          <RequestLinkPage ctx={ctx} email={email} error="Enter an email address such as name@example.org." />
        );
        return sendPage(reply, 400, renderDocument(page));
      }
      try {
        await limitRate(
          options.rates,
          [{ rules: DONATION_RATES.mailPerNetwork, subject: network(request) }],
          clock(),
          'asking for links',
        );
      } catch (error) {
        if (!(error instanceof TooManyRequests)) throw error;
        const page = <RequestLinkPage ctx={ctx} email={email} error={error.message} />;
        return sendPage(reply, 429, renderDocument(page));
      }
      await mailDonorLink(
        {
          db,
          mailer: options.mailer,
          secret: options.secret,
          publicUrl: options.publicUrl,
          siteName: ctx.settings.siteName,
          now: clock(),
          rates: options.rates,
        },
        email,
      );
      return sendPage(reply, 200, renderDocument(<RequestLinkPage ctx={ctx} sent />));
    });

    app.get<TokenParams>('/support/manage/:token', async (request, reply) => {
      try {
        const { managed } = await donorPage(request);
        return managePage(reply, request.params.token, managed, 200);
      } catch (error) {
        if (!(error instanceof Forbidden)) throw error;
        const ctx = await site.context();
        return sendPage(reply, 403, renderDocument(<RequestLinkPage ctx={ctx} problem={error.message} />));
      }
    });

    app.post<TokenParams>('/support/manage/:token/portal', async (request, reply) => {
      const { donorId } = await donorPage(request);
      const id = Number(field(request.body, 'subscription'));
      if (!Number.isSafeInteger(id) || id <= 0) throw new Invalid('Choose a recurring donation to change.');
      await limitRate(
        options.rates,
        [{ rules: DONATION_RATES.portal, subject: network(request) }],
        clock(),
        'opening the payment page',
      );
      const returnUrl = `${options.publicUrl}/support/manage/${request.params.token}`;
      const url = await portalFor({ db, payments }, donorId, id, returnUrl);
      return reply.header('cache-control', 'no-store').redirect(url, 303);
    });

    app.post<TokenParams>('/support/manage/:token/summary', async (request, reply) => {
      const { donorId, managed } = await donorPage(request);
      const year = Number(field(request.body, 'year'));
      if (!years().includes(year)) {
        const error = `Choose a year from ${years().at(-1)} to ${years()[0]}.`;
        return managePage(reply, request.params.token, managed, 400, { error });
      }
      try {
        await limitRate(
          options.rates,
          [
            { rules: DONATION_RATES.mailPerNetwork, subject: network(request) },
            { rules: DONATION_RATES.mailPerDonor, subject: donorKey(options.secret, donorId) },
          ],
          clock(),
          'asking for summaries',
        );
      } catch (error) {
        if (!(error instanceof TooManyRequests)) throw error;
        return managePage(reply, request.params.token, managed, 429, { error: error.message });
      }
      await sendYearlySummary(
        { db, mailer: options.mailer, publicUrl: options.publicUrl },
        managed.donor,
        year,
      );
      return managePage(reply, request.params.token, managed, 200, {
        done: `We have emailed your summary for ${year}.`,
      });
    });

    app.post<TokenParams>('/support/manage/:token/listing', async (request, reply) => {
      const { donorId } = await donorPage(request);
      const listed = field(request.body, 'listed') === 'yes';
      await setPublicListing(db, donorId, listed, clock());
      // The list is on the cached support page.
      await options.events.changed('revenue');
      const managed = await managedDonor(db, donorId);
      return managePage(reply, request.params.token, managed, 200, {
        done: listed
          ? 'Your name is now on our list of supporters.'
          : 'Your name is no longer on our list of supporters.',
      });
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
