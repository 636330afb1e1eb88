// The delivery job's one pass: claim what is due, send each (a few at a time), record the attempt, and
// schedule the next one, give up, or disable an endpoint that has failed for too long. Every outcome is
// written only while the claim is still this instance's, so a delivery is never recorded twice.
import { randomUUID } from 'node:crypto';
import {
  type ClaimedDelivery,
  claimDueDeliveries,
  disableEndpoint,
  finishAttempt,
  firstAttemptAt,
  insertAttempt,
  markEndpointFailing,
  markEndpointHealthy,
  selectAttemptContext,
} from './delivery-queries.js';
import { tellAdminsDisabled } from './disabled-notice.js';
import { payloadOf } from './payload.js';
import { DISABLE_AFTER_MS, MAX_ATTEMPTS, nextAttemptAt } from './retry-schedule.js';
import { type SendOutcome, sendWebhook } from './send-webhook.js';
import type { WebhookDeps } from './webhook-deps.js';

export interface DeliveryOptions {
  /** How long one POST may take; the claim lasts longer, so no other instance takes it meanwhile. */
  timeoutMs: number;
  /** Deliveries claimed per pass, and sent at once. */
  batch: number;
  /** The time written into webhook-timestamp; the real time unless a test says otherwise. */
  sentAt?: () => Date;
  random?: () => number;
  log?: { error(details: object, message: string): void };
}

export const DEFAULT_DELIVERY: DeliveryOptions = { timeoutMs: 10_000, batch: 10 };

/** One pass; returns how many deliveries were attempted. Run again while it returns a full batch. */
export async function deliverDue(deps: WebhookDeps, options: DeliveryOptions = DEFAULT_DELIVERY) {
  const now = deps.clock();
  const token = randomUUID();
  const claimed = await claimDueDeliveries(deps.db, {
    now,
    // The POST's time limit and then some: a claim outlives any attempt of the instance holding it.
    leaseUntil: new Date(now.getTime() + options.timeoutMs * 3 + 30_000),
    token,
    limit: options.batch,
  });
  await Promise.all(claimed.map((delivery) => attempt(deps, options, delivery, token)));
  return claimed.length;
}

async function attempt(
  deps: WebhookDeps,
  options: DeliveryOptions,
  delivery: ClaimedDelivery,
  token: string,
) {
  const context = await selectAttemptContext(deps.db, delivery.id);
  if (!context) return;
  const outcome: SendOutcome = await sendWebhook(
    {
      url: context.url,
      secret: context.secret,
      previousSecret:
        context.previous_secret_until && new Date(context.previous_secret_until) > deps.clock()
          ? context.previous_secret
          : null,
      messageId: context.message_id,
      body: payloadOf(context, deps.publicUrl),
    },
    {
      resolveHost: deps.resolveHost,
      allowedHosts: deps.allowedHosts,
      timeoutMs: options.timeoutMs,
      sentAt: options.sentAt ?? (() => new Date()),
    },
  );
  const at = deps.clock();
  const attempts = delivery.attempts + 1;
  const delivered = outcome.error === null;
  const retryAt = delivered ? null : nextAttemptAt(attempts, at, options.random);
  const gaveUp = !delivered && (retryAt === null || attempts >= MAX_ATTEMPTS);
  const disabled = await deps.db.transaction().execute(async (trx) => {
    const finished = await finishAttempt(trx, delivery.id, token, {
      status: delivered ? 'delivered' : gaveUp ? 'failed' : 'pending',
      attempts,
      next_attempt_at: delivered || gaveUp ? null : retryAt!.toISOString(),
      last_status: outcome.statusCode,
      last_error: outcome.error,
      completed_at: delivered || gaveUp ? at.toISOString() : null,
    });
    // The claim ran out and another instance has it now: its attempt is the one recorded.
    if (!finished) return null;
    await insertAttempt(trx, {
      delivery_id: delivery.id,
      attempt: attempts,
      attempted_at: at.toISOString(),
      status_code: outcome.statusCode,
      duration_ms: outcome.durationMs,
      error: outcome.error,
    });
    if (delivered) {
      await markEndpointHealthy(trx, delivery.endpointId);
      return null;
    }
    await markEndpointFailing(trx, delivery.endpointId, at.toISOString());
    const reason = await disableReason(trx, delivery, context.failing_since ?? at.toISOString(), gaveUp, at);
    if (reason && (await disableEndpoint(trx, delivery.endpointId, at.toISOString(), reason))) return reason;
    return null;
  });
  if (disabled) {
    await tellAdminsDisabled(deps, { id: delivery.endpointId, url: context.url }, disabled).catch((error) =>
      options.log?.error({ err: error }, 'could not mail the admins about a disabled webhook endpoint'),
    );
  }
}

/**
 * Why the endpoint is disabled after this failure, or null: every attempt to it has failed for three days,
 * or this delivery used up its attempts (about as long) without one success to the endpoint meanwhile.
 */
async function disableReason(
  db: WebhookDeps['db'],
  delivery: ClaimedDelivery,
  failingSince: string,
  gaveUp: boolean,
  at: Date,
): Promise<string | null> {
  if (at.getTime() - new Date(failingSince).getTime() >= DISABLE_AFTER_MS)
    return 'Every delivery failed for three days.';
  if (!gaveUp) return null;
  const first = await firstAttemptAt(db, delivery.id);
  if (first !== null && new Date(failingSince).getTime() <= new Date(first).getTime())
    return `All ${MAX_ATTEMPTS} attempts of a delivery failed, with no success in between.`;
  return null;
}
