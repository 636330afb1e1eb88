// The events an endpoint may subscribe to, with the words the newsroom sees for each. A type is a contract
// with the receivers: add new ones, never rename one.
export const WEBHOOK_EVENT_TYPES = [
  'article.published',
  'article.updated',
  'article.unpublished',
  'article.deleted',
  'correction.added',
  'comment.approved',
  'donation.completed',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const EVENT_LABELS: Record<WebhookEventType, string> = {
  'article.published': 'An article is published (by hand or on schedule)',
  'article.updated': 'A published article is updated',
  'article.unpublished': 'An article is unpublished',
  'article.deleted': 'A never-published article is deleted for good (from the trash)',
  'correction.added': 'A correction, clarification or update is added to an article',
  'comment.approved': 'A reader’s comment is shown (approved, or posted without moderation)',
  'donation.completed': 'A donation is completed',
};

/** The type of the "send test event" button's message; no endpoint subscribes to it. */
export const TEST_EVENT_TYPE = 'webhook.test';

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}
