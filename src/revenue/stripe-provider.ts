// PaymentProvider on Stripe, through the official SDK (the parts are in stripe/): Checkout Sessions for
// one-time and recurring gifts, signed webhooks, the customer portal, and listings for reconciliation.
// The SDK is imported on first use, never when payments are not configured (see stripe/client.ts).
import type { Config } from '../config.js';
import type { PaymentProvider } from './payment-provider.js';
import { donationCatalogue } from './stripe/catalogue.js';
import { getCheckout, startCheckout } from './stripe/checkout.js';
import { type StripeOptions, stripeAccess } from './stripe/client.js';
import { describeEvent, verifyEvent } from './stripe/events.js';
import { invoicePaidBy, paymentIntentOfInvoice } from './stripe/invoices.js';
import { listCharges, listSubscriptions } from './stripe/listings.js';
import { donorPortal } from './stripe/portal.js';
import { unconfiguredPayments } from './unconfigured-payments.js';

export type { StripeOptions } from './stripe/client.js';

export function stripePayments(options: StripeOptions): PaymentProvider {
  const sdk = stripeAccess(options);
  const catalogue = donationCatalogue(sdk, options.productName);
  const portalUrl = donorPortal(sdk, catalogue);
  const apiOrigin = options.api ? `${options.api.protocol}://${options.api.host}:${options.api.port}` : null;
  return {
    configured: true,
    redirectOrigins: apiOrigin ? [apiOrigin] : ['https://checkout.stripe.com', 'https://billing.stripe.com'],
    startCheckout: (request) => startCheckout(sdk, catalogue, request),
    getCheckout: (sessionId) => getCheckout(sdk, sessionId),
    verifyEvent: (rawBody, signature) => verifyEvent(sdk, options.webhookSecret, rawBody, signature),
    describeEvent: async (event) => describeEvent(await sdk.client(), event),
    portalUrl,
    paymentIntentOfInvoice: async (invoiceId) => paymentIntentOfInvoice(await sdk.client(), invoiceId),
    invoicePaidBy: async (paymentIntentId) => invoicePaidBy(await sdk.client(), paymentIntentId),
    async *listCharges(from, to) {
      yield* listCharges(await sdk.client(), from, to);
    },
    async *listSubscriptions(from, to) {
      yield* listSubscriptions(await sdk.client(), from, to);
    },
  };
}

/** Stripe when both keys are set, otherwise a provider that says payments are not configured. */
export function paymentsFromConfig(stripe: Config['stripe'], productName?: string): PaymentProvider {
  if (!stripe) return unconfiguredPayments();
  return stripePayments({ ...stripe, api: stripe.api, productName });
}
