// Checkout Sessions at Stripe: one opened for each donation form sent (a payment for a one-time gift, a
// subscription for a recurring one), and read back when the donor returns to the thank-you page.

import { PaymentProviderFailed } from '../payment-errors.js';
import type { CheckoutFacts } from '../payment-facts.js';
import type { CheckoutRequest, StartedCheckout } from '../payment-provider.js';
import type { DonationCatalogue } from './catalogue.js';
import { isNotFound, type StripeAccess } from './client.js';
import { checkoutFacts, REFERENCE } from './facts.js';

export function startCheckout(
  sdk: StripeAccess,
  catalogue: DonationCatalogue,
  request: CheckoutRequest,
): Promise<StartedCheckout> {
  return sdk.call(async (stripe) => {
    const price = await catalogue.price(request.interval, request.totalAmount, request.currency);
    const metadata = { [REFERENCE]: request.reference };
    const session = await stripe.checkout.sessions.create(
      {
        mode: request.interval === 'once' ? 'payment' : 'subscription',
        line_items: [{ price, quantity: 1 }],
        client_reference_id: request.reference,
        metadata,
        success_url: `${request.successUrl}?session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: request.cancelUrl,
        customer_email: request.donorEmail,
        ...(request.interval === 'once'
          ? {
              submit_type: 'donate' as const,
              // A customer for one-time gifts too: refunds, receipts and the portal find the donor by it.
              customer_creation: 'always' as const,
              payment_intent_data: { metadata, description: request.description },
            }
          : { subscription_data: { metadata, description: request.description } }),
      },
      { idempotencyKey: `checkout-${request.reference}` },
    );
    if (!session.url) throw new PaymentProviderFailed();
    return { sessionId: session.id, url: session.url };
  });
}

export function getCheckout(sdk: StripeAccess, sessionId: string): Promise<CheckoutFacts | null> {
  return sdk.call(async (stripe) => {
    try {
      return checkoutFacts(await stripe.checkout.sessions.retrieve(sessionId));
    } catch (error) {
      if (isNotFound(stripe, error)) return null;
      throw error;
    }
  });
}
