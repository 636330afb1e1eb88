// The state of the Stripe stand-in: the objects Stripe would hold (products, prices, customers, checkout
// sessions, subscriptions, invoices and their payments, payment intents, charges, refunds, portal
// configurations and sessions), shaped like Stripe's JSON, and the things that happen outside our app (a
// donor pays, a renewal is charged or fails, a refund is given, a subscription changes price or is cancelled,
// another business on the same account sells something), each returning the events Stripe would send.
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';

// biome-ignore lint/suspicious/noExplicitAny: Stripe objects as loose JSON; the SDK's types describe them.
export type Obj = Record<string, any>;

export class StandinError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

export function newId(prefix: string): string {
  return `${prefix}_test_${randomBytes(9).toString('base64url').replace(/[-]/g, 'x')}`;
}

export class StandinWorld {
  readonly products = new Map<string, Obj>();
  readonly prices = new Map<string, Obj>();
  readonly customers = new Map<string, Obj>();
  readonly sessions = new Map<string, Obj>();
  readonly subscriptions = new Map<string, Obj>();
  readonly invoices = new Map<string, Obj>();
  readonly invoicePayments = new Map<string, Obj>();
  readonly paymentIntents = new Map<string, Obj>();
  readonly charges = new Map<string, Obj>();
  readonly refunds = new Map<string, Obj>();
  readonly portalSessions = new Map<string, Obj>();
  readonly portalConfigurations = new Map<string, Obj>();
  /** Every event made, in order, for assertions. */
  readonly events: Obj[] = [];

  constructor(
    private readonly baseUrl: () => string,
    public now: () => Date = () => new Date(),
  ) {}

  seconds(): number {
    return Math.floor(this.now().getTime() / 1000);
  }

  event(type: string, object: Obj, previousAttributes?: Obj): Obj {
    const event = {
      id: newId('evt'),
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: this.seconds(),
      type,
      data: {
        object: structuredClone(object),
        ...(previousAttributes ? { previous_attributes: structuredClone(previousAttributes) } : {}),
      },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
    };
    this.events.push(event);
    return event;
  }

  createSession(params: Obj): Obj {
    const line = params.line_items?.[0];
    const price = line ? this.prices.get(line.price) : undefined;
    if (!price)
      throw new StandinError(
        400,
        `No such price: '${line?.price}'`,
        'resource_missing',
        'line_items[0][price]',
      );
    if (!['payment', 'subscription'].includes(params.mode))
      throw new StandinError(400, 'Invalid mode', undefined, 'mode');
    if ((params.mode === 'subscription') !== Boolean(price.recurring)) {
      throw new StandinError(
        400,
        `The price must ${params.mode === 'subscription' ? '' : 'not '}be recurring in ${params.mode} mode.`,
      );
    }
    if (!params.success_url)
      throw new StandinError(400, 'Missing required param: success_url.', 'parameter_missing', 'success_url');
    if (params.customer && !this.customers.has(params.customer)) {
      throw new StandinError(400, `No such customer: '${params.customer}'`, 'resource_missing', 'customer');
    }
    const id = newId('cs');
    const quantity = Number(line.quantity ?? 1);
    const session = {
      id,
      object: 'checkout.session',
      mode: params.mode,
      status: 'open',
      payment_status: 'unpaid',
      amount_total: price.unit_amount * quantity,
      currency: price.currency,
      client_reference_id: params.client_reference_id ?? null,
      metadata: params.metadata ?? {},
      customer: params.customer ?? null,
      customer_email: params.customer_email ?? null,
      customer_details: null,
      customer_creation: params.customer_creation ?? null,
      payment_intent: null,
      subscription: null,
      invoice: null,
      submit_type: params.submit_type ?? null,
      success_url: params.success_url.replace('{CHECKOUT_SESSION_ID}', id),
      cancel_url: params.cancel_url ?? null,
      url: `${this.baseUrl()}/c/pay/${id}`,
      created: this.seconds(),
      // Kept for completing the session; Stripe keeps these on the objects it creates later.
      _price: price.id,
      _quantity: quantity,
      _payment_intent_data: params.payment_intent_data ?? {},
      _subscription_data: params.subscription_data ?? {},
    };
    this.sessions.set(id, session);
    return session;
  }

