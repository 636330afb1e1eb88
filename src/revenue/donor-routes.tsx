// The donor's self-service pages, without a password: the page the signed, expiring link opens, and from it
// Stripe's customer portal (change or cancel a recurring gift), a yearly summary by email, and whether their
// name is on the public list of supporters. Asking for a link is in donor-link-routes.tsx.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { Forbidden, Invalid, TooManyRequests } from '../http/errors.js';
import type { RateLimitStore } from '../http/rate-limit-store.js';
import type { Mailer } from '../mail/mailer.js';
import type { SiteState } from '../site/site-state.js';
import type { ContentEvents } from '../storage/content-events.js';
import type { Database } from '../storage/schema.js';
import { renderDocument } from '../views/layout.js';
import { SUPPORT_TAG } from './cta.js';
import { type ManagedDonor, managedDonor, portalFor } from './donor-account.js';
import { verifyDonorLink } from './donor-links.js';
import { setPublicListing } from './donors.js';
import { ManagePage } from './pages/manage-page.js';
import { RequestLinkPage } from './pages/request-link-page.js';
import type { PaymentProvider } from './payment-provider.js';
import { DONATION_RATES, donorKey, limitRate } from './rate-limits.js';
import { formField, requestNetwork, sendSupportPage, supportCsp } from './reader-replies.js';
import { sendYearlySummary } from './yearly-summary.js';

export interface DonorRoutesOptions {
  db: Kysely<Database>;
  payments: PaymentProvider;
  mailer: Mailer;
  site: SiteState;
  events: ContentEvents;
  secret: string;
  publicUrl: string;
  clock: () => Date;
  rates: RateLimitStore;
}

type TokenParams = { Params: { token: string } };

export function donorRoutes(options: DonorRoutesOptions) {
  const { db, site, clock, payments } = options;
  // The portal form redirects to the provider's page: form-action must allow it.
  // The site's policy is known once the security headers are registered (see register below).
  let csp = '';
  const send = (reply: FastifyReply, status: number, body: string) =>
    sendSupportPage(reply, csp, status, body);

  async function donorPage(request: FastifyRequest<TokenParams>) {
    const donorId = verifyDonorLink(options.secret, request.params.token, clock());
    return { donorId, managed: await managedDonor(db, donorId) };
  }

  const years = () => {
    const now = clock().getUTCFullYear();
    return Array.from({ length: 6 }, (_, i) => now - i);
  };

  async function managePage(
    reply: FastifyReply,
    token: string,
    managed: ManagedDonor,
    status: number,
    notes: { done?: string; error?: string } = {},
  ) {
    const ctx = await site.context();
    // The page's address is the donor's key: it must not travel to another site as a referrer.
    reply.header('referrer-policy', 'no-referrer');
    const page = <ManagePage ctx={ctx} token={token} managed={managed} years={years()} {...notes} />;
    return send(reply, status, renderDocument(page));
  }

  return async function register(app: FastifyInstance): Promise<void> {
    csp = supportCsp(app.contentSecurityPolicy, payments.redirectOrigins);
    app.get<TokenParams>('/support/manage/:token', async (request, reply) => {
      try {
        const { managed } = await donorPage(request);
        return managePage(reply, request.params.token, managed, 200);
      } catch (error) {
        if (!(error instanceof Forbidden)) throw error;
        const ctx = await site.context();
        return send(reply, 403, renderDocument(<RequestLinkPage ctx={ctx} problem={error.message} />));
      }
    });

    app.post<TokenParams>('/support/manage/:token/portal', async (request, reply) => {
      const { donorId } = await donorPage(request);
      const id = Number(formField(request.body, 'subscription'));
      if (!Number.isSafeInteger(id) || id <= 0) throw new Invalid('Choose a recurring donation to change.');
      await limitRate(
        options.rates,
        [{ rules: DONATION_RATES.portal, subject: requestNetwork(options.secret, request) }],
        clock(),
        'opening the payment page',
      );
      const returnUrl = `${options.publicUrl}/support/manage/${request.params.token}`;
      const url = await portalFor({ db, payments }, donorId, id, returnUrl);
      return reply.header('cache-control', 'no-store').redirect(url, 303);
    });

    app.post<TokenParams>('/support/manage/:token/summary', async (request, reply) => {
      const { donorId, managed } = await donorPage(request);
      const year = Number(formField(request.body, 'year'));
      if (!years().includes(year)) {
        const error = `Choose a year from ${years().at(-1)} to ${years()[0]}.`;
        return managePage(reply, request.params.token, managed, 400, { error });
      }
      try {
        await limitRate(
          options.rates,
          [
            { rules: DONATION_RATES.mailPerNetwork, subject: requestNetwork(options.secret, request) },
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
      const listed = formField(request.body, 'listed') === 'yes';
      await setPublicListing(db, donorId, listed, clock());
      // The list is on the cached support page.
      await options.events.changed([SUPPORT_TAG]);
      const managed = await managedDonor(db, donorId);
      return managePage(reply, request.params.token, managed, 200, {
        done: listed
          ? 'Your name is now on our list of supporters.'
          : 'Your name is no longer on our list of supporters.',
      });
    });
  };
}
