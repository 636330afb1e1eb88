// Which way of giving is in effect, and the payment provider that follows it: Stripe keys in the environment
// win; otherwise the newsroom's choice (payment-mode.ts), read from the database on each use so that every
// instance follows a change at once. A Stripe client is built once per pair of stored keys.
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { PaymentsNotConfigured } from './payment-errors.js';
import { openStripeKeys, type PaymentMode, readPaymentMode, stripeKeyKind } from './payment-mode.js';
import type { PaymentProvider } from './payment-provider.js';
import { stripePayments } from './stripe-provider.js';

export interface PaymentsInEffect {
  mode: PaymentMode;
  /** Where the external mode sends donors; empty otherwise. */
  externalUrl: string;
  /** Whether the keys in use take real money; null without Stripe. */
  stripeKind: 'test' | 'live' | null;
  /** Environment keys win over the newsroom's choice, and the screen says so. */
  source: 'environment' | 'newsroom';
  provider: PaymentProvider | null;
}

export interface PaymentChoice {
  current(): Promise<PaymentsInEffect>;
  /** The provider the rest of the domain uses: the one in effect at each call, refusing when there is none. */
  payments: PaymentProvider;
}

export interface PaymentChoiceOptions {
  db: Kysely<Database>;
  appSecret: string;
  /** The provider built from the environment's keys (or a test's stand-in); wins when configured. */
  environment: PaymentProvider;
  /** Builds a Stripe provider from stored keys; the official SDK by default. */
  stripe?: (keys: { secretKey: string; webhookSecret: string }) => PaymentProvider;
  environmentKind?: 'test' | 'live' | null;
}

const STRIPE_ORIGINS = ['https://checkout.stripe.com', 'https://billing.stripe.com'];

export function paymentChoice(options: PaymentChoiceOptions): PaymentChoice {
  const buildStripe = options.stripe ?? ((keys) => stripePayments(keys));
  if (options.environment.configured) {
    const inEffect: PaymentsInEffect = {
      mode: 'stripe',
      externalUrl: '',
      stripeKind: options.environmentKind ?? null,
      source: 'environment',
      provider: options.environment,
    };
    return { current: async () => inEffect, payments: options.environment };
  }

  let built: { id: string; provider: PaymentProvider } | null = null;
  async function current(): Promise<PaymentsInEffect> {
    const settings = await readPaymentMode(options.db);
    const keys = openStripeKeys(settings, options.appSecret);
    if (settings.mode === 'stripe' && keys) {
      const id = `${settings.stripeSecretKey}|${settings.stripeWebhookSecret}`;
      if (built?.id !== id) built = { id, provider: buildStripe(keys) };
      return {
        mode: 'stripe',
        externalUrl: '',
        stripeKind: stripeKeyKind(keys.secretKey),
        source: 'newsroom',
        provider: built.provider,
      };
    }
    // Stripe chosen but its keys do not open (APP_SECRET changed): nothing may look as if it takes money.
    const mode = settings.mode === 'external' && settings.externalUrl ? 'external' : 'off';
    return {
      mode,
      externalUrl: mode === 'external' ? settings.externalUrl : '',
      stripeKind: null,
      source: 'newsroom',
      provider: null,
    };
  }

  async function provider(): Promise<PaymentProvider> {
    const inEffect = await current();
    if (!inEffect.provider) throw new PaymentsNotConfigured();
    return inEffect.provider;
  }

  const payments: PaymentProvider = {
    configured: true,
    redirectOrigins: STRIPE_ORIGINS,
    startCheckout: async (request) => (await provider()).startCheckout(request),
    getCheckout: async (sessionId) => (await provider()).getCheckout(sessionId),
    verifyEvent: async (body, signature) => (await provider()).verifyEvent(body, signature),
    describeEvent: async (event) => (await provider()).describeEvent(event),
    portalUrl: async (customerId, returnUrl, offer) =>
      (await provider()).portalUrl(customerId, returnUrl, offer),
    paymentIntentOfInvoice: async (invoiceId) => (await provider()).paymentIntentOfInvoice(invoiceId),
    invoicePaidBy: async (paymentIntentId) => (await provider()).invoicePaidBy(paymentIntentId),
    async *listCharges(from, to) {
      yield* (await provider()).listCharges(from, to);
    },
    async *listSubscriptions(from, to) {
      yield* (await provider()).listSubscriptions(from, to);
    },
  };
  return { current, payments };
}
