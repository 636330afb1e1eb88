// What donors buy at Stripe: one Product every donation Price hangs on, created on first use under a fixed
// id, and one Price per interval, currency and amount, found again by its lookup key.
import type { DonationInterval } from '../../storage/schema.js';
import { isNotFound, type StripeAccess } from './client.js';

const PRODUCT_ID = 'broadsheet_donation';

export interface DonationCatalogue {
  product(): Promise<string>;
  price(interval: DonationInterval, amount: number, currency: string): Promise<string>;
}

export function donationCatalogue(sdk: StripeAccess, productName = 'Donation'): DonationCatalogue {
  let product: Promise<string> | null = null;

  function donationProduct(): Promise<string> {
    product ??= (async () => {
      const stripe = await sdk.client();
      try {
        return (await stripe.products.retrieve(PRODUCT_ID)).id;
      } catch (error) {
        if (!isNotFound(stripe, error)) throw error;
        const created = await stripe.products.create(
          { id: PRODUCT_ID, name: productName },
          { idempotencyKey: `product-${PRODUCT_ID}` },
        );
        return created.id;
      }
    })();
    product.catch(() => {
      product = null;
    });
    return product;
  }

  // Prices are immutable at Stripe: a new amount is a new Price.
  async function donationPrice(interval: DonationInterval, amount: number, currency: string) {
    const stripe = await sdk.client();
    const lookupKey = `broadsheet_${interval}_${currency.toLowerCase()}_${amount}`;
    const found = await stripe.prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 });
    if (found.data[0]) return found.data[0].id;
    // No idempotency key of ours: for a day it would hand back the same Price, even one archived since. Two
    // requests racing here leave one spare Price, which is harmless; the SDK keys its own retries.
    const created = await stripe.prices.create({
      product: await donationProduct(),
      unit_amount: amount,
      currency: currency.toLowerCase(),
      lookup_key: lookupKey,
      // A Price archived in Stripe's dashboard keeps its lookup key; the new one takes it over.
      transfer_lookup_key: true,
      ...(interval === 'once' ? {} : { recurring: { interval } }),
    });
    return created.id;
  }

  return { product: donationProduct, price: donationPrice };
}
