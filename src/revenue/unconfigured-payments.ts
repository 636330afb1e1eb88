// The payment provider of a site without payment keys: it says so and refuses everything, and loads no
// payment SDK, so that such a site starts as fast as one without reader revenue.
import { PaymentsNotConfigured } from './payment-errors.js';
import type { PaymentProvider } from './payment-provider.js';

export function unconfiguredPayments(): PaymentProvider {
  const refuse = (): never => {
    throw new PaymentsNotConfigured();
  };
  return {
    configured: false,
    redirectOrigins: [],
    startCheckout: async () => refuse(),
    getCheckout: async () => refuse(),
    verifyEvent: async () => refuse(),
    describeEvent: async () => refuse(),
    portalUrl: async () => refuse(),
    paymentIntentOfInvoice: async () => refuse(),
    invoicePaidBy: async () => refuse(),
    listCharges: () => refuse(),
    listSubscriptions: () => refuse(),
  };
}
