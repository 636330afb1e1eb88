// Newsletters: lists, subscribers and their consent, suppressed addresses, editions and their send queue.
import type { Generated } from 'kysely';

export interface NewsletterListsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  sender: string | null;
  frequency: string;
  created_at: string;
}

export interface NewsletterSubscribersTable {
  id: Generated<number>;
  email: string; // lower-cased
  soft_bounces: Generated<number>;
  created_at: string;
}

export type SubscriptionStatus = 'pending' | 'active' | 'unsubscribed';

export interface NewsletterSubscriptionsTable {
  id: Generated<number>;
  subscriber_id: number;
  list_id: number;
  status: SubscriptionStatus;
  consent_at: string | null;
  consent_form: string | null;
  consent_wording: string | null;
  unsubscribed_at: string | null;
  created_at: string;
}

export interface NewsletterConfirmationsTable {
  id: Generated<number>;
  token_hash: string;
  subscriber_id: number;
  list_ids: string; // JSON array of list ids
  form: string;
  wording: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export type SuppressionReason = 'unsubscribed' | 'bounced' | 'complained' | 'soft-bounces' | 'imported';

export interface NewsletterSuppressionsTable {
  email: string;
  reason: SuppressionReason;
  created_at: string;
}

export type EditionStatus = 'draft' | 'scheduled' | 'sending' | 'paused' | 'sent';

export interface NewsletterEditionsTable {
  id: Generated<number>;
  list_id: number;
  subject: string;
  intro: string;
  article_slugs: string; // JSON array
  section_ids: string; // JSON array
  status: EditionStatus;
  html_body: string | null;
  text_body: string | null;
  web_html: string | null;
  scheduled_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  last_error: string | null;
  created_at: string;
}

export type DeliveryState = 'queued' | 'claimed' | 'sending' | 'sent' | 'failed';

export interface NewsletterDeliveriesTable {
  id: Generated<number>;
  edition_id: number;
  subscription_id: number | null;
  email: string;
  state: DeliveryState;
  claimed_by: string | null;
  lease_until: string | null;
  attempts: Generated<number>;
  not_before: string | null;
  error: string | null;
  sent_at: string | null;
}
