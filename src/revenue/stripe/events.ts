// Stripe's webhook events: the signature checked on the raw body with our webhook secret, then each event
// we act on described in the domain's words (fetching from Stripe what the event itself leaves out). A signed
// event we cannot read is MalformedEvent; one naming an object Stripe no longer knows is 'unmatched'.
import type Stripe from 'stripe';
import { InvalidSignature, MalformedEvent } from '../payment-errors.js';
import type { InvoiceFacts, PaymentEvent, VerifiedEvent } from '../payment-facts.js';
import { isNotFound, type StripeAccess } from './client.js';
import { eventEnvelope, readAs } from './event-shapes.js';
import { checkoutFacts, date, idOf, REFERENCE, refundFacts, subscriptionFacts } from './facts.js';
import { paymentIntentOfInvoice } from './invoices.js';

/**
 * The event, or InvalidSignature (missing or wrong) or MalformedEvent (signed, but not an event: not JSON,
 * or no id, type, time or object); an unsigned request is turned away before the SDK is even loaded.
 */
export async function verifyEvent(
  sdk: StripeAccess,
  webhookSecret: string,
  rawBody: Buffer,
  signature: string | undefined,
): Promise<VerifiedEvent> {
  if (!signature || !webhookSecret) throw new InvalidSignature();
  const stripe = await sdk.client();
  let event: unknown;
  try {
    // The signature is checked on the raw bytes first; only then are they parsed (a SyntaxError here).
    event = stripe.webhooks.constructEvent(rawBody, signature, webhookSecret);
  } catch (error) {
    if (error instanceof SyntaxError) throw new MalformedEvent('the body is not JSON');
    throw new InvalidSignature();
  }
  const envelope = eventEnvelope.safeParse(event);
  if (!envelope.success) {
    throw new MalformedEvent(`the event has no ${envelope.error.issues[0]!.path.join('.') || 'content'}`);
  }
  const { id, type, created, data } = envelope.data;
  return { id, type, created: new Date(created * 1000), object: data.object };
}

/**
 * The event in the domain's words. A real event that names an object Stripe answers 404 for (a subscription
 * deleted since, an event from another account's test data) cannot be matched to anything; it is described
 * as 'unmatched' with Stripe's reason, so that it is kept for reconciliation rather than retried for days.
 */
export async function describeEvent(stripe: Stripe, event: VerifiedEvent): Promise<PaymentEvent> {
  try {
    return await describeKnown(stripe, event);
  } catch (error) {
    if (!isNotFound(stripe, error)) throw error;
    const said = (error as Error).message.slice(0, 200);
    return { kind: 'unmatched', reason: `Stripe does not know what it names: ${said}` };
  }
}

async function describeKnown(stripe: Stripe, event: VerifiedEvent): Promise<PaymentEvent> {
  const where = `${event.type} ${event.id}`;
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      return {
        kind: 'checkout_completed',
        checkout: checkoutFacts(readAs('checkoutSession', event.object, where)),
      };
    case 'invoice.paid':
      return {
        kind: 'invoice_paid',
        invoice: await invoiceFacts(stripe, readAs('invoice', event.object, where), true),
      };
    case 'invoice.payment_failed':
      return {
        kind: 'invoice_failed',
        invoice: await invoiceFacts(stripe, readAs('invoice', event.object, where), false),
      };
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted':
      return {
        kind: 'subscription_changed',
        subscription: subscriptionFacts(readAs('subscription', event.object, where)),
      };
    case 'charge.refunded':
      return chargeRefunded(stripe, readAs('charge', event.object, where));
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
      ? subscriptionFacts(
          readAs('subscription', await stripe.subscriptions.retrieve(subscriptionId), subscriptionId),
        )
      : null,
  };
}

async function chargeRefunded(stripe: Stripe, charge: Stripe.Charge): Promise<PaymentEvent> {
  const paymentIntentId = idOf(charge.payment_intent);
  if (!paymentIntentId) return { kind: 'ignored' };
  const refunds =
    charge.refunds?.data ??
    (await stripe.refunds.list({ charge: charge.id, limit: 100 })).data.map((r) =>
      readAs('refund', r, charge.id),
    );
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
