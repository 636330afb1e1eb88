// A local HTTP server that speaks the parts of Stripe's REST API the app calls (form-encoded requests,
// Stripe-shaped JSON objects, lists with created[gte]/[lte] and starting_after pagination, error bodies),
// so that tests run the real `stripe` SDK against it. It also serves stand-in checkout and portal pages,
// and delivers webhooks signed with the SDK's own generateTestHeaderString.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import type { PaymentProvider } from '../../src/revenue/payment-provider.js';
import { stripePayments } from '../../src/revenue/stripe-provider.js';
import { donorPage } from './stripe-standin-pages.js';
import { newId, type Obj, StandinError, StandinWorld } from './stripe-standin-world.js';

export const STANDIN_SECRET_KEY = 'sk_test_standin0123456789';
export const STANDIN_WEBHOOK_SECRET = 'whsec_standin0123456789';

export type Deliver = (
  payload: string,
  headers: Record<string, string>,
) => Promise<{ status: number; body: string }>;

/** Stripe's bracket notation (a[b][0][c]=1) into nested objects and arrays. */
export function parseStripeForm(text: string): Obj {
  const root: Obj = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = key.replace(/\]/g, '').split('[');
    let node: Obj = root;
    path.forEach((part, i) => {
      if (i === path.length - 1) {
        node[part] = value;
        return;
      }
      node[part] ??= /^\d+$/.test(path[i + 1]!) ? [] : {};
      node = node[part];
    });
  }
  return root;
}

function list(url: string, items: Obj[], query: Obj): Obj {
  let rows = [...items].sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : -1));
  const created = query.created;
  if (created && typeof created === 'object') {
    if (created.gte) rows = rows.filter((r) => r.created >= Number(created.gte));
    if (created.lte) rows = rows.filter((r) => r.created <= Number(created.lte));
  }
  if (query.starting_after) {
    const at = rows.findIndex((r) => r.id === query.starting_after);
    rows = at >= 0 ? rows.slice(at + 1) : [];
  }
  const limit = Math.min(100, Number(query.limit ?? 10));
  return { object: 'list', url, data: rows.slice(0, limit), has_more: rows.length > limit };
}

export interface StripeStandin {
  world: StandinWorld;
  url: string;
  /** The env that points the app's Stripe SDK here. */
  env: Record<string, string>;
  /** Requests received, as "METHOD /path", for assertions. */
  requests: string[];
  /** Where webhooks go: the app's URL, or an inject() call. */
  deliverTo: Deliver | null;
  deliver(
    event: Obj,
    options?: { signature?: string | null; secret?: string },
  ): Promise<{ status: number; body: string }>;
  deliverAll(events: Obj[]): Promise<Array<{ status: number; body: string }>>;
  close(): Promise<void>;
}

