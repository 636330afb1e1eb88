// Asking for a donor link: the form, and the answer that a link is on its way, which is the same whether or
// not the address belongs to a donor (the mail goes out after the answer; see mailDonorLink).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { TooManyRequests } from '../http/errors.js';
import type { RateLimitStore } from '../http/rate-limit-store.js';
import type { Mailer } from '../mail/mailer.js';
import type { SiteState } from '../site/site-state.js';
import type { Database } from '../storage/schema.js';
import { renderDocument } from '../views/layout.js';
import { mailDonorLink } from './donor-links.js';
import { isEmailAddress } from './donors.js';
import { RequestLinkPage } from './pages/request-link-page.js';
import type { PaymentProvider } from './payment-provider.js';
import { DONATION_RATES, limitRate } from './rate-limits.js';
import { formField, requestNetwork, sendSupportPage, supportCsp } from './reader-replies.js';

export interface DonorLinkRoutesOptions {
  db: Kysely<Database>;
  payments: PaymentProvider;
  mailer: Mailer;
  site: SiteState;
  secret: string;
  publicUrl: string;
  clock: () => Date;
  rates: RateLimitStore;
}

export function donorLinkRoutes(options: DonorLinkRoutesOptions) {
  const { db, site, clock } = options;
  // Links being mailed after their answer was sent; closing the app waits for them.
  const mailing = new Set<Promise<void>>();

  return async function register(app: FastifyInstance): Promise<void> {
    const csp = supportCsp(app.contentSecurityPolicy, options.payments.redirectOrigins);
    const send = (reply: FastifyReply, status: number, body: string) =>
      sendSupportPage(reply, csp, status, body);
    app.addHook('onClose', async () => {
      await Promise.all(mailing);
    });

    app.get('/support/manage', async (_request, reply) =>
      send(reply, 200, renderDocument(<RequestLinkPage ctx={await site.context()} />)),
    );

    app.post('/support/manage', async (request, reply) => {
      const email = formField(request.body, 'email').trim();
      const ctx = await site.context();
      if (!isEmailAddress(email.toLowerCase())) {
        const page = (
          <RequestLinkPage ctx={ctx} email={email} error="Enter an email address such as name@example.org." />
        );
        return send(reply, 400, renderDocument(page));
      }
      try {
        await limitRate(
          options.rates,
          [{ rules: DONATION_RATES.mailPerNetwork, subject: requestNetwork(options.secret, request) }],
          clock(),
          'asking for links',
        );
      } catch (error) {
        if (!(error instanceof TooManyRequests)) throw error;
        const page = <RequestLinkPage ctx={ctx} email={email} error={error.message} />;
        return send(reply, 429, renderDocument(page));
      }
      // Looked up and sent after the answer: how long the page takes must not tell whether the address
      // belongs to a donor. A failure is logged (without the address); the donor can ask again.
      const sending = mailDonorLink(
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
      ).catch((error: unknown) => {
        const { code, responseCode } = error as { code?: string; responseCode?: number };
        request.log.error({ code: code ?? responseCode }, 'donor link not sent');
      });
      mailing.add(sending);
      void sending.finally(() => mailing.delete(sending));
      return send(reply, 200, renderDocument(<RequestLinkPage ctx={ctx} sent />));
    });
  };
}
