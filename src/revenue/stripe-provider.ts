// PaymentProvider on Stripe, through the official SDK: Checkout Sessions for one-time and recurring gifts
// (one Product, Prices reused by lookup key), signed webhooks, the customer portal, and listings for
// reconciliation. host/port/protocol point the SDK at a stand-in in tests.
import Stripe from 'stripe';
import type { Config } from '../config.js';
import type { DonationInterval } from '../storage/schema.js';
import {
  type ChargeRecord,
  type CheckoutRequest,
  InvalidSignature,
  type InvoiceFacts,
  type PaidInvoice,
  type PaymentEvent,
  type PaymentProvider,
  PaymentProviderFailed,
  type PortalOffer,
  type SubscriptionRecord,
  unconfiguredPayments,
  type VerifiedEvent,
} from './payment-provider.js';
import { checkoutFacts, date, idOf, REFERENCE, refundFacts, subscriptionFacts } from './stripe-facts.js';

export interface StripeOptions {
  secretKey: string;
  webhookSecret: string;
  /** Another API server speaking Stripe's protocol (tests); Stripe's own when unset. */
  api?: { host: string; port: number; protocol: 'http' | 'https' };
  productName?: string;
}

const PRODUCT_ID = 'broadsheet_donation';
// Marks the customer portal configuration we made, so that every instance finds and reuses it. The "_v1" is
// the mark's first spelling: kept, so that a configuration made before donors could change their amount is
// rebuilt rather than left beside a second one.
const PORTAL_CONFIGURATION = 'broadsheet_donations_v1';
// Metadata key for what the configuration was last built to offer (see portalVersion).
const PORTAL_VERSION = 'broadsheet_offer';
// Raised whenever the portal's features change, so that configurations built before are rebuilt.
const PORTAL_LAYOUT = 2;

/** What a portal configuration offers, in a few characters (metadata values hold up to 500). */
function portalVersion(offer: PortalOffer): string {
  return [
    `layout ${PORTAL_LAYOUT}`,
    offer.currency.toUpperCase(),
    `month ${offer.amounts.month.join(',')}`,
    `year ${offer.amounts.year.join(',')}`,
  ].join('; ');
}