  private customerFor(session: Obj, name: string): Obj | null {
    if (session.customer) return this.customers.get(session.customer)!;
    // Checkout makes a Customer for a one-time payment only when asked to: otherwise the buyer is a guest.
    if (session.mode === 'payment' && session.customer_creation !== 'always') return null;
    const customer = {
      id: newId('cus'),
      object: 'customer',
      email: session.customer_email,
      name,
      created: this.seconds(),
    };
    this.customers.set(customer.id, customer);
    return customer;
  }

  private pay(amount: number, currency: string, customer: string | null, metadata: Obj = {}) {
    const pi = {
      id: newId('pi'),
      object: 'payment_intent',
      amount,
      currency,
      customer,
      metadata,
      status: 'succeeded',
      created: this.seconds(),
    };
    const charge = {
      id: newId('ch'),
      object: 'charge',
      amount,
      amount_captured: amount,
      amount_refunded: 0,
      currency,
      customer,
      payment_intent: pi.id,
      paid: true,
      refunded: false,
      status: 'succeeded',
      metadata: {},
      created: this.seconds(),
    };
    this.paymentIntents.set(pi.id, pi);
    this.charges.set(charge.id, charge);
    return { pi, charge };
  }

  private paidInvoice(sub: Obj, customer: Obj, reason: string, paid: boolean): Obj {
    const price = sub.items.data[0].price;
    const amount = price.unit_amount * sub.items.data[0].quantity;
    const invoice = {
      id: newId('in'),
      object: 'invoice',
      amount_due: amount,
      amount_paid: paid ? amount : 0,
      currency: price.currency,
      customer: customer.id,
      customer_email: customer.email,
      customer_name: customer.name ?? null,
      billing_reason: reason,
      status: paid ? 'paid' : 'open',
      parent: {
        type: 'subscription_details',
        quote_details: null,
        subscription_details: { subscription: sub.id, metadata: structuredClone(sub.metadata) },
      },
      status_transitions: { paid_at: paid ? this.seconds() : null, finalized_at: this.seconds() },
      lines: { object: 'list', data: [], has_more: false },
      created: this.seconds(),
    };
    this.invoices.set(invoice.id, invoice);
    if (paid) {
      const { pi } = this.pay(amount, price.currency, customer.id);
      const payment = {
        id: newId('inpay'),
        object: 'invoice_payment',
        invoice: invoice.id,
        amount_paid: amount,
        amount_requested: amount,
        currency: price.currency,
        is_default: true,
        status: 'paid',
        payment: { type: 'payment_intent', payment_intent: pi.id },
        created: this.seconds(),
      };
      this.invoicePayments.set(payment.id, payment);
    }
    return invoice;
  }

  /** The donor pays on the checkout page. Returns the events in the order Stripe usually sends them. */
  completeCheckout(sessionId: string, donor: { name?: string } = {}): Obj[] {
    const session = this.sessions.get(sessionId);
    if (session?.status !== 'open') throw new Error(`session ${sessionId} is not open`);
    const name = donor.name ?? 'Test Donor';
    const payer = this.customerFor(session, name);
    Object.assign(session, {
      status: 'complete',
      payment_status: 'paid',
      customer: payer?.id ?? null,
      customer_details: { email: payer?.email ?? session.customer_email, name: payer?.name ?? name },
    });
    if (session.mode === 'payment') {
      const { pi } = this.pay(
        session.amount_total,
        session.currency,
        payer?.id ?? null,
        session._payment_intent_data.metadata,
      );
      session.payment_intent = pi.id;
      return [this.event('checkout.session.completed', this.publicSession(session))];
    }
    const customer = payer!;
    const price = this.prices.get(session._price)!;
    const sub = {
      id: newId('sub'),
      object: 'subscription',
      customer: customer.id,
      status: 'active',
      currency: price.currency,
      metadata: session._subscription_data.metadata ?? {},
      items: {
        object: 'list',
        data: [{ id: newId('si'), object: 'subscription_item', price, quantity: session._quantity }],
      },
      start_date: this.seconds(),
      created: this.seconds(),
      canceled_at: null,
      ended_at: null,
      cancel_at_period_end: false,
      latest_invoice: null as string | null,
    };
    this.subscriptions.set(sub.id, sub);
    const invoice = this.paidInvoice(sub, customer, 'subscription_create', true);
    sub.latest_invoice = invoice.id;
    Object.assign(session, { subscription: sub.id, invoice: invoice.id });
    return [
      this.event('customer.subscription.created', sub),
      this.event('invoice.paid', invoice),
      this.event('checkout.session.completed', this.publicSession(session)),
    ];
  }

