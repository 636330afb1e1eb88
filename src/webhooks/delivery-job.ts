// The background job that sends webhooks, once per machine (server/background-jobs.ts): a pass every
// WEBHOOK_POLL_MS, and passes back to back while there is a full batch waiting. State lives only in the
// database, so what was queued before a crash or restart is sent by the next pass of any instance.
import { DEFAULT_DELIVERY, type DeliveryOptions, deliverDue } from './deliver.js';
import type { WebhookDeps } from './webhook-deps.js';

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
  const pass = () => {
    if (busy || stopped) return;
    busy = true;
    running = (async () => {
      while (!stopped && (await deliverDue(deps, delivery)) === delivery.batch) {
        // A full batch: more may be waiting.
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
