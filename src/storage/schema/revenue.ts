// Row types of reader revenue: donors, campaigns, checkouts, subscriptions, donations, refunds, Stripe events.
import type { Generated } from 'kysely';

export type DonationInterval = 'once' | 'month' | 'year';

export interface DonorsTable {
  id: Generated<number>;
  email: string; // lower-case
  name: string;
  public_listing: number; // 0 or 1
  stripe_customer_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface DonationCampaignsTable {
  id: Generated<number>;
  name: string;
  goal_amount: number;
  currency: string;
  starts_at: string;
  ends_at: string;
  cta_heading: string;
  cta_text: string;
  created_at: string;
  updated_at: string;
}

export interface DonationCheckoutsTable {
  id: Generated<number>;
  reference: string;
  stripe_session_id: string | null;
  interval: DonationInterval;
  amount: number;
  fee_amount: number;
  total_amount: number;
  currency: string;
  donor_name: string;
  donor_email: string;
  public_listing: number;
  dedication: string;
  campaign_id: number | null;
  article_id: number | null;
  status: 'started' | 'open' | 'completed' | 'failed';
  created_at: string;
  completed_at: string | null;
}

export interface DonationSubscriptionsTable {
  id: Generated<number>;
  stripe_subscription_id: string;
  stripe_customer_id: string;
  donor_id: number | null;
  checkout_id: number | null;
  amount: number;
  currency: string;
  interval: 'month' | 'year';
  status: string; // Stripe's subscription status
  started_at: string;
  canceled_at: string | null;
  last_failed_at: string | null;
  stripe_updated_at: string;
  updated_at: string;
}

export interface DonationsTable {
  id: Generated<number>;
  donor_id: number;
  checkout_id: number | null;
  subscription_id: number | null;
  stripe_checkout_session_id: string | null;
  stripe_payment_intent_id: string | null;
  stripe_invoice_id: string | null;
  amount: number;
  fee_cover_amount: number;
  currency: string;
  interval: DonationInterval;
  status: 'paid' | 'partially_refunded' | 'refunded';
  refunded_amount: number;
  campaign_id: number | null;
  article_id: number | null;
  dedication: string;
  received_at: string;
  receipt_sent_at: string | null;
  created_at: string;
}

export interface DonationRefundsTable {
  id: Generated<number>;
  stripe_refund_id: string;
  stripe_payment_intent_id: string;
  stripe_charge_id: string;
  amount: number;
  currency: string;
  status: string;
  refunded_at: string;
  created_at: string;
}

export interface StripeEventsTable {
  id: string;
  type: string;
  stripe_created_at: string;
  received_at: string;
  outcome: string;
}
