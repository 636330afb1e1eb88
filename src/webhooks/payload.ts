// The body every endpoint receives, as Standard Webhooks describes it: {type, timestamp, data}. Addresses on
// this site are stored as paths and sent as absolute URLs of the site's public address.
import type { WebhookData } from './enqueue-event.js';

export interface WebhookPayload {
  type: string;
  timestamp: string;
  data: WebhookData;
}

/** Every `path` in the data (at any depth) becomes `url`, on the site's public address. */
export function withSiteUrls(value: unknown, publicUrl: string): unknown {
  if (Array.isArray(value)) return value.map((v) => withSiteUrls(v, publicUrl));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'path' && typeof inner === 'string') out.url = new URL(inner, publicUrl).toString();
    else out[key] = withSiteUrls(inner, publicUrl);
  }
  return out;
}

export function payloadOf(
  event: { type: string; data: string; created_at: string },
  publicUrl: string,
): string {
  const payload: WebhookPayload = {
    type: event.type,
    timestamp: new Date(event.created_at).toISOString(),
    data: withSiteUrls(JSON.parse(event.data), publicUrl) as WebhookData,
  };
  return JSON.stringify(payload);
}
