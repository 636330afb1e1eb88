// What the background jobs (server/background-jobs.ts) run once per machine every WEBHOOK_POLL_MS to send
// webhooks: a batch of deliveries, again at once while the batch was full, since more may be waiting. State
// lives only in the database, so what was queued before a crash or restart is sent by the next pass of any
// instance. Once an hour a pass also forgets finished events older than KEEP_DAYS.
import { DEFAULT_DELIVERY, type DeliveryOptions, deliverDue } from './deliver.js';
import { pruneFinishedEvents } from './delivery-queries.js';
import type { WebhookDeps } from './webhook-deps.js';

/** How long sent and failed messages stay in the endpoints' logs. */
export const KEEP_DAYS = 30;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

/** One pass of the delivery job; it resolves true when more deliveries may be waiting. */
export function webhookDeliveryPass(
  deps: WebhookDeps,
  options: Partial<DeliveryOptions> = {},
): () => Promise<boolean> {
  const delivery: DeliveryOptions = { ...DEFAULT_DELIVERY, ...options };
  let prunedAt = Number.NEGATIVE_INFINITY;
  return async () => {
    const full = (await deliverDue(deps, delivery)) === delivery.batch;
    const now = deps.clock();
    if (now.getTime() - prunedAt >= PRUNE_EVERY_MS) {
      prunedAt = now.getTime();
      await pruneFinishedEvents(deps.db, new Date(now.getTime() - KEEP_DAYS * 24 * 3600_000));
    }
    return full;
  };
}
