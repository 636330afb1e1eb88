// One beacon's event, from the request's headers and its checked body to a row waiting in the buffer: robots
// and prefetches are dropped, a visitor is a hash of the day's salt (none with DNT or GPC), and only the
// referrer's host and the device's class are kept of what the browser said about itself.
import { Invalid, ServiceUnavailable, TooManyRequests } from '../http/errors.js';
import type { DailySalt } from './daily-salt.js';
import { visitorHash } from './daily-salt.js';
import type { EventBuffer } from './event-buffer.js';
import { type EventInput, eventValue } from './event-input.js';
import { asksNotToBeTracked, deviceClass, isAutomated, isPrefetch, userAgentOf } from './request-signals.js';
import type { VisitorRateLimit } from './visitor-rate-limit.js';

export interface Collector {
  salt: DailySalt;
  buffer: EventBuffer;
  limit: VisitorRateLimit;
  /** The site's own origin: its host as a referrer is an internal click, not a source. */
  publicUrl: string;
  clock: () => Date;
}

export type Collected = 'counted' | 'ignored';

/** The host of a referrer, without "www."; null for our own pages, none, or something that is no URL. */
export function referrerHost(ref: string | undefined, ownHost: string): string | null {
  if (!ref) return null;
  let host: string;
  try {
    const url = new URL(ref);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    host = url.hostname.toLowerCase();
  } catch {
    return null;
  }
  if (host === ownHost) return null;
  return host.replace(/^www\./, '').slice(0, 100) || null;
}

export async function collectEvent(
  collector: Collector,
  request: { headers: Record<string, string | string[] | undefined>; ip: string },
  input: EventInput,
): Promise<Collected> {
  const value = eventValue(input);
  if (typeof value === 'object') throw new Invalid('That event is not valid.', { value: value.problem });
  const { headers } = request;
  if (isAutomated(headers) || isPrefetch(headers)) return 'ignored';
  const now = collector.clock();
  const userAgent = userAgentOf(headers);
  const site = new URL(collector.publicUrl);
  const hash = visitorHash(await collector.salt.saltFor(now), site.host, request.ip, userAgent);
  // Counted per hash even when the hash is not kept (DNT, GPC): a flood is a flood.
  if (!collector.limit.allow(hash, now.getTime())) throw new TooManyRequests();
  const accepted = collector.buffer.add({
    occurred_at: now.toISOString(),
    kind: input.kind,
    path: input.path,
    article_id: input.article ?? null,
    section_id: input.section ?? null,
    author_id: input.author ?? null,
    visitor: asksNotToBeTracked(headers) ? null : hash,
    source: input.utm_source?.toLowerCase() ?? referrerHost(input.ref, site.hostname.toLowerCase()),
    campaign: input.utm_campaign ?? null,
    medium: input.utm_medium?.toLowerCase() ?? null,
    device: deviceClass(userAgent),
    value,
  });
  if (!accepted) throw new ServiceUnavailable('Too many events are waiting to be written.', 5);
  return 'counted';
}
