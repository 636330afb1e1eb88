// Stripe's webhook: verify the signature on the raw body, then apply the event exactly once. The event id
// is claimed in the same transaction as its effects, so a repeated delivery finds it and changes nothing,
// and a delivery that fails (database down) leaves no trace and is applied when Stripe retries.
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Mailer } from '../../mail/mailer.js';
import type { Database } from '../../storage/schema.js';
import type { PageRefresher } from '../page-refresh.js';
import type { CheckoutFacts, PaymentEvent } from '../payment-facts.js';
import type { PaymentProvider } from '../payment-provider.js';
import { sendDueReceipts } from '../receipt-mail.js';
import { claimEvent, eventSeen, setEventOutcome } from './event-queries.js';
import { recordCheckout } from './record-checkout.js';
import { recordPaymentEvent } from './record-event.js';
import type { Recorded } from './save-donation.js';

export interface LedgerDeps {
  db: Kysely<Database>;
  payments: PaymentProvider;
  mailer: Mailer;
  publicUrl: string;
  clock: () => Date;
  refresher: PageRefresher;
  log?: FastifyBaseLogger;
}

export type WebhookOutcome = 'applied' | 'ignored' | 'duplicate' | 'unmatched';

/** The outcome stored for an event kept for reconciliation; the reason follows it in the same column. */
export const UNMATCHED = 'unmatched';

function storedOutcome(described: PaymentEvent): string {
  if (described.kind === 'unmatched') return `${UNMATCHED}: ${described.reason}`;
  return described.kind === 'ignored' ? 'ignored' : 'applied';
}

function outcomeOf(described: PaymentEvent): WebhookOutcome {
  if (described.kind === 'unmatched') return 'unmatched';
  return described.kind === 'ignored' ? 'ignored' : 'applied';
}

export async function receiveWebhook(
  deps: LedgerDeps,
  rawBody: Buffer,
  signature: string | undefined,
): Promise<WebhookOutcome> {
  const event = await deps.payments.verifyEvent(rawBody, signature);
  // Cheap check first: a repeated delivery needs no call to Stripe to describe it.
  if (await eventSeen(deps.db, event.id)) return 'duplicate';
  const described = await deps.payments.describeEvent(event);
  const now = deps.clock();
  const recorded = await deps.db.transaction().execute(async (trx) => {
    const claimed = await claimEvent(trx, {
      id: event.id,
      type: event.type,
      created: event.created.toISOString(),
      receivedAt: now.toISOString(),
    });
    if (!claimed) return null;
    const result = await recordPaymentEvent(trx, described, event.created, now);
    await setEventOutcome(trx, event.id, storedOutcome(described));
    return result;
  });
  if (!recorded) return 'duplicate';
  if (described.kind === 'unmatched') {
    // Acknowledged, so Stripe stops retrying; kept, so the newsroom sees it (the donations overview).
    deps.log?.warn({ event: event.id, type: event.type }, 'Stripe event kept unmatched for reconciliation');
  }
  await afterRecorded(deps, recorded);
  return outcomeOf(described);
}

/** The thank-you page's way in: the same recording as the webhook's, for a checkout it confirmed itself. */
export async function confirmCheckout(deps: LedgerDeps, facts: CheckoutFacts): Promise<void> {
  const now = deps.clock();
  const recorded = await deps.db.transaction().execute((trx) => recordCheckout(trx, facts, now));
  await afterRecorded(deps, recorded);
}

// After the commit: mail receipts, refresh cached progress. Neither may fail the delivery, whose payment is
// safely recorded; an unsent receipt is picked up by the next run.
async function afterRecorded(deps: LedgerDeps, recorded: Recorded) {
  if (recorded.newDonations.length > 0) deps.refresher.donationRecorded();
  try {
    await sendDueReceipts({
      db: deps.db,
      mailer: deps.mailer,
      publicUrl: deps.publicUrl,
      now: deps.clock(),
      log: deps.log,
    });
  } catch (error) {
    // A database error may quote a row (an email); its code is enough to act on.
    deps.log?.error(
      { code: (error as { code?: string }).code },
      'donation receipts could not be sent; will retry',
    );
  }
}
