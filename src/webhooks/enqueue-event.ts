// The outbox: an event is written in the caller's transaction, beside the change it describes, with one
// delivery per enabled endpoint that subscribed to its type. If the change rolls back, so does the event;
// if the process dies after the commit, the delivery job finds the rows on the next start.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import type { WebhookEventType } from './event-types.js';

/**
 * The event's data: plain JSON of what readers could see anyway. A `path` (an address on this site) is
 * sent as the absolute `url` (payload.ts), so the event does not depend on the address the site has today.
 */
export type WebhookData = { [key: string]: unknown };

/**
 * Queues one event for every endpoint that wants it; returns the number of deliveries created. `data` may be
 * a function, read only when some endpoint wants the event (most sites have none).
 */
export async function enqueueWebhookEvent(
  db: Kysely<Database>,
  type: WebhookEventType,
  data: WebhookData | (() => Promise<WebhookData>),
  now: Date,
): Promise<number> {
  const endpoints = await db
    .selectFrom('webhook_endpoints')
    .select(['id', 'events'])
    .where('enabled', '=', 1)
    .execute();
  const wanting = endpoints.filter((e) => (JSON.parse(e.events) as string[]).includes(type));
  // No endpoint wants it: nothing to keep (an endpoint added later does not receive the past).
  if (wanting.length === 0) return 0;
  const facts = typeof data === 'function' ? await data() : data;
  return insertEvent(
    db,
    type,
    facts,
    now,
    wanting.map((e) => e.id),
  );
}

/** One event for exactly these endpoints (the newsroom's "send test event" uses it for one). */
export async function insertEvent(
  db: Kysely<Database>,
  type: string,
  data: WebhookData,
  now: Date,
  endpointIds: number[],
): Promise<number> {
  const at = now.toISOString();
  const event = await db
    .insertInto('webhook_events')
    .values({ message_id: `msg_${randomUUID()}`, type, data: JSON.stringify(data), created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('webhook_deliveries')
    .values(
      endpointIds.map((endpoint_id) => ({
        event_id: event.id,
        endpoint_id,
        status: 'pending' as const,
        next_attempt_at: at,
        created_at: at,
      })),
    )
    .execute();
  return endpointIds.length;
}
