// The parts of Stripe's webhook objects we read, checked before we read them: a signed event missing one of
// them (an API version we do not expect, a hand-made test event) is refused with the field named, never a
// TypeError. Objects are loose: Stripe adds fields all the time, and we pass the whole object on.
import type Stripe from 'stripe';
import { z } from 'zod';
import { MalformedEvent } from '../payment-errors.js';

const idOrObject = z.union([z.string(), z.looseObject({ id: z.string() })]);
const optionalId = idOrObject.nullish();
const metadata = z.record(z.string(), z.string()).nullish();
const text = z.string().nullish();

/** The envelope: what verifyEvent reads of every event. */
export const eventEnvelope = z.looseObject({
  id: z.string().min(1),
  type: z.string().min(1),
  created: z.number(),
  data: z.looseObject({ object: z.looseObject({}) }),
});

const checkoutSession = z.looseObject({
  id: z.string(),
  metadata,
  client_reference_id: text,
  mode: z.string(),
  status: text,
  payment_status: z.string(),
  payment_intent: optionalId,
  invoice: optionalId,
  subscription: optionalId,
  customer: optionalId,
  customer_details: z.looseObject({ email: text, name: text }).nullish(),
  customer_email: text,
  amount_total: z.number().int().nullish(),
  currency: text,
});

const invoice = z.looseObject({
  id: z.string(),
  parent: z
    .looseObject({
      subscription_details: z.looseObject({ subscription: optionalId, metadata }).nullish(),
    })
    .nullish(),
  customer: optionalId,
  customer_email: text,
  customer_name: text,
  amount_paid: z.number().int(),
  currency: z.string(),
  status_transitions: z.looseObject({ paid_at: z.number().nullish() }),
  billing_reason: text,
  payments: z
    .looseObject({
      data: z.array(z.looseObject({ status: text, payment: z.looseObject({ payment_intent: optionalId }) })),
    })
    .optional(),
});

const subscription = z.looseObject({
  id: z.string(),
  customer: idOrObject,
  metadata,
  status: z.string(),
  items: z.looseObject({
    data: z.array(
      z.looseObject({
        price: z.looseObject({
          recurring: z.looseObject({ interval: z.string() }).nullish(),
          unit_amount: z.number().int().nullish(),
        }),
        quantity: z.number().int().nullish(),
      }),
    ),
  }),
  currency: z.string(),
  start_date: z.number(),
  ended_at: z.number().nullish(),
});

const refund = z.looseObject({
  id: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  status: text,
  created: z.number(),
});

const charge = z.looseObject({
  id: z.string(),
  payment_intent: optionalId,
  currency: z.string(),
  refunds: z.looseObject({ data: z.array(refund) }).nullish(),
});

const SHAPES = { checkoutSession, invoice, subscription, charge, refund } as const;
type Shapes = typeof SHAPES;
interface Readable {
  checkoutSession: Stripe.Checkout.Session;
  invoice: Stripe.Invoice;
  subscription: Stripe.Subscription;
  charge: Stripe.Charge;
  refund: Stripe.Refund;
}

/** The object as Stripe's type once the fields we read are there; MalformedEvent naming the first missing. */
export function readAs<K extends keyof Shapes>(kind: K, value: unknown, where: string): Readable[K] {
  const parsed = SHAPES[kind].safeParse(value);
  if (parsed.success) return parsed.data as unknown as Readable[K];
  const issue = parsed.error.issues[0]!;
  const field = issue.path.length > 0 ? issue.path.join('.') : 'the object';
  throw new MalformedEvent(`${where}: ${field} is missing or not what Stripe sends (${issue.message})`);
}