export async function startStripeStandin(): Promise<StripeStandin> {
  let base = '';
  const world = new StandinWorld(() => base);
  const requests: string[] = [];
  const idempotent = new Map<string, { status: number; body: string }>();

  function route(method: string, path: string, query: Obj, body: Obj): Obj {
    const get = (map: Map<string, Obj>, id: string, what: string) => {
      const found = map.get(id);
      if (!found) throw new StandinError(404, `No such ${what}: '${id}'`, 'resource_missing', 'id');
      return found;
    };
    const seg = path.split('/').filter(Boolean).slice(1); // drop "v1"
    const key = `${method} ${seg[0]}${seg[0] === 'billing_portal' || seg[1] === 'sessions' ? `/${seg[1]}` : ''}`;
    switch (key) {
      case 'POST products': {
        const id = body.id ?? newId('prod');
        if (world.products.has(id))
          throw new StandinError(400, `Product already exists.`, 'resource_already_exists');
        const product = { id, object: 'product', name: body.name, active: true, created: world.seconds() };
        world.products.set(id, product);
        return product;
      }
      case 'GET products':
        return get(world.products, seg[1]!, 'product');
      case 'GET prices': {
        const keys: string[] = Object.values(query.lookup_keys ?? {});
        const rows = [...world.prices.values()].filter(
          (p) =>
            (!keys.length || keys.includes(p.lookup_key)) &&
            (query.active === undefined || String(p.active) === query.active),
        );
        return list('/v1/prices', rows, query);
      }
      case 'POST prices': {
        get(world.products, body.product, 'product');
        const amount = Number(body.unit_amount);
        if (!Number.isInteger(amount) || amount < 0)
          throw new StandinError(400, 'Invalid integer: unit_amount', undefined, 'unit_amount');
        const holder = [...world.prices.values()].find(
          (p) => p.lookup_key && p.lookup_key === body.lookup_key,
        );
        if (holder && body.transfer_lookup_key !== 'true') {
          throw new StandinError(400, 'A price with this lookup_key already exists.', 'lookup_key_exists');
        }
        if (holder) holder.lookup_key = null;
        const price = {
          id: newId('price'),
          object: 'price',
          product: body.product,
          unit_amount: amount,
          currency: body.currency,
          lookup_key: body.lookup_key ?? null,
          recurring: body.recurring ? { interval: body.recurring.interval, interval_count: 1 } : null,
          type: body.recurring ? 'recurring' : 'one_time',
          active: true,
          created: world.seconds(),
        };
        world.prices.set(price.id, price);
        return price;
      }
      case 'POST checkout/sessions':
        return world.publicSession(world.createSession(body));
      case 'GET checkout/sessions':
        return world.publicSession(get(world.sessions, seg[2]!, 'checkout.session'));
      case 'GET billing_portal/configurations':
        return list(
          '/v1/billing_portal/configurations',
          [...world.portalConfigurations.values()].filter(
            (c) => query.active === undefined || String(c.active) === query.active,
          ),
          query,
        );
      case 'POST billing_portal/configurations': {
        if (!body.features)
          throw new StandinError(400, 'Missing required param: features.', 'parameter_missing');
        const configuration = {
          id: newId('bpc'),
          object: 'billing_portal.configuration',
          active: true,
          is_default: false,
          name: body.name ?? null,
          metadata: body.metadata ?? {},
          features: body.features,
          created: world.seconds(),
        };
        world.portalConfigurations.set(configuration.id, configuration);
        return configuration;
      }
      case 'POST billing_portal/sessions': {
        get(world.customers, body.customer, 'customer');
        // Like a new Stripe account: no default configuration, so a session needs one of its own.
        if (!body.configuration) {
          throw new StandinError(
            400,
            'No configuration provided and your test mode default configuration has not been created.',
          );
        }
        get(world.portalConfigurations, body.configuration, 'billing_portal.configuration');
        const id = newId('bps');
        const session = {
          id,
          object: 'billing_portal.session',
          customer: body.customer,
          configuration: body.configuration,
          return_url: body.return_url,
          url: `${base}/p/session/${id}`,
          created: world.seconds(),
        };
        world.portalSessions.set(id, session);
        return session;
      }
      case 'GET invoices':
        return get(world.invoices, seg[1]!, 'invoice');
      case 'GET invoice_payments':
        return list(
          '/v1/invoice_payments',
          [...world.invoicePayments.values()].filter((p) => p.invoice === query.invoice),
          query,
        );
      case 'GET subscriptions':
        if (seg[1]) return get(world.subscriptions, seg[1], 'subscription');
        return list('/v1/subscriptions', [...world.subscriptions.values()], query);
      case 'GET charges':
        return list('/v1/charges', [...world.charges.values()], query);
      case 'GET refunds':
        return list(
          '/v1/refunds',
          [...world.refunds.values()].filter((r) => !query.charge || r.charge === query.charge),
          query,
        );
      default:
        throw new StandinError(404, `Unrecognized request URL (${method}: ${path}).`);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', base);
    const method = req.method ?? 'GET';
    requests.push(`${method} ${url.pathname}`);
    if (!url.pathname.startsWith('/v1/'))
      return donorPage(world, (events) => standin.deliverAll(events), method, url.pathname, res);
    const send = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': newId('req') });
      res.end(body);
    };
    if (req.headers.authorization !== `Bearer ${STANDIN_SECRET_KEY}`) {
      return send(
        401,
        JSON.stringify({ error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' } }),
      );
    }
    const key = req.headers['idempotency-key'];
    const replay = typeof key === 'string' && method === 'POST' ? idempotent.get(key) : undefined;
    if (replay) return send(replay.status, replay.body);
    let status = 200;
    let body: string;
    try {
      body = JSON.stringify(
        route(
          method,
          url.pathname,
          parseStripeForm(url.search.slice(1)),
          parseStripeForm(Buffer.concat(chunks).toString()),
        ),
      );
    } catch (error) {
      if (!(error instanceof StandinError)) throw error;
      status = error.status;
      body = JSON.stringify({
        error: {
          type: 'invalid_request_error',
          message: error.message,
          code: error.code,
          param: error.param,
        },
      });
    }
    if (typeof key === 'string' && method === 'POST') idempotent.set(key, { status, body });
    send(status, body);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { type: 'api_error', message: String(error) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;

  const standin: StripeStandin = {
    world,
    url: base,
    requests,
    deliverTo: null,
    env: {
      STRIPE_SECRET_KEY: STANDIN_SECRET_KEY,
      STRIPE_WEBHOOK_SECRET: STANDIN_WEBHOOK_SECRET,
      STRIPE_API_HOST: '127.0.0.1',
      STRIPE_API_PORT: String(port),
      STRIPE_API_PROTOCOL: 'http',
    },
    async deliver(event, options = {}) {
      if (!standin.deliverTo) throw new Error('the stand-in has nowhere to deliver webhooks (set deliverTo)');
      const payload = JSON.stringify(event, null, 2);
      const signature =
        options.signature === undefined
          ? Stripe.webhooks.generateTestHeaderString({
              payload,
              secret: options.secret ?? STANDIN_WEBHOOK_SECRET,
            })
          : options.signature;
      return standin.deliverTo(payload, {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        ...(signature === null ? {} : { 'stripe-signature': signature }),
      });
    },
    async deliverAll(events) {
      const results = [];
      for (const event of events) results.push(await standin.deliver(event));
      return results;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return standin;
}

/** Delivers to a Fastify app in the same process, as Stripe would over HTTP. */
export function injectInto(app: {
  inject: (o: {
    method: 'POST';
    url: string;
    headers: Record<string, string>;
    payload: string;
  }) => Promise<{ statusCode: number; body: string }>;
}): Deliver {
  return async (payload, headers) => {
    const res = await app.inject({ method: 'POST', url: '/stripe/webhook', headers, payload });
    return { status: res.statusCode, body: res.body };
  };
}

/** Delivers over real HTTP to a running app. */
export function postTo(baseUrl: string): Deliver {
  return async (payload, headers) => {
    const res = await fetch(`${baseUrl}/stripe/webhook`, { method: 'POST', headers, body: payload });
    return { status: res.status, body: await res.text() };
  };
}

/** The app's own Stripe provider, pointed at the stand-in. */
export function standinPayments(standin: StripeStandin): PaymentProvider {
  return stripePayments({
    secretKey: STANDIN_SECRET_KEY,
    webhookSecret: STANDIN_WEBHOOK_SECRET,
    api: { host: '127.0.0.1', port: Number(new URL(standin.url).port), protocol: 'http' },
  });
}
