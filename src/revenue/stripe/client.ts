// The Stripe SDK, loaded on first use. Importing it takes the better part of a second, which a process must
// not spend before it serves its first reader, nor at all when payments are not configured; so the package
// is imported (once) by the first call that needs Stripe, and only types are imported here at load.
import type Stripe from 'stripe';
import { PaymentProviderFailed } from '../payment-errors.js';

export interface StripeOptions {
  secretKey: string;
  webhookSecret: string;
  /** Another API server speaking Stripe's protocol (tests); Stripe's own when unset. */
  api?: { host: string; port: number; protocol: 'http' | 'https' };
  productName?: string;
}

export interface StripeAccess {
  /** The client, built on the first call; every later call shares it. */
  client(): Promise<Stripe>;
  /** Runs work with the client; Stripe's errors become PaymentProviderFailed (nothing was charged). */
  call<T>(work: (stripe: Stripe) => Promise<T>): Promise<T>;
}

export function stripeAccess(options: StripeOptions): StripeAccess {
  let client: Promise<Stripe> | null = null;

  function load(): Promise<Stripe> {
    client ??= import('stripe').then(
      ({ default: StripeSdk }) =>
        new StripeSdk(options.secretKey, {
          telemetry: false,
          maxNetworkRetries: 2,
          timeout: 20_000,
          ...(options.api
            ? { host: options.api.host, port: options.api.port, protocol: options.api.protocol }
            : {}),
        }),
    );
    client.catch(() => {
      client = null;
    });
    return client;
  }

  return {
    client: load,
    // Stripe's own errors say what went wrong with our request; the donor gets a plain message either way.
    async call(work) {
      const stripe = await load();
      try {
        return await work(stripe);
      } catch (error) {
        if (error instanceof stripe.errors.StripeError) {
          // Type, code and status say what to fix (a wrong key, a closed account); messages may quote what a
          // donor typed, so they stay out of the log.
          throw new PaymentProviderFailed(
            undefined,
            `${error.type} ${error.code ?? ''} ${error.statusCode ?? ''}`.trim(),
          );
        }
        throw error;
      }
    },
  };
}

/** Stripe's answer that the object asked for does not exist. */
export function isNotFound(stripe: Stripe, error: unknown): boolean {
  return error instanceof stripe.errors.StripeError && error.statusCode === 404;
}
