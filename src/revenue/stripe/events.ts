// Stripe's webhook events: the signature checked on the raw body with our webhook secret, then each event
// we act on described in the domain's words (fetching from Stripe what the event itself leaves out).
import type Stripe from 'stripe';
import { InvalidSignature } from '../payment-errors.js';
import type { InvoiceFacts, PaymentEvent, VerifiedEvent } from '../payment-facts.js';
import type { StripeAccess } from './client.js';
import { checkoutFacts, date, idOf, REFERENCE, refundFacts, subscriptionFacts } from './facts.js';
import { paymentIntentOfInvoice } from './invoices.js';

/** The event, or InvalidSignature; an unsigned request is turned away before the SDK is even loaded. */
export async function verifyEvent(
  sdk: StripeAccess,
  webhookSecret: string,
  rawBody: Buffer,
  signature: string | undefined,
): Promise<VerifiedEvent> {
  if (!signature || !webhookSecret) throw new InvalidSignature();
  const stripe = await sdk.client();
  try {
    const event = stripe.webhooks.constructEvent(rawBody, signature, webhookSecret);
    return {
      id: event.id,
      type: event.type,
      created: new Date(event.created * 1000),
      object: event.data.object,
    };
  } catch {
    throw new InvalidSignature();
  }
}

export async function describeEvent(stripe: Stripe, event: VerifiedEvent): Promise<PaymentEvent> {
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      return { kind: 'checkout_completed', checkout: checkoutFacts(event.object as Stripe.Checkout.Session) };
    case 'invoice.paid':
      return {
        kind: 'invoice_paid',
        invoice: await invoiceFacts(stripe, event.object as Stripe.Invoice, true),
      };
    case 'invoice.payment_failed':
      return {
        kind: 'invoice_failed',
        invoice: await invoiceFacts(stripe, event.object as Stripe.Invoice, false),
      };
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted':
      return {
        kind: 'subscription_changed',
        subscription: subscriptionFacts(event.object as Stripe.Subscription),
      };
    case 'charge.refunded':
      return chargeRefunded(stripe, event.object as Stripe.Charge);
    default:
      return { kind: 'ignored' };
  }
}

async function invoiceFacts(
  stripe: Stripe,
  invoice: Stripe.Invoice,
  withPayment: boolean,
): Promise<InvoiceFacts> {
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
    paymentIntentId: withPayment ? await paymentIntentOfInvoice(stripe, invoice) : null,
    paidAt: date(invoice.status_transitions.paid_at),
    first: invoice.billing_reason === 'subscription_create',
    subscription: subscriptionId
      ? subscriptionFacts(await stripe.subscriptions.retrieve(subscriptionId))
      : null,
  };
}

async function chargeRefunded(stripe: Stripe, charge: Stripe.Charge): Promise<PaymentEvent> {
  const paymentIntentId = idOf(charge.payment_intent);
  if (!paymentIntentId) return { kind: 'ignored' };
  const refunds = charge.refunds?.data ?? (await stripe.refunds.list({ charge: charge.id, limit: 100 })).data;
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
