// The pages a donor would see at Stripe, served by the stand-in: the checkout page (enough to show where the
// app sent the donor) and the customer portal, whose Cancel button cancels and tells the app by webhook.
import type { ServerResponse } from 'node:http';
import type { Obj, StandinWorld } from './stripe-standin-world.js';

export function donorPage(
  world: StandinWorld,
  deliverAll: (events: Obj[]) => Promise<Array<{ status: number }>>,
  method: string,
  path: string,
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
  const portal = /^\/p\/session\/(bps_\w+)(\/cancel)?$/.exec(path);
  const session = portal ? world.portalSessions.get(portal[1]!) : undefined;
  if (session && method === 'GET' && !portal![2]) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(
      `<!doctype html><title>Stand-in portal</title><form method="post" action="${path}/cancel"><button>Cancel</button></form>`,
    );
  }
  const cancelling = world.portalConfigurations.get(session?.configuration)?.features?.subscription_cancel;
  if (session && method === 'POST' && portal![2] && cancelling?.enabled === 'true') {
    // The donor cancels in the portal: Stripe cancels the subscription and tells the app by webhook.
    const subs = [...world.subscriptions.values()].filter(
      (s) => s.customer === session.customer && s.status !== 'canceled',
    );
    const events = subs.flatMap((s) => world.cancel(s.id));
    return void deliverAll(events).then((results) => {
      res.writeHead(303, {
        location: session.return_url,
        'x-webhook-status': results.map((r) => r.status).join(','),
      });
      res.end();
    });
  }
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('not found');
}
