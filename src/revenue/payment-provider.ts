// The small interface the revenue domain uses to take money, in its own words: start a checkout, read one
// back, verify and describe a webhook event, open the donor's self-service portal, list what was charged.
// stripe-provider.ts implements it with the official SDK; without keys, unconfiguredPayments() refuses.
import { DomainError } from '../http/errors.js';
import type { DonationInterval } from '../storage/schema.js';

export interface CheckoutRequest {
  /** Our reference for this checkout; it comes back in every event about it. */
  reference: string;
  interval: DonationInterval;
  /** What the donor pays, fee cover included, in minor units. */
  totalAmount: number;
  currency: string;
  // Never an existing customer chosen by the typed email: whoever typed it could see that customer's details.
  donorEmail: string;
  /** The line the donor sees on the payment page and their statement. */
  description: string;
  successUrl: string;
  cancelUrl: string;
}

export interface StartedCheckout {
  sessionId: string;
  /** Where the donor pays: a page of the payment provider. */
  url: string;
}

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
  | { kind: 'ignored' };

/** An event whose signature has been checked; its content is described separately (that may call out). */
export interface VerifiedEvent {
  id: string;
  type: string;
  created: Date;
  object: unknown;
}

export interface ChargeRecord {
  chargeId: string;
  paymentIntentId: string | null;
  amount: number;
  amountRefunded: number;
  currency: string;
  succeeded: boolean;
  created: Date;
  /** Our checkout reference when the payment carries it (a one-time gift started by our form). */
  reference: string | null;
  customerId: string | null;
}

export interface SubscriptionRecord {
  subscriptionId: string;
  status: string;
  amount: number;
  currency: string;
  created: Date;
  reference: string | null;
}

/** The invoice a payment paid, and the recurring donation (or other subscription) it belongs to. */
export interface PaidInvoice {
  invoiceId: string;
  subscriptionId: string | null;
  /** Our checkout reference, as the subscription carried it when the invoice was made. */
  reference: string | null;
}

/** What a donor may change a recurring donation to in the provider's portal: our suggested amounts. */
export interface PortalOffer {
  currency: string;
  /** Minor units, in the order the support page shows them. */
  amounts: { month: readonly number[]; year: readonly number[] };
}

export interface PaymentProvider {
  readonly configured: boolean;
  /** Origins the donor is sent to (payment page, portal): form-action in the CSP must allow them. */
  readonly redirectOrigins: string[];
  startCheckout(request: CheckoutRequest): Promise<StartedCheckout>;
  /** The checkout as the provider knows it now, or null when there is no such checkout. */
  getCheckout(sessionId: string): Promise<CheckoutFacts | null>;
  /** Throws InvalidSignature unless the body was signed with our webhook secret, recently. */
  verifyEvent(rawBody: Buffer, signature: string | undefined): VerifiedEvent;
  describeEvent(event: VerifiedEvent): Promise<PaymentEvent>;
  /**
   * A one-time address of the provider's page where the donor changes a recurring gift to one of the offered
   * amounts, or cancels it.
   */
  portalUrl(customerId: string, returnUrl: string, offer: PortalOffer): Promise<string>;
  paymentIntentOfInvoice(invoiceId: string): Promise<string | null>;
  /** The invoice this payment paid, or null for a payment of no invoice. */
  invoicePaidBy(paymentIntentId: string): Promise<PaidInvoice | null>;
  listCharges(from: Date, to: Date): AsyncIterable<ChargeRecord>;
  listSubscriptions(from: Date, to: Date): AsyncIterable<SubscriptionRecord>;
}

export class PaymentsNotConfigured extends DomainError {
  constructor() {
    super('PAYMENTS_NOT_CONFIGURED', 503, 'Online donations are not open yet. Nothing was charged.');
  }
}

/** The provider could not be reached or refused; nothing was charged. */
export class PaymentProviderFailed extends DomainError {
  constructor(
    message = 'We could not reach our payment provider. Nothing was charged; please try again.',
    /** For the log: the provider's error type and code, never what the donor typed. */
    readonly detail = '',
  ) {
    super('PAYMENT_PROVIDER_FAILED', 502, message);
  }
}

export class InvalidSignature extends DomainError {
  constructor() {
    super('INVALID_SIGNATURE', 400, 'The webhook signature is missing or does not match.');
  }
}

export function unconfiguredPayments(): PaymentProvider {
  const refuse = (): never => {
    throw new PaymentsNotConfigured();
  };
  return {
    configured: false,
    redirectOrigins: [],
    startCheckout: async () => refuse(),
    getCheckout: async () => refuse(),
    verifyEvent: () => refuse(),
    describeEvent: async () => refuse(),
    portalUrl: async () => refuse(),
    paymentIntentOfInvoice: async () => refuse(),
    invoicePaidBy: async () => refuse(),
    listCharges: () => refuse(),
    listSubscriptions: () => refuse(),
  };
}
