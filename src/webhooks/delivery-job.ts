// The background job that sends webhooks, once per machine (server/background-jobs.ts): a pass every
// WEBHOOK_POLL_MS, and passes back to back while there is a full batch waiting. State lives only in the
// database, so what was queued before a crash or restart is sent by the next pass of any instance. Once an
// hour it forgets finished events older than KEEP_DAYS.
import { DEFAULT_DELIVERY, type DeliveryOptions, deliverDue } from './deliver.js';
import { pruneFinishedEvents } from './delivery-queries.js';
import type { WebhookDeps } from './webhook-deps.js';

/** How long sent and failed messages stay in the endpoints' logs. */
export const KEEP_DAYS = 30;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

export interface WebhookDeliveryJob {
  /** Resolves once the pass in progress has finished. */
  stop(): Promise<void>;
}

export function startWebhookDelivery(
  deps: WebhookDeps,
  options: {
    intervalMs: number;
    log: { error(details: object, message: string): void };
  } & Partial<DeliveryOptions>,
): WebhookDeliveryJob {
  const delivery: DeliveryOptions = { ...DEFAULT_DELIVERY, ...options };
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  let prunedAt = Number.NEGATIVE_INFINITY;
  const pass = () => {
    if (busy || stopped) return;
    busy = true;
    running = (async () => {
      while (!stopped && (await deliverDue(deps, delivery)) === delivery.batch) {
        // A full batch: more may be waiting.
      }
      const now = deps.clock();
      if (now.getTime() - prunedAt >= PRUNE_EVERY_MS) {
        prunedAt = now.getTime();
        await pruneFinishedEvents(deps.db, new Date(now.getTime() - KEEP_DAYS * 24 * 3600_000));
      }
    })()
      // The database away for a moment: the next pass tries again, and nothing claimed is lost.
      .catch((error) => options.log.error({ err: error }, 'webhook delivery pass failed'))
      .finally(() => {
        busy = false;
      });
  };
  pass();
  const timer = setInterval(pass, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
