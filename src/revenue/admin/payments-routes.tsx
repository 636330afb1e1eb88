// GET and POST /admin/donations/payments: choosing how readers give. Saving announces the change to every
// page showing the call-to-action, so it appears or goes away from the next page served.
import type { FastifyInstance } from 'fastify';
import { renderAdmin } from '../../admin/auth/render.js';
import { formText } from '../../admin/views/form.js';
import type { DomainError } from '../../http/errors.js';
import { readPaymentMode, savePaymentMode } from '../payment-mode.js';
import { adminOnly, saving } from './admin-replies.js';
import { PaymentsPage } from './payments-page.js';
import type { RevenueAdminOptions } from './routes.js';

export function paymentsRoutes(options: RevenueAdminOptions) {
  const { db, clock } = options;
  const webhookUrl = `${options.publicUrl}/stripe/webhook`;

  async function page(csrfToken: string, typed?: { mode: string; externalUrl: string }, error?: DomainError) {
    const [stored, inEffect] = await Promise.all([readPaymentMode(db), options.choice.current()]);
    return (
      <PaymentsPage
        csrfToken={csrfToken}
        inEffect={inEffect}
        mode={typed?.mode ?? stored.mode}
        externalUrl={typed?.externalUrl ?? stored.externalUrl}
        storedKeys={Boolean(stored.stripeSecretKey)}
        webhookUrl={webhookUrl}
        errors={error?.fields}
        message={error?.message}
      />
    );
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/admin/donations/payments', adminOnly, async (request, reply) =>
      renderAdmin(request, reply, { title: 'How readers give', body: await page(request.csrfToken) }),
    );

    app.post('/admin/donations/payments', adminOnly, async (request, reply) => {
      const input = {
        mode: formText(request.body, 'mode'),
        externalUrl: formText(request.body, 'external_url'),
        stripeSecretKey: formText(request.body, 'stripe_secret_key'),
        stripeWebhookSecret: formText(request.body, 'stripe_webhook_secret'),
      };
      return saving(
        reply,
        options.events,
        () => savePaymentMode(db, options.secret, input, clock()),
        async (error) =>
          renderAdmin(request, reply, {
            title: 'How readers give',
            status: error.status,
            body: await page(request.csrfToken, input, error),
          }),
        {
          text: 'Saved. The site follows the new choice from the next page served.',
          to: '/admin/donations/payments',
        },
      );
    });
  };
}
