// How the newsroom takes gifts, chosen by an admin: through Stripe (keys typed in the newsroom, sealed with
// the app secret), on an external donation page of its own, or not at all. Stripe keys in the environment
// win over this choice: a deployment that sets them keeps taking payments however the screen is set.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { Invalid } from '../http/errors.js';
import { parseOrInvalid } from '../http/validation.js';
import type { Database } from '../storage/schema.js';
import { readSettings, saveSettings, settingsSection } from '../storage/settings-store.js';
import { isSealed, openSecret, sealSecret } from './secret-seal.js';

export type PaymentMode = 'off' | 'external' | 'stripe';

const sealed = z.string().refine((v) => v === '' || isSealed(v), 'must be stored sealed');

const paymentModeSchema = z.object({
  mode: z.enum(['off', 'external', 'stripe']),
  externalUrl: z.string().trim().max(2000),
  stripeSecretKey: sealed,
  stripeWebhookSecret: sealed,
});

export type PaymentModeSettings = z.infer<typeof paymentModeSchema>;

const defaults: PaymentModeSettings = {
  mode: 'off',
  externalUrl: '',
  stripeSecretKey: '',
  stripeWebhookSecret: '',
};

export const paymentModeSection = settingsSection<PaymentModeSettings>({
  key: 'payments',
  defaults,
  parse: (input) => parseOrInvalid(paymentModeSchema, input, 'The payment settings are not valid.'),
});

export function readPaymentMode(db: Kysely<Database>): Promise<PaymentModeSettings> {
  return readSettings(db, paymentModeSection);
}

export const SECRET_KEY_PATTERN = /^(sk|rk)_(test|live)_\w+$/;
export const WEBHOOK_SECRET_PATTERN = /^whsec_\w+$/;

/** What an admin typed; an empty key field keeps the key already stored. */
export interface PaymentModeInput {
  mode: string;
  externalUrl: string;
  stripeSecretKey: string;
  stripeWebhookSecret: string;
}

function isHttpsUrl(text: string): boolean {
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
}

export async function savePaymentMode(
  db: Kysely<Database>,
  appSecret: string,
  input: PaymentModeInput,
  now: Date,
): Promise<PaymentModeSettings> {
  const current = await readPaymentMode(db);
  const errors: Record<string, string> = {};
  const mode = input.mode === 'stripe' || input.mode === 'external' ? input.mode : 'off';
  const externalUrl = input.externalUrl.trim();
  if (externalUrl) {
    if (!isHttpsUrl(externalUrl)) {
      errors.external_url = 'Enter the full https:// address of your donation page.';
    }
  } else if (mode === 'external') {
    errors.external_url = 'Enter the address of your donation page, or choose another mode.';
  }
  const secretKey = input.stripeSecretKey.trim();
  const webhookSecret = input.stripeWebhookSecret.trim();
  if (secretKey && !SECRET_KEY_PATTERN.test(secretKey)) {
    errors.stripe_secret_key = 'Enter a Stripe secret key: it starts with sk_test_ or sk_live_.';
  }
  if (webhookSecret && !WEBHOOK_SECRET_PATTERN.test(webhookSecret)) {
    errors.stripe_webhook_secret = 'Enter the webhook signing secret: it starts with whsec_.';
  }
  const next: PaymentModeSettings = {
    mode,
    externalUrl,
    stripeSecretKey: secretKey ? sealSecret(appSecret, secretKey) : current.stripeSecretKey,
    stripeWebhookSecret: webhookSecret ? sealSecret(appSecret, webhookSecret) : current.stripeWebhookSecret,
  };
  if (mode === 'stripe' && !errors.stripe_secret_key && !next.stripeSecretKey) {
    errors.stripe_secret_key = 'Enter the Stripe secret key to take payments through Stripe.';
  }
  if (mode === 'stripe' && !errors.stripe_webhook_secret && !next.stripeWebhookSecret) {
    errors.stripe_webhook_secret = 'Enter the webhook signing secret, so that gifts are recorded.';
  }
  if (Object.keys(errors).length > 0) {
    throw new Invalid('The payment settings were not saved. Please correct the marked fields.', errors);
  }
  return saveSettings(db, paymentModeSection, next, now);
}

export interface StoredStripeKeys {
  secretKey: string;
  webhookSecret: string;
}

/** The stored Stripe keys, opened; null when Stripe is not chosen or the keys do not open with this secret. */
export function openStripeKeys(settings: PaymentModeSettings, appSecret: string): StoredStripeKeys | null {
  if (settings.mode !== 'stripe') return null;
  const secretKey = openSecret(appSecret, settings.stripeSecretKey);
  const webhookSecret = openSecret(appSecret, settings.stripeWebhookSecret);
  return secretKey && webhookSecret ? { secretKey, webhookSecret } : null;
}

/** "test" or "live", read from the key's prefix, so the newsroom sees plainly whether money is real. */
export function stripeKeyKind(secretKey: string): 'test' | 'live' {
  return /^(sk|rk)_live_/.test(secretKey) ? 'live' : 'test';
}
