// What the payment provider tells us, in the domain's words: the facts of a checkout, an invoice, a recurring
// donation and a refund, and the events that carry them (a webhook, checked and then described).

export interface CheckoutFacts {
  sessionId: string;
  reference: string | null;
  mode: 'payment' | 'subscription';
  /** open: the donor has not finished; complete: finished (paid, or a bank payment still clearing); expired. */
  state: 'open' | 'complete' | 'expired';
  /** Finished and the money taken (or the first invoice paid). */
  paid: boolean;
  paymentIntentId: string | null;
  invoiceId: string | null;
  subscriptionId: string | null;
  customerId: string | null;
  email: string | null;
  name: string | null;
  amountTotal: number;
  currency: string;
}

export interface InvoiceFacts {
  invoiceId: string;
  subscriptionId: string | null;
  reference: string | null;
  customerId: string | null;
  email: string | null;
  name: string | null;
  amountPaid: number;
  currency: string;
  paymentIntentId: string | null;
  paidAt: Date | null;
  /** The first invoice of a subscription carries the checkout's dedication, campaign and article. */
  first: boolean;
  /** The recurring donation as it is now, so that an invoice arriving first can create it. */
  subscription: SubscriptionFacts | null;
}

export interface SubscriptionFacts {
  subscriptionId: string;
  customerId: string;
  reference: string | null;
  status: string;
  amount: number;
  currency: string;
  interval: 'month' | 'year';
  startedAt: Date;
  endedAt: Date | null;
}

export interface RefundFacts {
  refundId: string;
  amount: number;
  currency: string;
  status: string;
  createdAt: Date;
}

export interface ChargeRefundFacts {
  chargeId: string;
  paymentIntentId: string;
  currency: string;
  refunds: RefundFacts[];
}

export type PaymentEvent =
  | { kind: 'checkout_completed'; checkout: CheckoutFacts }
  | { kind: 'invoice_paid'; invoice: InvoiceFacts }
  | { kind: 'invoice_failed'; invoice: InvoiceFacts }
  | { kind: 'subscription_changed'; subscription: SubscriptionFacts }
  | { kind: 'charge_refunded'; charge: ChargeRefundFacts }
  /** A real event naming something the provider itself no longer knows: kept for reconciliation. */
  | { kind: 'unmatched'; reason: string }
  | { kind: 'ignored' };

/** An event whose signature has been checked; its content is described separately (that may call out). */
export interface VerifiedEvent {
  id: string;
  type: string;
  created: Date;
  object: unknown;
}
