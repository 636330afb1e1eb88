// Stripe's customer portal as donors need it, whatever the account's default (which a new account does not
// even have): change the amount to one of our suggested ones, update the card, see past payments, cancel at
// once; never prorated (what was given stays given, a new amount applies from the next payment).
import type Stripe from 'stripe';
import type { PortalOffer } from '../payment-provider.js';
import type { DonationCatalogue } from './catalogue.js';
import type { StripeAccess } from './client.js';

// Marks the customer portal configuration we made, so that every instance finds and reuses it. The "_v1" is
// the mark's first spelling: kept, so that a configuration made before donors could change their amount is
// rebuilt rather than left beside a second one.
const PORTAL_CONFIGURATION = 'broadsheet_donations_v1';
// Metadata key for what the configuration was last built to offer (see portalVersion).
const PORTAL_VERSION = 'broadsheet_offer';
// Raised whenever the portal's features change, so that configurations built before are rebuilt.
const PORTAL_LAYOUT = 2;

/** What a portal configuration offers, in a few characters (metadata values hold up to 500). */
function portalVersion(offer: PortalOffer): string {
  return [
    `layout ${PORTAL_LAYOUT}`,
    offer.currency.toUpperCase(),
    `month ${offer.amounts.month.join(',')}`,
    `year ${offer.amounts.year.join(',')}`,
  ].join('; ');
}

export type PortalUrl = (customerId: string, returnUrl: string, offer: PortalOffer) => Promise<string>;

export function donorPortal(sdk: StripeAccess, catalogue: DonationCatalogue): PortalUrl {
  const portalBuilds = new Map<string, Promise<string>>();

  // One configuration of ours, found again by its mark and rebuilt in place whenever what it offers differs
  // from the settings, so that every instance opens the same portal and a change of amounts or currency
  // reaches donors at once.
  async function portalConfiguration(stripe: Stripe, offer: PortalOffer): Promise<string> {
    const version = portalVersion(offer);
    let ours: Stripe.BillingPortal.Configuration | undefined;
    for await (const c of stripe.billingPortal.configurations.list({ active: true, limit: 100 })) {
      if (c.metadata?.broadsheet !== PORTAL_CONFIGURATION) continue;
      if (c.metadata[PORTAL_VERSION] === version) return c.id;
      ours ??= c;
    }
    const target = ours?.id ?? null;
    // Two portals opened at once in this instance build it once.
    const key = `${target ?? 'new'} ${version}`;
    let build = portalBuilds.get(key);
    if (!build) {
      build = (async () => {
        const params = {
          name: 'Donations',
          metadata: { broadsheet: PORTAL_CONFIGURATION, [PORTAL_VERSION]: version },
          features: await portalFeatures(offer),
        };
        const built = target
          ? await stripe.billingPortal.configurations.update(target, params)
          : await stripe.billingPortal.configurations.create(params);
        return built.id;
      })();
      portalBuilds.set(key, build);
      void build.finally(() => portalBuilds.delete(key)).catch(() => {});
    }
    return build;
  }

  async function portalFeatures(
    offer: PortalOffer,
  ): Promise<Stripe.BillingPortal.ConfigurationCreateParams.Features> {
    const prices: string[] = [];
    for (const interval of ['month', 'year'] as const) {
      for (const amount of offer.amounts[interval]) {
        prices.push(await catalogue.price(interval, amount, offer.currency));
      }
    }
    return {
      payment_method_update: { enabled: true },
      invoice_history: { enabled: true },
      subscription_cancel: { enabled: true, mode: 'immediately', proration_behavior: 'none' },
      subscription_update: {
        enabled: true,
        default_allowed_updates: ['price'],
        products: [{ product: await catalogue.product(), prices }],
        proration_behavior: 'none',
      },
    };
  }

  return (customerId, returnUrl, offer) =>
    sdk.call(async (stripe) => {
      const configuration = await portalConfiguration(stripe, offer);
      const session = await stripe.billingPortal.sessions.create({
        customer: customerId,
        return_url: returnUrl,
        configuration,
      });
      return session.url;
    });
}
