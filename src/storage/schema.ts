// Row types of every table, as Kysely sees them. Times are ISO-8601 UTC strings in both dialects
// (PostgreSQL stores timestamptz; db.ts makes pg hand them back as ISO strings).
import type { Generated } from 'kysely';

export interface SiteSettingsTable {
  key: string;
  value: string; // JSON, validated by the site domain
  updated_at: string;
}

export interface SectionsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  position: number;
}

export interface TagsTable {
  id: Generated<number>;
  slug: string;
  name: string;
}

export interface AuthorsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  bio: string;
  job_title: string;
  expertise: string;
  photo_media_id: number | null;
  created_at: string;
}

export interface MediaTable {
  id: Generated<number>;
  storage_key: string;
  mime_type: string;
  width: number;
  height: number;
  bytes: number;
  alt_text: string;
  caption: string;
  credit_person: string;
  credit_organization: string;
  rights: 'own' | 'licensed' | 'agency' | 'public_domain';
  license_url: string | null;
  license_expires_at: string | null;
  copyright_notice: string | null;
  variants: string; // JSON list of { format, width, key }
  created_at: string;
  // Added by 0004_media_library: who uploaded it, and when its words or rights last changed.
  uploaded_by: number | null;
  updated_at: string | null;
}

// Which articles use which image (newsroom/media/usage.ts keeps it in step with every save).
export interface ArticleMediaTable {
  article_id: number;
  media_id: number;
  role: 'hero' | 'body';
}

export type ArticleStatus = 'draft' | 'review' | 'scheduled' | 'published' | 'unpublished';
export type WorkType = 'news' | 'analysis' | 'opinion' | 'explainer';

export interface ArticlesTable {
  id: Generated<number>;
  slug: string;
  headline: string;
  seo_headline: string | null;
  social_headline: string | null;
  dek: string;
  body: string; // JSON body document, see articles/render/document.ts
  status: ArticleStatus;
  work_type: WorkType;
  section_id: number | null;
  hero_media_id: number | null;
  dateline: string | null;
  published_at: string | null;
  updated_at: string | null; // the "Updated" time readers see, set when the story changes materially
  scheduled_at: string | null;
  created_at: string;
  modified_at: string; // any change to the row, for caches and sitemaps
  version: Generated<number>;
  // Added by 0003_editorial: who created the article, and who saved the current version and when.
  created_by: number | null;
  saved_by: number | null;
  saved_at: string | null;
}

export interface ArticleAuthorsTable {
  article_id: number;
  author_id: number;
  position: number;
}

export interface ArticleTagsTable {
  article_id: number;
  tag_id: number;
}

export interface MailOutboxTable {
  id: Generated<number>;
  sender: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  headers: string; // JSON object
  created_at: string;
}

export type StaffRoleColumn = 'contributor' | 'editor' | 'admin';

export interface StaffTable {
  id: Generated<number>;
  email: string; // lower-case
  name: string;
  role: StaffRoleColumn;
  password_hash: string; // argon2id PHC string
  author_id: number | null;
  created_at: string;
  disabled_at: string | null;
}

export interface StaffSessionsTable {
  id: Generated<number>;
  token_hash: string; // SHA-256 of the cookie's token
  staff_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  user_agent: string;
}

export interface SignInAttemptsTable {
  id: Generated<number>;
  email: string;
  ip: string;
  outcome: 'success' | 'failure' | 'refused';
  attempted_at: string;
}

export interface StaffInvitationsTable {
  id: Generated<number>;
  token_hash: string;
  email: string;
  role: StaffRoleColumn;
  invited_by: number | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
}

export interface PasswordResetsTable {
  id: Generated<number>;
  token_hash: string;
  staff_id: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface StaffSetupTokensTable {
  id: Generated<number>;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

// Reader revenue (revenue/). Money is integer minor units beside its ISO 4217 currency (upper-case).
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

// The editorial workflow (newsroom/articles/): revisions, old slugs, corrections.
export interface ArticleRevisionsTable {
  id: Generated<number>;
  article_id: number;
  version: number;
  fields: string; // JSON of every editable field, the body included
  kind: 'manual' | 'autosave' | 'restore';
  created_by: number | null;
  created_at: string;
}

export interface SlugRedirectsTable {
  old_slug: string;
  article_id: number;
  created_at: string;
}

export interface CorrectionsTable {
  id: Generated<number>;
  article_id: number;
  kind: 'correction' | 'clarification' | 'update';
  text: string;
  placement: 'top' | 'bottom';
  published_at: string;
  created_by: number | null;
  withdrawn_at: string | null;
  withdrawn_by: number | null;
}

// Reader comments (comments/). Emails are stored for notifications but never shown; IPs only as HMACs.
export type CommentStatus = 'pending' | 'approved' | 'spam' | 'trash' | 'erased';

export interface CommentsTable {
  id: Generated<number>;
  article_id: number;
  parent_id: number | null;
  root_id: number | null;
  depth: number;
  status: CommentStatus;
  body: string;
  author_name: string;
  author_email: string; // lower-case
  email_key: string;
  author_url: string;
  staff_id: number | null;
  notify_replies: number; // 0 or 1
  ip_key: string | null;
  body_hash: string;
  moderation_reason: string | null;
  spam_score: number;
  created_at: string;
  approved_at: string | null;
  edited_at: string | null;
  status_changed_at: string;
  digest_sent_at: string | null;
  reply_notified_at: string | null;
}

export interface CommentThreadsTable {
  article_id: number;
  closed: number; // 0 or 1
  changed_by: number | null;
  updated_at: string;
}

export interface CommentBansTable {
  id: Generated<number>;
  email_key: string;
  ip_key: string | null;
  reason: string;
  created_by: number | null;
  created_at: string;
}

export interface CommentDigestOptoutsTable {
  staff_id: number;
  created_at: string;
}

// Fixed-window counters of http/rate-limit-store.ts when no Redis is configured.
export interface RateLimitCountersTable {
  key: string;
  count: number;
  expires_at: string;
}

export interface Database {
  comments: CommentsTable;
  comment_threads: CommentThreadsTable;
  comment_bans: CommentBansTable;
  comment_digest_optouts: CommentDigestOptoutsTable;
  rate_limit_counters: RateLimitCountersTable;
  donors: DonorsTable;
  donation_campaigns: DonationCampaignsTable;
  donation_checkouts: DonationCheckoutsTable;
  donation_subscriptions: DonationSubscriptionsTable;
  donations: DonationsTable;
  donation_refunds: DonationRefundsTable;
  stripe_events: StripeEventsTable;
  site_settings: SiteSettingsTable;
  sections: SectionsTable;
  tags: TagsTable;
  authors: AuthorsTable;
  media: MediaTable;
  articles: ArticlesTable;
  article_revisions: ArticleRevisionsTable;
  slug_redirects: SlugRedirectsTable;
  corrections: CorrectionsTable;
  article_authors: ArticleAuthorsTable;
  article_tags: ArticleTagsTable;
  article_media: ArticleMediaTable;
  mail_outbox: MailOutboxTable;
  staff: StaffTable;
  staff_sessions: StaffSessionsTable;
  sign_in_attempts: SignInAttemptsTable;
  staff_invitations: StaffInvitationsTable;
  password_resets: PasswordResetsTable;
  staff_setup_tokens: StaffSetupTokensTable;
}
