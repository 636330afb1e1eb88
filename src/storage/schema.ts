// Row types of every table, as Kysely sees them, gathered into one Database type. Times are ISO-8601 UTC
// strings in both dialects (PostgreSQL stores timestamptz; postgres.ts makes pg hand them back as ISO strings).
// The tables themselves are described by area in schema/.

import type { AdminApiTokensTable } from './schema/admin-api.js';
import type {
  AnalyticsEventsTable,
  AnalyticsRollupStateTable,
  AnalyticsRollupsTable,
  AnalyticsSaltsTable,
} from './schema/analytics.js';
import type {
  CommentBansTable,
  CommentDigestOptoutsTable,
  CommentsTable,
  CommentThreadsTable,
  RateLimitCountersTable,
} from './schema/comments.js';
import type {
  ArticleActivityTable,
  ArticleAuthorsTable,
  ArticleMediaTable,
  ArticleRevisionsTable,
  ArticlesTable,
  ArticleTagsTable,
  AuthorsTable,
  CorrectionsTable,
  MediaTable,
  ReviewNoticesTable,
  SectionsTable,
  SiteSettingsTable,
  SlugRedirectsTable,
  TagsTable,
} from './schema/content.js';
import type { ContentApiKeysTable } from './schema/content-api.js';
import type { BreakingBannerTable, CuratedFrontsTable } from './schema/fronts.js';
import type { ImportJobsTable } from './schema/import-jobs.js';
import type { ImportItemsTable, LegacyRedirectsTable } from './schema/imports.js';
import type { InvalidationsTable } from './schema/invalidations.js';
import type {
  NewsletterConfirmationsTable,
  NewsletterDeliveriesTable,
  NewsletterEditionsTable,
  NewsletterListsTable,
  NewsletterSubscribersTable,
  NewsletterSubscriptionsTable,
  NewsletterSuppressionsTable,
} from './schema/newsletters.js';
import type {
  MailOutboxTable,
  PasswordResetsTable,
  SignInAttemptsTable,
  StaffInvitationsTable,
  StaffSessionsTable,
  StaffSetupTokensTable,
  StaffTable,
} from './schema/newsroom.js';
import type { PageRevisionsTable, PagesTable } from './schema/pages.js';
import type { ReaderAccountsTable, ReaderSessionsTable, ReaderSignInLinksTable } from './schema/readers.js';
import type {
  DonationCampaignsTable,
  DonationCheckoutsTable,
  DonationRefundsTable,
  DonationSubscriptionsTable,
  DonationsTable,
  DonorsTable,
  StripeEventsTable,
} from './schema/revenue.js';
import type { ArticleSearchTable } from './schema/search.js';
import type {
  WebhookAttemptsTable,
  WebhookDeliveriesTable,
  WebhookEndpointsTable,
  WebhookEventsTable,
} from './schema/webhooks.js';

export type * from './schema/admin-api.js';
export type * from './schema/analytics.js';
export type * from './schema/comments.js';
export type * from './schema/content.js';
export type * from './schema/content-api.js';
export type * from './schema/import-jobs.js';
export type * from './schema/imports.js';
export type * from './schema/invalidations.js';
export type * from './schema/newsletters.js';
export type * from './schema/newsroom.js';
export type * from './schema/pages.js';
export type * from './schema/readers.js';
export type * from './schema/revenue.js';
export type * from './schema/search.js';
export type * from './schema/webhooks.js';

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
  invalidations: InvalidationsTable;
  admin_api_tokens: AdminApiTokensTable;
  article_activity: ArticleActivityTable;
  review_notices: ReviewNoticesTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_events: WebhookEventsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  import_jobs: ImportJobsTable;
  content_api_keys: ContentApiKeysTable;
  article_search: ArticleSearchTable;
  pages: PagesTable;
  import_items: ImportItemsTable;
  legacy_redirects: LegacyRedirectsTable;
  page_revisions: PageRevisionsTable;
  analytics_events: AnalyticsEventsTable;
  analytics_rollups: AnalyticsRollupsTable;
  analytics_salts: AnalyticsSaltsTable;
  analytics_rollup_state: AnalyticsRollupStateTable;
  curated_fronts: CuratedFrontsTable;
  breaking_banner: BreakingBannerTable;
  newsletter_lists: NewsletterListsTable;
  newsletter_subscribers: NewsletterSubscribersTable;
  newsletter_subscriptions: NewsletterSubscriptionsTable;
  newsletter_confirmations: NewsletterConfirmationsTable;
  newsletter_suppressions: NewsletterSuppressionsTable;
  newsletter_editions: NewsletterEditionsTable;
  newsletter_deliveries: NewsletterDeliveriesTable;
  reader_accounts: ReaderAccountsTable;
  reader_sign_in_links: ReaderSignInLinksTable;
  reader_sessions: ReaderSessionsTable;
}
