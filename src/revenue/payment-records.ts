// What reconciliation reads back from the payment provider: the charges and recurring donations of a
// period, and the invoice a payment paid.

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
