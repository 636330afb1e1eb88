// The stand-in's REST API: the endpoints of Stripe's the app calls, answering from the world's state with
// Stripe-shaped JSON, lists with created[gte]/[lte] and starting_after pagination, expand[] of the fields
// the app expands, and Stripe's errors (an unknown parameter in a portal configuration among them).
import { newId, type Obj, StandinError, type StandinWorld } from './stripe-standin-world.js';

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

/** Replaces the id in `field` of each listed object by the object itself, as expand[]=data.<field> does. */
function expandListed(page: Obj, query: Obj, field: string, lookup: Map<string, Obj>): Obj {
  const wanted: string[] = Object.values(query.expand ?? {});
  if (!wanted.includes(`data.${field}`)) return page;
  return {
    ...page,
    data: page.data.map((row: Obj) =>
      typeof row[field] === 'string' && lookup.has(row[field])
        ? { ...row, [field]: lookup.get(row[field]) }
        : row,
    ),
  };
}

// The parameters Stripe accepts under billing_portal.configuration's features; anything else is refused as
// Stripe refuses it, so that a misspelt or invented parameter fails here as it would there.
const PORTAL_FEATURES: Record<string, string[]> = {
  customer_update: ['enabled', 'allowed_updates'],
  invoice_history: ['enabled'],
  payment_method_update: ['enabled', 'payment_method_configuration'],
  subscription_cancel: ['enabled', 'mode', 'proration_behavior', 'cancellation_reason'],
  subscription_pause: ['enabled'],
  subscription_update: [
    'enabled',
    'default_allowed_updates',
    'products',
    'proration_behavior',
    'billing_cycle_anchor',
    'schedule_at_period_end',
    'trial_update_behavior',
  ],
};
const PRORATIONS = ['none', 'create_prorations', 'always_invoice'];

function checkPortalFeatures(world: StandinWorld, features: Obj) {
  const unknown = (param: string) =>
    new StandinError(400, `Received unknown parameter: ${param}`, 'parameter_unknown', param);
  const invalid = (param: string, message: string) =>
    new StandinError(400, message, 'parameter_invalid', param);
  for (const [name, value] of Object.entries(features)) {
    const allowed = PORTAL_FEATURES[name];
    if (!allowed) throw unknown(`features[${name}]`);
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) throw unknown(`features[${name}][${key}]`);
    }
    if (value.proration_behavior !== undefined && !PRORATIONS.includes(value.proration_behavior)) {
      throw invalid(`features[${name}][proration_behavior]`, 'Invalid proration_behavior.');
    }
  }
  const update = features.subscription_update;
  if (update?.enabled !== 'true') return;
  const allowedUpdates: string[] = Object.values(update.default_allowed_updates ?? {});
  if (
    allowedUpdates.length === 0 ||
    allowedUpdates.some((u) => !['price', 'quantity', 'promotion_code'].includes(u))
  ) {
    throw invalid(
      'features[subscription_update][default_allowed_updates]',
      'default_allowed_updates must name price, quantity or promotion_code when subscription updates are enabled.',
    );
  }
  const products: Obj[] = Object.values(update.products ?? {});
  if (products.length === 0 || products.length > 10) {
    throw invalid('features[subscription_update][products]', 'Give between 1 and 10 products to update to.');
  }
  products.forEach((entry, i) => {
    for (const key of Object.keys(entry)) {
      if (!['product', 'prices', 'adjustable_quantity'].includes(key))
        throw unknown(`features[subscription_update][products][${i}][${key}]`);
    }
    if (!world.products.has(entry.product)) {
      throw new StandinError(400, `No such product: '${entry.product}'`, 'resource_missing');
    }
    const prices: string[] = Object.values(entry.prices ?? {});
    if (prices.length === 0) {
      throw invalid(`features[subscription_update][products][${i}][prices]`, 'Give at least one price.');
    }
    for (const id of prices) {
      const price = world.prices.get(id);
      if (!price) throw new StandinError(400, `No such price: '${id}'`, 'resource_missing');
      if (price.product !== entry.product || !price.recurring || !price.active) {
        throw invalid(
          `features[subscription_update][products][${i}][prices]`,
          `The price ${id} must be an active recurring price of ${entry.product}.`,
        );
      }
    }
  });
}

/** Answers one API request from the world's state; throws StandinError as Stripe answers errors. */
export function routeApi(
  world: StandinWorld,
  base: string,
  method: string,
  path: string,
  query: Obj,
  body: Obj,
): Obj {
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
      const holder = [...world.prices.values()].find((p) => p.lookup_key && p.lookup_key === body.lookup_key);
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
      if (seg[2]) {
        // An update: each feature given replaces that feature's settings, metadata keys are merged.
        const configuration = get(world.portalConfigurations, seg[2], 'billing_portal.configuration');
        if (body.features) checkPortalFeatures(world, body.features);
        const features = { ...configuration.features };
        for (const [name, value] of Object.entries(body.features ?? {}))
          features[name] = { ...features[name], ...(value as Obj) };
        Object.assign(configuration, {
          features,
          metadata: { ...configuration.metadata, ...body.metadata },
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.active !== undefined ? { active: body.active === 'true' } : {}),
          updated: world.seconds(),
        });
        return configuration;
      }
      if (!body.features)
        throw new StandinError(400, 'Missing required param: features.', 'parameter_missing');
      checkPortalFeatures(world, body.features);
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
    case 'GET invoice_payments': {
      const byPayment = query.payment?.payment_intent;
      const rows = [...world.invoicePayments.values()].filter(
        (p) =>
          (!query.invoice || p.invoice === query.invoice) &&
          (!byPayment || p.payment.payment_intent === byPayment),
      );
      return expandListed(list('/v1/invoice_payments', rows, query), query, 'invoice', world.invoices);
    }
    case 'GET subscriptions':
      if (seg[1]) return get(world.subscriptions, seg[1], 'subscription');
      return list('/v1/subscriptions', [...world.subscriptions.values()], query);
    case 'GET charges':
      return expandListed(
        list('/v1/charges', [...world.charges.values()], query),
        query,
        'payment_intent',
        world.paymentIntents,
      );
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
