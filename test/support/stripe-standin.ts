// A local HTTP server that speaks the parts of Stripe's REST API the app calls (form-encoded requests, API
// keys, idempotency keys; the endpoints are in stripe-standin-api.ts), so that tests run the real `stripe`
// SDK against it. It also serves stand-in checkout and portal pages (the portal changes a subscription's
// price or cancels it, as its configuration allows), and delivers webhooks signed with the SDK's own
// generateTestHeaderString.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import type { PaymentProvider } from '../../src/revenue/payment-provider.js';
import { stripePayments } from '../../src/revenue/stripe-provider.js';
import { parseStripeForm, routeApi } from './stripe-standin-api.js';
import { donorPage } from './stripe-standin-pages.js';
import { newId, type Obj, StandinError, StandinWorld } from './stripe-standin-world.js';

export const STANDIN_SECRET_KEY = 'sk_test_standin0123456789';
export const STANDIN_WEBHOOK_SECRET = 'whsec_standin0123456789';

export type Deliver = (
  payload: string,
  headers: Record<string, string>,
) => Promise<{ status: number; body: string }>;

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

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', base);
    const method = req.method ?? 'GET';
    requests.push(`${method} ${url.pathname}`);
    if (!url.pathname.startsWith('/v1/')) {
      const form = parseStripeForm(Buffer.concat(chunks).toString());
      return donorPage(world, (events) => standin.deliverAll(events), method, url.pathname, form, res);
    }
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
        routeApi(
          world,
          base,
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
