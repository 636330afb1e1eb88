// The small interface the revenue domain uses to take money, in its own words: start a checkout, read one
// back, verify and describe a webhook event, open the donor's self-service portal, list what was charged.
// stripe-provider.ts implements it with the official SDK; without keys, unconfiguredPayments() refuses.
import type { DonationInterval } from '../storage/schema.js';
import type { CheckoutFacts, PaymentEvent, VerifiedEvent } from './payment-facts.js';
import type { ChargeRecord, PaidInvoice, SubscriptionRecord } from './payment-records.js';

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
  /**
   * Rejects with InvalidSignature unless the body was signed with our webhook secret, recently. Asynchronous
   * because the provider's SDK is loaded on first use (see stripe/client.ts).
   */
  verifyEvent(rawBody: Buffer, signature: string | undefined): Promise<VerifiedEvent>;
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
