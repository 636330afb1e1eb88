// POST /stripe/webhook: the raw body as Stripe signed it, to receiveWebhook. Every answer is JSON, for Stripe
// (which shows it to whoever set the webhook up), never a reader's page: 200 for an event recorded, ignored or
// kept unmatched for reconciliation; 400 for a bad signature or a signed body that is not an event we can
// read (Stripe would only send it again); 503 when recording failed (the database is down, Stripe out of
// reach), so that Stripe delivers it again.
import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError } from '../../http/errors.js';
import { type LedgerDeps, receiveWebhook } from './webhook.js';

/** POST /stripe/webhook, in a plugin of its own so that its raw-body parser applies to no other route. */
export function webhookRoute(deps: LedgerDeps) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: 512 * 1024 },
      (_req, body, done) => done(null, body),
    );
    // Applies to this plugin's route only: Stripe gets JSON whatever went wrong, with no stack or row in it.
    app.setErrorHandler((error: FastifyError | DomainError, request, reply) => {
      reply.header('cache-control', 'no-store');
      if (error instanceof DomainError && error.status < 500) {
        return reply.code(error.status).send({ error: { code: error.code, message: error.message } });
      }
      const status = (error as FastifyError).statusCode;
      if (typeof status === 'number' && status >= 400 && status < 500) {
        // Fastify's own refusals: another content type (415), a body over the limit (413).
        const code = (error as FastifyError).code ?? 'BAD_REQUEST';
        return reply.code(status).send({ error: { code, message: 'That is not a webhook event we take.' } });
      }
      // A database error may quote a row (an email); its code is enough to act on.
      request.log.error(
        { code: (error as { code?: string }).code, name: error.name },
        'Stripe webhook not recorded; Stripe will retry',
      );
      return reply.code(503).send({
        error: { code: 'NOT_RECORDED', message: 'The event could not be recorded now; please retry.' },
      });
    });
    app.post(
      '/stripe/webhook',
      // Stripe is another server: it proves itself by signature, not by a browser's Origin header.
      { config: { csrf: false } },
      async (request, reply) => {
        const signature = request.headers['stripe-signature'];
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const outcome = await receiveWebhook(
          { ...deps, log: request.log },
          body,
          typeof signature === 'string' ? signature : undefined,
        );
        return reply.header('cache-control', 'no-store').send({ received: true, outcome });
      },
    );
  };
}
