// Compares our donation records with Stripe's for a date range and lists every difference: a payment
// Stripe took that we never recorded (a lost donor), one we recorded that Stripe does not have, and amounts,
// currencies, refunds or recurring statuses that disagree. Run by `npm run reconcile`. Only our own payments
// count, decided as the webhook decides: anything else on the Stripe account (a shop) is not a donation.
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { isOurSubscription } from './ledger/record-subscription.js';
import { formatMoney } from './money.js';
import type { PaymentProvider } from './payment-provider.js';
import type { ChargeRecord } from './payment-records.js';
import * as q from './reconcile-queries.js';

export type DifferenceKind =
  | 'missing_here'
  | 'missing_at_stripe'
  | 'amount'
  | 'currency'
  | 'refunded'
  | 'subscription_missing_here'
  | 'subscription_missing_at_stripe'
  | 'subscription_status';

export interface Difference {
  kind: DifferenceKind;
  /** Stripe's id of the payment intent (or charge, or subscription) the difference is about. */
  stripeId: string;
  detail: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
// Our time of a gift and Stripe's time of its charge differ by seconds; near the range's edges, a record on
// one side may fall just outside it. Both sides are read a day wider and compared where either is inside.
const MARGIN_MS = DAY_MS;
const RUNNING = new Set(['active', 'past_due', 'trialing']);

const money = (amount: number, currency: string) => formatMoney({ amount, currency });

export async function reconcile(
  db: Kysely<Database>,
  payments: PaymentProvider,
  range: { from: Date; to: Date },
): Promise<Difference[]> {
  const inRange = (at: Date | string) => {
    const t = new Date(at).getTime();
    return t >= range.from.getTime() && t < range.to.getTime();
  };
  const wideFrom = new Date(range.from.getTime() - MARGIN_MS);
  const wideTo = new Date(range.to.getTime() + MARGIN_MS);
  const differences: Difference[] = [];

  // As the webhook decides (ledger/record-subscription.ts): a one-time gift carries our reference on its payment; a recurring
  // one's payment pays an invoice of a subscription that carries it, or that we record. Only a charge to a
  // customer can pay an invoice, so a shop's guest sales cost no call to Stripe.
  const isOurs = async (charge: ChargeRecord): Promise<boolean> => {
    if (charge.reference) return true;
    if (!charge.paymentIntentId || !charge.customerId) return false;
    const invoice = await payments.invoicePaidBy(charge.paymentIntentId);
    return invoice?.subscriptionId
      ? isOurSubscription(db, { subscriptionId: invoice.subscriptionId, reference: invoice.reference })
      : false;
  };

  const charges = new Map<string, ChargeRecord>();
  for await (const charge of payments.listCharges(wideFrom, wideTo)) {
    if (charge.succeeded) charges.set(charge.paymentIntentId ?? charge.chargeId, charge);
  }

  const ours = await q.donationsBetween(db, wideFrom.toISOString(), wideTo.toISOString());
  const seen = new Set<string>();
  for (const donation of ours) {
    // A recurring gift confirmed by the thank-you page may not know its payment intent yet: ask Stripe.
    const key =
      donation.stripe_payment_intent_id ??
      (donation.stripe_invoice_id ? await payments.paymentIntentOfInvoice(donation.stripe_invoice_id) : null);
    const charge = key ? charges.get(key) : undefined;
    if (key) seen.add(key);
    if (!inRange(donation.received_at) && !(charge && inRange(charge.created))) continue;
    const label = key ?? donation.stripe_invoice_id ?? `donation ${donation.id}`;
    if (!charge) {
      differences.push({
        kind: 'missing_at_stripe',
        stripeId: label,
        detail: `We recorded ${money(donation.amount, donation.currency)} (donation ${donation.id}); Stripe has no succeeded charge for it.`,
      });
      continue;
    }
    if (charge.currency !== donation.currency) {
      differences.push({
        kind: 'currency',
        stripeId: label,
        detail: `We recorded ${donation.currency}, Stripe charged ${charge.currency}.`,
      });
    } else if (charge.amount !== donation.amount) {
      differences.push({
        kind: 'amount',
        stripeId: label,
        detail: `We recorded ${money(donation.amount, donation.currency)}, Stripe charged ${money(charge.amount, charge.currency)}.`,
      });
    }
    if (charge.amountRefunded !== donation.refunded_amount) {
      differences.push({
        kind: 'refunded',
        stripeId: label,
        detail: `We recorded ${money(donation.refunded_amount, donation.currency)} refunded, Stripe ${money(charge.amountRefunded, charge.currency)}.`,
      });
    }
  }
  for (const [key, charge] of charges) {
    // One we recorded was compared above, whoever started it; of the rest, only our own are missing.
    if (seen.has(key) || !inRange(charge.created) || !(await isOurs(charge))) continue;
    differences.push({
      kind: 'missing_here',
      stripeId: key,
      detail: `Stripe took ${money(charge.amount, charge.currency)} on ${charge.created.toISOString()}; we have no donation for it.`,
    });
  }

  const theirs = new Map<string, { status: string; created: Date; reference: string | null }>();
  for await (const sub of payments.listSubscriptions(wideFrom, wideTo)) theirs.set(sub.subscriptionId, sub);
  const ourSubs = await q.subscriptionsBetween(db, wideFrom.toISOString(), wideTo.toISOString());
  const ourIds = new Set(ourSubs.map((s) => s.stripe_subscription_id));
  for (const sub of ourSubs) {
    const their = theirs.get(sub.stripe_subscription_id);
    if (!inRange(sub.started_at) && !(their && inRange(their.created))) continue;
    if (!their) {
      differences.push({
        kind: 'subscription_missing_at_stripe',
        stripeId: sub.stripe_subscription_id,
        detail: `We have a recurring donation of ${money(sub.amount, sub.currency)} that Stripe does not list.`,
      });
    } else if (RUNNING.has(sub.status) !== RUNNING.has(their.status)) {
      differences.push({
        kind: 'subscription_status',
        stripeId: sub.stripe_subscription_id,
        detail: `We record it as ${sub.status}, Stripe as ${their.status}.`,
      });
    }
  }
  for (const [id, their] of theirs) {
    if (ourIds.has(id) || !inRange(their.created)) continue;
    if (!(await isOurSubscription(db, { subscriptionId: id, reference: their.reference }))) continue;
    differences.push({
      kind: 'subscription_missing_here',
      stripeId: id,
      detail: `Stripe has a recurring donation (${their.status}) created ${their.created.toISOString()} that we never recorded.`,
    });
  }
  return differences;
}