  /** The next period of a recurring donation: charged, or the card declined. */
  renew(subscriptionId: string, outcome: 'paid' | 'failed' = 'paid'): Obj[] {
    const sub = this.subscriptions.get(subscriptionId)!;
    const customer = this.customers.get(sub.customer)!;
    const invoice = this.paidInvoice(sub, customer, 'subscription_cycle', outcome === 'paid');
    if (outcome === 'paid') return [this.event('invoice.paid', invoice)];
    sub.status = 'past_due';
    return [this.event('invoice.payment_failed', invoice), this.event('customer.subscription.updated', sub)];
  }

  refund(paymentIntentId: string, amount?: number): Obj[] {
    const charge = [...this.charges.values()].find((c) => c.payment_intent === paymentIntentId);
    if (!charge) throw new Error(`no charge for ${paymentIntentId}`);
    const value = amount ?? charge.amount - charge.amount_refunded;
    const refund = {
      id: newId('re'),
      object: 'refund',
      amount: value,
      charge: charge.id,
      payment_intent: paymentIntentId,
      currency: charge.currency,
      status: 'succeeded',
      created: this.seconds(),
    };
    this.refunds.set(refund.id, refund);
    charge.amount_refunded += value;
    charge.refunded = charge.amount_refunded >= charge.amount;
    // Like Stripe's events since 2022: the charge without its refunds list, which the app must fetch.
    return [this.event('charge.refunded', charge)];
  }

  /**
   * The donor picks another Price in the portal. Without proration nothing is charged now: the next invoice
   * is at the new price.
   */
  changePrice(subscriptionId: string, priceId: string): Obj[] {
    const sub = this.subscriptions.get(subscriptionId)!;
    const price = this.prices.get(priceId)!;
    const previous = { items: structuredClone(sub.items) };
    sub.items.data[0] = { ...sub.items.data[0], price };
    return [this.event('customer.subscription.updated', sub, previous)];
  }

  /**
   * Another business on the same Stripe account sells something through its own Checkout (no reference of
   * ours anywhere): a one-time sale to a guest or to a customer, or a subscription. Returns the events.
   */
  shopSale(amount: number, options: { interval?: 'month' | 'year'; customer?: boolean } = {}): Obj[] {
    const product = 'prod_test_shop';
    if (!this.products.has(product)) {
      this.products.set(product, {
        id: product,
        object: 'product',
        name: 'Tote bag',
        active: true,
        created: 1,
      });
    }
    const price = {
      id: newId('price'),
      object: 'price',
      product,
      unit_amount: amount,
      currency: 'gbp',
      lookup_key: null,
      recurring: options.interval ? { interval: options.interval, interval_count: 1 } : null,
      type: options.interval ? 'recurring' : 'one_time',
      active: true,
      created: this.seconds(),
    };
    this.prices.set(price.id, price);
    const session = this.createSession({
      mode: options.interval ? 'subscription' : 'payment',
      line_items: [{ price: price.id, quantity: '1' }],
      success_url: 'https://shop.example/thanks',
      customer_email: 'shopper@example.org',
      payment_intent_data: { metadata: { order: 'shop-1042' } },
      ...(options.customer ? { customer_creation: 'always' } : {}),
    });
    return this.completeCheckout(session.id, { name: 'A Shopper' });
  }

  cancel(subscriptionId: string): Obj[] {
    const sub = this.subscriptions.get(subscriptionId)!;
    Object.assign(sub, { status: 'canceled', canceled_at: this.seconds(), ended_at: this.seconds() });
    return [this.event('customer.subscription.deleted', sub)];
  }

  /** A session as the API shows it: without the stand-in's own bookkeeping. */
  publicSession(session: Obj): Obj {
    return Object.fromEntries(Object.entries(session).filter(([k]) => !k.startsWith('_')));
  }
}