export function stripePayments(options: StripeOptions): PaymentProvider {
  const stripe = new Stripe(options.secretKey, {
    telemetry: false,
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...(options.api
      ? { host: options.api.host, port: options.api.port, protocol: options.api.protocol }
      : {}),
  });
  const apiOrigin = options.api ? `${options.api.protocol}://${options.api.host}:${options.api.port}` : null;
  let product: Promise<string> | null = null;
  const portalBuilds = new Map<string, Promise<string>>();

  // The one Product every donation Price hangs on, created on first use under a fixed id.
  function donationProduct(): Promise<string> {
    product ??= (async () => {
      try {
        return (await stripe.products.retrieve(PRODUCT_ID)).id;
      } catch (error) {
        if (!(error instanceof Stripe.errors.StripeError) || error.statusCode !== 404) throw error;
        const created = await stripe.products.create(
          { id: PRODUCT_ID, name: options.productName ?? 'Donation' },
          { idempotencyKey: `product-${PRODUCT_ID}` },
        );
        return created.id;
      }
    })();
    product.catch(() => {
      product = null;
    });
    return product;
  }

  // Prices are immutable at Stripe; one per interval, currency and amount, found again by its lookup key.
  async function donationPrice(
    interval: DonationInterval,
    amount: number,
    currency: string,
  ): Promise<string> {
    const lookupKey = `broadsheet_${interval}_${currency.toLowerCase()}_${amount}`;
    const found = await stripe.prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 });
    if (found.data[0]) return found.data[0].id;
    // No idempotency key of ours: for a day it would hand back the same Price, even one archived since. Two
    // requests racing here leave one spare Price, which is harmless; the SDK keys its own retries.
    const created = await stripe.prices.create({
      product: await donationProduct(),
      unit_amount: amount,
      currency: currency.toLowerCase(),
      lookup_key: lookupKey,
      // A Price archived in Stripe's dashboard keeps its lookup key; the new one takes it over.
      transfer_lookup_key: true,
      ...(interval === 'once' ? {} : { recurring: { interval } }),
    });
    return created.id;
  }

  // The portal as donors need it, whatever the account's default (which a new account does not even have):
  // change the amount to one of our suggested ones, update the card, see past payments, cancel at once; never
  // prorated (what was given stays given, a new amount applies from the next payment). One configuration of
  // ours, found again by its mark and rebuilt in place whenever what it offers differs from the settings, so
  // that every instance opens the same portal and a change of amounts or currency reaches donors at once.
  async function portalConfiguration(offer: PortalOffer): Promise<string> {
    const version = portalVersion(offer);
    let ours: Stripe.BillingPortal.Configuration | undefined;
    for await (const c of stripe.billingPortal.configurations.list({ active: true, limit: 100 })) {
      if (c.metadata?.broadsheet !== PORTAL_CONFIGURATION) continue;
      if (c.metadata[PORTAL_VERSION] === version) return c.id;
      ours ??= c;
    }
    const target = ours?.id ?? null;
    // Two portals opened at once in this instance build it once.
    const key = `${target ?? 'new'} ${version}`;
    let build = portalBuilds.get(key);
    if (!build) {
      build = (async () => {
        const params = {
          name: 'Donations',
          metadata: { broadsheet: PORTAL_CONFIGURATION, [PORTAL_VERSION]: version },
          features: await portalFeatures(offer),
        };
        const built = target
          ? await stripe.billingPortal.configurations.update(target, params)
          : await stripe.billingPortal.configurations.create(params);
        return built.id;
      })();
      portalBuilds.set(key, build);
      void build.finally(() => portalBuilds.delete(key)).catch(() => {});
    }
    return build;
  }

  async function portalFeatures(
    offer: PortalOffer,
  ): Promise<Stripe.BillingPortal.ConfigurationCreateParams.Features> {
    const prices: string[] = [];
    for (const interval of ['month', 'year'] as const) {
      for (const amount of offer.amounts[interval]) {
        prices.push(await donationPrice(interval, amount, offer.currency));
      }
    }
    return {
      payment_method_update: { enabled: true },
      invoice_history: { enabled: true },
      subscription_cancel: { enabled: true, mode: 'immediately', proration_behavior: 'none' },
      subscription_update: {
        enabled: true,
        default_allowed_updates: ['price'],
        products: [{ product: await donationProduct(), prices }],
        proration_behavior: 'none',
      },
    };
  }

  async function paymentIntentOfInvoice(invoice: Stripe.Invoice | string): Promise<string | null> {
    const inline = typeof invoice === 'string' ? undefined : invoice.payments?.data;
    const payments =
      inline ?? (await stripe.invoicePayments.list({ invoice: idOf(invoice)!, limit: 10 })).data;
    const paid = payments.find((p) => p.status === 'paid') ?? payments[0];
    return idOf(paid?.payment.payment_intent);
  }

  async function invoiceFacts(invoice: Stripe.Invoice, withPayment: boolean): Promise<InvoiceFacts> {
    const details = invoice.parent?.subscription_details;
    const subscriptionId = idOf(details?.subscription);
    return {
      invoiceId: invoice.id,
      subscriptionId,
      reference: details?.metadata?.[REFERENCE] ?? null,
      customerId: idOf(invoice.customer),
      email: invoice.customer_email,
      name: invoice.customer_name,
      amountPaid: invoice.amount_paid,
      currency: invoice.currency.toUpperCase(),
      paymentIntentId: withPayment ? await paymentIntentOfInvoice(invoice) : null,
      paidAt: date(invoice.status_transitions.paid_at),
      first: invoice.billing_reason === 'subscription_create',
      subscription: subscriptionId
        ? subscriptionFacts(await stripe.subscriptions.retrieve(subscriptionId))
        : null,
    };
  }

  // Stripe's own errors say what went wrong with our request; the donor gets a plain message either way.
  async function calling<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof Stripe.errors.StripeError) {
        // Type, code and status say what to fix (a wrong key, a closed account); messages may quote what a
        // donor typed, so they stay out of the log.
        throw new PaymentProviderFailed(
          undefined,
          `${error.type} ${error.code ?? ''} ${error.statusCode ?? ''}`.trim(),
        );
      }
      throw error;
    }
  }

  return {
    configured: true,
    redirectOrigins: apiOrigin ? [apiOrigin] : ['https://checkout.stripe.com', 'https://billing.stripe.com'],

    startCheckout: (request: CheckoutRequest) =>
      calling(async () => {
        const price = await donationPrice(request.interval, request.totalAmount, request.currency);
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
      }),

    getCheckout: (sessionId) =>
      calling(async () => {
        try {
          return checkoutFacts(await stripe.checkout.sessions.retrieve(sessionId));
        } catch (error) {
          if (error instanceof Stripe.errors.StripeError && error.statusCode === 404) return null;
          throw error;
        }
      }),

    verifyEvent(rawBody, signature) {
      if (!signature || !options.webhookSecret) throw new InvalidSignature();
      try {
        const event = stripe.webhooks.constructEvent(rawBody, signature, options.webhookSecret);
        return {
          id: event.id,
          type: event.type,
          created: new Date(event.created * 1000),
          object: event.data.object,
        };
      } catch {
        throw new InvalidSignature();
      }
    },

    async describeEvent(event: VerifiedEvent): Promise<PaymentEvent> {
      switch (event.type) {
        case 'checkout.session.completed':
        case 'checkout.session.async_payment_succeeded':
          return {
            kind: 'checkout_completed',
            checkout: checkoutFacts(event.object as Stripe.Checkout.Session),
          };
        case 'invoice.paid':
          return { kind: 'invoice_paid', invoice: await invoiceFacts(event.object as Stripe.Invoice, true) };
        case 'invoice.payment_failed':
          return {
            kind: 'invoice_failed',
            invoice: await invoiceFacts(event.object as Stripe.Invoice, false),
          };
        case 'customer.subscription.created':
        case 'customer.subscription.updated':
        case 'customer.subscription.deleted':
          return {
            kind: 'subscription_changed',
            subscription: subscriptionFacts(event.object as Stripe.Subscription),
          };
        case 'charge.refunded': {
          const charge = event.object as Stripe.Charge;
          const paymentIntentId = idOf(charge.payment_intent);
          if (!paymentIntentId) return { kind: 'ignored' };
          const refunds =
            charge.refunds?.data ?? (await stripe.refunds.list({ charge: charge.id, limit: 100 })).data;
          return {
            kind: 'charge_refunded',
            charge: {
              chargeId: charge.id,
              paymentIntentId,
              currency: charge.currency.toUpperCase(),
              refunds: refunds.map(refundFacts),
            },
          };
        }
        default:
          return { kind: 'ignored' };
      }
    },

    portalUrl: (customerId, returnUrl, offer) =>
      calling(async () => {
        const configuration = await portalConfiguration(offer);
        const session = await stripe.billingPortal.sessions.create({
          customer: customerId,
          return_url: returnUrl,
          configuration,
        });
        return session.url;
      }),

    paymentIntentOfInvoice: (invoiceId) => paymentIntentOfInvoice(invoiceId),

    async invoicePaidBy(paymentIntentId): Promise<PaidInvoice | null> {
      // Since the 2025 API versions neither a charge nor a payment intent names its invoice; the invoice's
      // payments do.
      const found = await stripe.invoicePayments.list({
        payment: { type: 'payment_intent', payment_intent: paymentIntentId },
        limit: 1,
        expand: ['data.invoice'],
      });
      const invoice = found.data[0]?.invoice;
      if (!invoice) return null;
      if (typeof invoice === 'string' || 'deleted' in invoice)
        return { invoiceId: idOf(invoice)!, subscriptionId: null, reference: null };
      const details = invoice.parent?.subscription_details;
      return {
        invoiceId: invoice.id,
        subscriptionId: idOf(details?.subscription),
        reference: details?.metadata?.[REFERENCE] ?? null,
      };
    },

    async *listCharges(from, to): AsyncIterable<ChargeRecord> {
      const created = { gte: Math.floor(from.getTime() / 1000), lte: Math.floor(to.getTime() / 1000) };
      // Our reference is set on the payment intent (payment_intent_data.metadata); a charge's own metadata need
      // not carry it.
      const listing = stripe.charges.list({ created, limit: 100, expand: ['data.payment_intent'] });
      for await (const charge of listing) {
        const intent = typeof charge.payment_intent === 'object' ? charge.payment_intent : null;
        yield {
          chargeId: charge.id,
          paymentIntentId: idOf(charge.payment_intent),
          amount: charge.amount,
          amountRefunded: charge.amount_refunded,
          currency: charge.currency.toUpperCase(),
          succeeded: charge.status === 'succeeded',
          created: date(charge.created)!,
          reference: intent?.metadata?.[REFERENCE] ?? charge.metadata?.[REFERENCE] ?? null,
          customerId: idOf(charge.customer),
        };
      }
    },

    async *listSubscriptions(from, to): AsyncIterable<SubscriptionRecord> {
      const created = { gte: Math.floor(from.getTime() / 1000), lte: Math.floor(to.getTime() / 1000) };
      for await (const sub of stripe.subscriptions.list({ created, status: 'all', limit: 100 })) {
        const facts = subscriptionFacts(sub);
        yield {
          subscriptionId: sub.id,
          status: sub.status,
          amount: facts.amount,
          currency: facts.currency,
          created: date(sub.created)!,
          reference: facts.reference,
        };
      }
    },
  };
}

/** Stripe when both keys are set, otherwise a provider that says payments are not configured. */
export function paymentsFromConfig(stripe: Config['stripe'], productName?: string): PaymentProvider {
  if (!stripe) return unconfiguredPayments();
  return stripePayments({ ...stripe, api: stripe.api, productName });
}
