// POST /stripe/webhook: the raw body as Stripe signed it, to receiveWebhook; 400 for a bad signature (Stripe
// shows it to whoever set the webhook up), 5xx when recording failed, so that Stripe delivers it again.
import type { FastifyInstance } from 'fastify';
import { InvalidSignature } from '../payment-errors.js';
import { type LedgerDeps, receiveWebhook } from './webhook.js';

/** POST /stripe/webhook, in a plugin of its own so that its raw-body parser applies to no other route. */
export function webhookRoute(deps: LedgerDeps) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: 512 * 1024 },
      (_req, body, done) => done(null, body),
    );
    app.post(
      '/stripe/webhook',
      // Stripe is another server: it proves itself by signature, not by a browser's Origin header.
      { config: { csrf: false } },
      async (request, reply) => {
        const signature = request.headers['stripe-signature'];
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        try {
          const outcome = await receiveWebhook(
            { ...deps, log: request.log },
            body,
            typeof signature === 'string' ? signature : undefined,
          );
          return reply.header('cache-control', 'no-store').send({ received: true, outcome });
        } catch (error) {
          if (error instanceof InvalidSignature) {
            return reply
              .code(400)
              .header('cache-control', 'no-store')
              .send({ error: { code: error.code, message: error.message } });
          }
          throw error;
        }
      },
    );
  };
}
