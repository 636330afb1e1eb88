// Between an invoice and the payment that paid it, both ways: since the 2025 API versions neither a charge
// nor a payment intent names its invoice, and an invoice names its payment only through its payments list.
import type Stripe from 'stripe';
import type { PaidInvoice } from '../payment-records.js';
import { idOf, REFERENCE } from './facts.js';

export async function paymentIntentOfInvoice(
  stripe: Stripe,
  invoice: Stripe.Invoice | string,
): Promise<string | null> {
  const inline = typeof invoice === 'string' ? undefined : invoice.payments?.data;
  const payments = inline ?? (await stripe.invoicePayments.list({ invoice: idOf(invoice)!, limit: 10 })).data;
  const paid = payments.find((p) => p.status === 'paid') ?? payments[0];
  return idOf(paid?.payment.payment_intent);
}

export async function invoicePaidBy(stripe: Stripe, paymentIntentId: string): Promise<PaidInvoice | null> {
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
}
