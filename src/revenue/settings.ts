// The newsroom's donation settings: currency, suggested amounts, limits, the fee-cover offer, the charity
// details a receipt needs, and the call-to-action's words and place. One JSON document in site_settings.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { Invalid } from '../http/errors.js';
import type { Database, DonationInterval } from '../storage/schema.js';
import { isCurrency } from './money.js';
import type { PortalOffer } from './payment-provider.js';

const KEY = 'revenue';
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
  const parsed = revenueSettingsSchema.safeParse(input);
  if (parsed.success) {
    const s = parsed.data;
    for (const interval of INTERVALS) {
      const low = s.presets[interval].amounts.find((a) => a < s.minimumAmount || a > s.maximumAmount);
      if (low !== undefined) {
        throw new Invalid('Some settings are not valid.', {
          [`presets.${interval}.amounts`]: 'must all lie between the minimum and the maximum',
        });
      }
    }
    return s;
  }
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[issue.path.join('.')] ??= issue.message;
  throw new Invalid('Some settings are not valid.', fields);
}

export async function readRevenueSettings(db: Kysely<Database>): Promise<RevenueSettings> {
  const row = await db.selectFrom('site_settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!row) return defaultRevenueSettings;
  // A document written by an older version keeps working: missing keys take their defaults.
  return parseRevenueSettings({ ...defaultRevenueSettings, ...JSON.parse(row.value) });
}

export async function saveRevenueSettings(
  db: Kysely<Database>,
  input: unknown,
  now: Date,
): Promise<RevenueSettings> {
  const settings = parseRevenueSettings(input);
  const value = JSON.stringify(settings);
  await db
    .insertInto('site_settings')
    .values({ key: KEY, value, updated_at: now.toISOString() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now.toISOString() }))
    .execute();
  return settings;
}
