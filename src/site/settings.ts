// Site settings: the newsroom's name, language, time zone, logo, app links and publisher details, as one
// section of the settings store; the site state keeps them in memory until they change.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { parseOrInvalid } from '../http/validation.js';
import type { Database } from '../storage/schema.js';
import { readSettings, saveSettings, settingsSection } from '../storage/settings-store.js';

const optionalUrl = z.union([
  z.literal(''),
  z
    .string()
    .url()
    .refine((u) => /^https?:\/\//.test(u), 'must be a web address'),
]);

// A Trust Project policy lives on a page of the site (/ethics, made in Pages) or at any web address.
const policyAddress = z
  .string()
  .trim()
  .max(500)
  .refine(
    (v) => v === '' || /^\/[a-z0-9][a-z0-9/-]*$/.test(v) || optionalUrl.safeParse(v).success,
    'must be a web address or a page of this site such as /ethics',
  );

export const siteSettingsSchema = z.object({
  siteName: z.string().trim().min(1, 'is required').max(120),
  tagline: z.string().trim().max(200).default(''),
  description: z.string().trim().max(500).default(''),
  // BCP 47 language tag used for <html lang>, feeds and the JSON-LD inLanguage.
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as en or en-GB')
    .default('en'),
  timeZone: z
    .string()
    .refine((tz) => isTimeZone(tz), 'must be an IANA time zone such as Europe/London')
    .default('UTC'),
  logoMediaId: z.number().int().positive().nullable().default(null),
  // The square image the favicon and app icons are made from; without one they are drawn from the name.
  iconMediaId: z.number().int().positive().nullable().default(null),
  // On phones, the article is cut after this many body blocks behind "Expand article"; 0 turns it off.
  expandAfterParagraphs: z.number().int().min(0).max(50).default(4),
  app: z
    .object({
      iosAppStoreId: z
        .union([z.literal(''), z.string().regex(/^\d{5,12}$/, 'must be the numeric App Store id')])
        .default(''),
      appleTeamId: z
        .union([z.literal(''), z.string().regex(/^[A-Z0-9]{10}$/, 'must be the 10-character Team ID')])
        .default(''),
      iosBundleId: z
        .union([z.literal(''), z.string().regex(/^[A-Za-z0-9.-]+$/, 'must be a bundle id')])
        .default(''),
      androidPackage: z
        .union([
          z.literal(''),
          z.string().regex(/^[a-zA-Z][\w]*(\.[a-zA-Z][\w]*)+$/, 'must be a package name'),
        ])
        .default(''),
      androidSha256Fingerprints: z
        .array(z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/, 'must be a SHA-256 fingerprint (AA:BB:…)'))
        .default([]),
      // Deep links open the same path in the app under this scheme, e.g. broadsheet://articles/slug.
      urlScheme: z
        .union([z.literal(''), z.string().regex(/^[a-z][a-z0-9+.-]*$/, 'must be a URL scheme')])
        .default(''),
    })
    .prefault({}),
  publisher: z
    .object({
      legalName: z.string().trim().max(200).default(''),
      foundingDate: z.union([z.literal(''), z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)]).default(''),
      sameAs: z.array(z.string().url()).default([]),
      // The Trust Project's policy pages; each becomes the matching NewsMediaOrganization property.
      policies: z
        .object({
          publishingPrinciples: policyAddress.default(''),
          masthead: policyAddress.default(''),
          missionCoveragePrioritiesPolicy: policyAddress.default(''),
          ethicsPolicy: policyAddress.default(''),
          diversityPolicy: policyAddress.default(''),
          correctionsPolicy: policyAddress.default(''),
          verificationFactCheckingPolicy: policyAddress.default(''),
          unnamedSourcesPolicy: policyAddress.default(''),
          actionableFeedbackPolicy: policyAddress.default(''),
          ownershipFundingInfo: policyAddress.default(''),
          noBylinesPolicy: policyAddress.default(''),
        })
        .prefault({}),
    })
    .prefault({}),
});

export type SiteSettings = z.infer<typeof siteSettingsSchema>;

export const defaultSiteSettings: SiteSettings = siteSettingsSchema.parse({ siteName: 'Broadsheet' });

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Validates a settings document; throws Invalid with one message per wrong field. */
export function parseSiteSettings(input: unknown): SiteSettings {
  return parseOrInvalid(siteSettingsSchema, input, 'Some settings are not valid.');
}

export const siteSettingsSection = settingsSection<SiteSettings>({
  key: 'site',
  defaults: defaultSiteSettings,
  parse: parseSiteSettings,
});

export function readSiteSettings(db: Kysely<Database>): Promise<SiteSettings> {
  return readSettings(db, siteSettingsSection);
}

export function saveSiteSettings(db: Kysely<Database>, input: unknown, now: Date): Promise<SiteSettings> {
  return saveSettings(db, siteSettingsSection, input, now);
}

export function appHandoffEnabled(settings: SiteSettings): boolean {
  const { app } = settings;
  return Boolean(app.iosAppStoreId || app.androidPackage);
}
