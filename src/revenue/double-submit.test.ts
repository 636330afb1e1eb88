// A donation form sent twice (a double click, at the same moment or one after the other) opens one Checkout
// Session at the Stripe stand-in and sends both answers to the same payment page; a changed form, another
// reader on the same cached page, or a form without its nonce is a donation of its own. Both databases.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_ORIGIN, type TestApp } from '../../test/support/app.js';
import { testDatabases } from '../../test/support/databases.js';
import { DONOR } from '../../test/support/revenue.js';
import { injectInto, type StripeStandin, startStripeStandin } from '../../test/support/stripe-standin.js';

let standin: StripeStandin;
beforeAll(async () => {
  standin = await startStripeStandin();
});
afterAll(() => standin.close());

describe.each(testDatabases)('sending the donation form twice, on $name', (database) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp({ database, env: standin.env });
    standin.deliverTo = injectInto(t.app);
    standin.world.now = () => new Date();
    return () => t.close();
  });

  async function nonceOfSupportPage(): Promise<string> {
    const page = await t.app.inject('/support');
    const nonce = /<input type="hidden" name="form_nonce" value="([\w-]+)"/.exec(page.body)?.[1];
    expect(nonce, 'the form carries a nonce').toBeTruthy();
    return nonce!;
  }

  const send = (fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/support',
      headers: { origin: TEST_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ interval: 'once', amount: '2500', ...DONOR, ...fields }).toString(),
    });

  const checkoutRows = () => t.storage.db.selectFrom('donation_checkouts').selectAll().execute();

  it('opens one Checkout Session for two identical posts at the same moment, both sent to its page', async () => {
    const nonce = await nonceOfSupportPage();
    const before = standin.world.sessions.size;
    const [first, second] = await Promise.all([send({ form_nonce: nonce }), send({ form_nonce: nonce })]);
    expect([first.statusCode, second.statusCode]).toEqual([303, 303]);
    expect(first.headers.location).toMatch(new RegExp(`^${standin.url}/c/pay/cs_`));
    expect(second.headers.location).toBe(first.headers.location);
    expect(standin.world.sessions.size).toBe(before + 1);
    const rows = await checkoutRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe('open');

    // Sent again a moment later (the browser's back button and "Continue" once more): the same page.
    const third = await send({ form_nonce: nonce });
    expect(third.statusCode).toBe(303);
    expect(third.headers.location).toBe(first.headers.location);
    expect(standin.world.sessions.size).toBe(before + 1);
  });

  it('opens a new one for a changed form, another reader of the same cached page, or a form without its nonce', async () => {
    const nonce = await nonceOfSupportPage();
    // The cached page hands every reader the same nonce: the donor's own words keep them apart.
    expect(await nonceOfSupportPage()).toBe(nonce);
    const before = standin.world.sessions.size;
    const mine = await send({ form_nonce: nonce });
    const moreMoney = await send({ form_nonce: nonce, amount: '5000' });
    const someoneElse = await send({ form_nonce: nonce, name: 'Bea Reader', email: 'bea@example.org' });
    const noNonce = [await send({}), await send({})];
    const locations = [mine, moreMoney, someoneElse, ...noNonce].map((r) => {
      expect(r.statusCode).toBe(303);
      return String(r.headers.location);
    });
    expect(new Set(locations).size).toBe(5);
    expect(standin.world.sessions.size).toBe(before + 5);
    expect(await checkoutRows()).toHaveLength(5);
  });

  it('starts afresh when the first attempt failed at Stripe, rather than repeating the failure', async () => {
    const nonce = await nonceOfSupportPage();
    const first = await send({ form_nonce: nonce });
    expect(first.statusCode).toBe(303);
    // As a failure at Stripe leaves the first post's checkout.
    await t.storage.db.updateTable('donation_checkouts').set({ status: 'failed' }).execute();
    const again = await send({ form_nonce: nonce });
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).not.toBe(first.headers.location);
    expect((await checkoutRows()).map((r) => r.status).sort()).toEqual(['failed', 'open']);
  });
});
