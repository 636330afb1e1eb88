// The pages a donor would see at Stripe, served by the stand-in: the checkout page (enough to show where the
// app sent the donor) and the customer portal, which offers what its configuration enables: another of the
// configured Prices (the subscription changes price, and the app is told by webhook) and cancelling.
import type { ServerResponse } from 'node:http';
import type { Obj, StandinWorld } from './stripe-standin-world.js';

const html = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function priceLabel(price: Obj): string {
  const every = price.recurring ? ` a ${price.recurring.interval}` : '';
  return `${(price.unit_amount / 100).toFixed(2)} ${String(price.currency).toUpperCase()}${every}`;
}

/** The Prices a subscription may move to under this configuration, as the portal lists them. */
function offeredPrices(world: StandinWorld, configuration: Obj | undefined, sub: Obj): Obj[] {
  const update = configuration?.features?.subscription_update;
  const allowed: string[] = Object.values(update?.default_allowed_updates ?? {});
  if (update?.enabled !== 'true' || !allowed.includes('price')) return [];
  const current = sub.items.data[0].price;
  const entries: Obj[] = Object.values(update.products ?? {});
  return entries
    .filter((entry) => entry.product === current.product)
    .flatMap((entry): string[] => Object.values(entry.prices ?? {}))
    .map((id) => world.prices.get(id))
    .filter((p): p is Obj => Boolean(p?.active) && p!.currency === sub.currency && p!.id !== current.id);
}

export function donorPage(
  world: StandinWorld,
  deliverAll: (events: Obj[]) => Promise<Array<{ status: number }>>,
  method: string,
  path: string,
  form: Obj,
  res: ServerResponse,
) {
  const pay = /^\/c\/pay\/(cs_\w+)$/.exec(path);
  if (pay && method === 'GET') {
    const s = world.sessions.get(pay[1]!);
    res.writeHead(s ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(
      s
        ? `<!doctype html><title>Stand-in checkout</title><h1>Pay ${s.amount_total} ${s.currency} (${s.mode})</h1>`
        : 'not found',
    );
  }
  const portal = /^\/p\/session\/(bps_\w+)(?:\/(cancel|update))?$/.exec(path);
  const session = portal ? world.portalSessions.get(portal[1]!) : undefined;
  const action = portal?.[2];
  const configuration = world.portalConfigurations.get(session?.configuration);
  const running = [...world.subscriptions.values()].filter(
    (s) => s.customer === session?.customer && s.status !== 'canceled',
  );
  const backWith = (events: Obj[]) =>
    void deliverAll(events).then((results) => {
      res.writeHead(303, {
        location: session!.return_url,
        'x-webhook-status': results.map((r) => r.status).join(','),
      });
      res.end();
    });

  if (session && method === 'GET' && !action) {
    const changes = running.map((sub) => {
      const offered = offeredPrices(world, configuration, sub);
      if (offered.length === 0) return '';
      const field = `price-${sub.id}`;
      return (
        `<form method="post" action="${path}/update"><p>Now: ${html(priceLabel(sub.items.data[0].price))}</p>` +
        `<input type="hidden" name="subscription" value="${sub.id}">` +
        `<label for="${field}">New amount</label><select id="${field}" name="price">` +
        offered.map((p) => `<option value="${p.id}">${html(priceLabel(p))}</option>`).join('') +
        '</select><button>Change amount</button></form>'
      );
    });
    const cancelling = configuration?.features?.subscription_cancel?.enabled === 'true';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(
      `<!doctype html><title>Stand-in portal</title>${changes.join('')}` +
        (cancelling ? `<form method="post" action="${path}/cancel"><button>Cancel</button></form>` : ''),
    );
  }
  if (session && method === 'POST' && action === 'update') {
    // The donor picks another price: Stripe changes the subscription and tells the app by webhook.
    const sub = running.find((s) => s.id === form.subscription);
    const price = sub && offeredPrices(world, configuration, sub).find((p) => p.id === form.price);
    if (sub && price) return backWith(world.changePrice(sub.id, price.id));
  }
  if (session && method === 'POST' && action === 'cancel') {
    if (configuration?.features?.subscription_cancel?.enabled === 'true') {
      // The donor cancels in the portal: Stripe cancels the subscription and tells the app by webhook.
      return backWith(running.flatMap((s) => world.cancel(s.id)));
    }
  }
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('not found');
}
