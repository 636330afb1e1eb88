// settings.json: the site's settings sections, each by its own domain's section (its key and its rules),
// with every secret left out: the sealed Stripe keys, the spam checker's key and address, and any section
// this version does not know (a section added later may hold a secret; it is named in `leftOut` instead).
import type { Kysely } from 'kysely';
import { commentSettingsSection } from '../comments/settings.js';
import { consentSettings } from '../consent/settings.js';
import { paymentModeSection } from '../revenue/payment-mode.js';
import { revenueSettingsSection } from '../revenue/settings.js';
import { searchSettingsSection } from '../search/search-settings.js';
import { menusSection } from '../site/menus.js';
import { siteSettingsSection } from '../site/settings.js';
import type { Database } from '../storage/schema.js';
import type { SettingsSection } from '../storage/settings-store.js';
import { ExportError } from './export-error.js';
import type { SettingsFile } from './format.js';

interface ExportedSection {
  section: SettingsSection<unknown>;
  /** Fields never exported: secrets, and who changed them. The import leaves them at their defaults. */
  secret: readonly string[];
}

const SECTIONS: readonly ExportedSection[] = [
  { section: siteSettingsSection as SettingsSection<unknown>, secret: [] },
  { section: menusSection as SettingsSection<unknown>, secret: [] },
  { section: searchSettingsSection as SettingsSection<unknown>, secret: [] },
  { section: consentSettings as SettingsSection<unknown>, secret: [] },
  { section: revenueSettingsSection as SettingsSection<unknown>, secret: [] },
  {
    section: commentSettingsSection as SettingsSection<unknown>,
    secret: ['akismetKey', 'akismetUrl', 'checkerChange'],
  },
  {
    section: paymentModeSection as SettingsSection<unknown>,
    secret: ['stripeSecretKey', 'stripeWebhookSecret'],
  },
];

export async function exportSettings(db: Kysely<Database>): Promise<SettingsFile> {
  const rows = await db.selectFrom('site_settings').select(['key', 'value']).orderBy('key').execute();
  const result: SettingsFile = { sections: {}, leftOut: [] };
  for (const row of rows) {
    const known = SECTIONS.find((s) => s.section.key === row.key);
    if (!known) {
      result.leftOut.push(row.key);
      continue;
    }
    const value = JSON.parse(row.value) as Record<string, unknown>;
    for (const field of known.secret) {
      if (field in value) result.leftOut.push(`${row.key}.${field}`);
      delete value[field];
    }
    result.sections[row.key] = value;
  }
  return result;
}

/** Each section's rows as the import writes them, checked by the section's own rules; refuses an unknown one. */
export function settingsRows(file: SettingsFile): Array<{ key: string; value: string }> {
  return Object.entries(file.sections).map(([key, value]) => {
    const known = SECTIONS.find((s) => s.section.key === key);
    if (!known) throw new ExportError(`settings.json has a section "${key}" this version does not know.`);
    const secretInside = known.secret.filter((field) => field in value);
    if (secretInside.length > 0)
      throw new ExportError(`settings.json: the "${key}" section may not carry ${secretInside.join(', ')}.`);
    try {
      const parsed = known.section.parse({ ...(known.section.defaults as object), ...value });
      return { key, value: JSON.stringify(parsed) };
    } catch (error) {
      const fields = (error as { fields?: Record<string, string> }).fields;
      const detail = fields
        ? Object.entries(fields)
            .map(([f, m]) => `${f} ${m}`)
            .join('; ')
        : String(error);
      throw new ExportError(`settings.json: the "${key}" section is not valid (${detail}).`);
    }
  });
}
