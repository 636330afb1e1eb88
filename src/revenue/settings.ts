// The newsroom's donation settings: currency, suggested amounts, limits, the fee-cover offer, the charity
// details a receipt needs, and the call-to-action's words and place. One section of the settings store.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { parseOrInvalid } from '../http/validation.js';
import { readSiteSettings } from '../site/settings.js';
import type { Database, DonationInterval } from '../storage/schema.js';
import { readSettings, saveSettings, settingsSection } from '../storage/settings-store.js';
import { currencyForLanguage } from './locale-currency.js';
import { isCurrency } from './money.js';
import type { PortalOffer } from './payment-provider.js';

export const INTERVALS: readonly DonationInterval[] = ['once', 'month', 'year'];

const amounts = z
  .array(z.number().int().positive())
  .min(1, 'needs at least one amount')
  .max(6, 'may have at most six amounts')
  .refine((list) => new Set(list).size === list.length, 'has the same amount twice');

const presets = z
  .object({ amounts, suggested: z.number().int().positive() })
  .refine((p) => p.amounts.includes(p.suggested), {
    message: 'must be one of the suggested amounts',
    path: ['suggested'],
  });

export const revenueSettingsSchema = z
  .object({
    currency: z
      .string()
      .trim()
      .transform((c) => c.toUpperCase())
      .refine(isCurrency, 'must be a currency code such as GBP, EUR or USD'),
    presets: z.object({ once: presets, month: presets, year: presets }),
    // Minor units. Below the minimum the card fee eats the gift; Stripe itself refuses tiny charges.
    minimumAmount: z.number().int().positive(),
    maximumAmount: z.number().int().positive().max(99_999_999, 'is above what the payment provider accepts'),
    // What a donor may add to cover the processing fee, in percent of the gift; 0 hides the offer.
    feeCoverPercent: z.number().min(0).max(10),
    organisationName: z.string().trim().max(200),
    registrationNumber: z.string().trim().max(100),
    ctaHeading: z.string().trim().min(1, 'is required').max(120),
    ctaText: z.string().trim().max(500),
    // The call-to-action goes after this many top-level paragraphs of an article; 0 keeps it at the end only.
    ctaAfterParagraph: z.number().int().min(0).max(50),
  })
  .refine((s) => s.maximumAmount > s.minimumAmount, {
    message: 'must be more than the minimum',
    path: ['maximumAmount'],
  })
  .superRefine((s, ctx) => {
    // Said once the limits themselves are right; until then it would only repeat their error.
    if (s.maximumAmount <= s.minimumAmount) return;
    for (const interval of INTERVALS) {
      const amounts = s.presets[interval].amounts;
      if (amounts.some((a) => a < s.minimumAmount || a > s.maximumAmount)) {
        ctx.addIssue({
          code: 'custom',
          message: 'must all lie between the minimum and the maximum',
          path: ['presets', interval, 'amounts'],
        });
      }
    }
  });

export type RevenueSettings = z.infer<typeof revenueSettingsSchema>;

export const defaultRevenueSettings: RevenueSettings = {
  currency: 'GBP',
  presets: {
    once: { amounts: [1000, 2500, 5000, 10000], suggested: 2500 },
    month: { amounts: [500, 1000, 2000], suggested: 1000 },
    year: { amounts: [5000, 10000, 25000], suggested: 10000 },
  },
  minimumAmount: 200,
  maximumAmount: 1_000_000,
  feeCoverPercent: 3,
  organisationName: '',
  registrationNumber: '',
  ctaHeading: 'Support our non-profit journalism',
  ctaText:
    'Our reporting is free for everyone to read. It is paid for by readers like you. ' +
    'Every gift, large or small, keeps it that way.',
  ctaAfterParagraph: 4,
};

/** The amounts a recurring donor may switch to in the payment provider's portal: the suggested ones. */
export function portalOffer(settings: RevenueSettings): PortalOffer {
  return {
    currency: settings.currency,
    amounts: { month: settings.presets.month.amounts, year: settings.presets.year.amounts },
  };
}

/** Validates a settings document; throws Invalid with one message per wrong field (dotted paths). */
export function parseRevenueSettings(input: unknown): RevenueSettings {
  return parseOrInvalid(revenueSettingsSchema, input, 'Some settings are not valid.');
}

export const revenueSettingsSection = settingsSection<RevenueSettings>({
  key: 'revenue',
  defaults: defaultRevenueSettings,
  parse: parseRevenueSettings,
});

/** The stored settings; until they are first saved, the currency is the one of the site's language. */
export async function readRevenueSettings(db: Kysely<Database>): Promise<RevenueSettings> {
  const { language } = await readSiteSettings(db);
  return readSettings(db, {
    ...revenueSettingsSection,
    defaults: { ...defaultRevenueSettings, currency: currencyForLanguage(language) },
  });
}

export function saveRevenueSettings(
  db: Kysely<Database>,
  input: unknown,
  now: Date,
): Promise<RevenueSettings> {
  return saveSettings(db, revenueSettingsSection, input, now);
}
