// One store for every domain's settings: each domain declares a section (its key, its validation and its
// defaults) and reads and saves it here, as one JSON document per section in the site_settings table.
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface SettingsSection<T> {
  /** The row's key in site_settings; one per domain. */
  key: string;
  defaults: T;
  /** Validates a whole document; throws the domain's Invalid error naming each wrong field. */
  parse(input: unknown): T;
}

export function settingsSection<T>(section: SettingsSection<T>): SettingsSection<T> {
  return section;
}

/** The section's document; a missing one is the defaults, and keys an older version did not write take theirs. */
export async function readSettings<T>(db: Kysely<Database>, section: SettingsSection<T>): Promise<T> {
  const row = await db
    .selectFrom('site_settings')
    .select('value')
    .where('key', '=', section.key)
    .executeTakeFirst();
  if (!row) return section.defaults;
  return section.parse({ ...section.defaults, ...(JSON.parse(row.value) as object) });
}

/** Validates and stores the section's document, returning it as stored. */
export async function saveSettings<T>(
  db: Kysely<Database>,
  section: SettingsSection<T>,
  input: unknown,
  now: Date,
): Promise<T> {
  const settings = section.parse(input);
  const value = JSON.stringify(settings);
  const updated_at = now.toISOString();
  await db
    .insertInto('site_settings')
    .values({ key: section.key, value, updated_at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at }))
    .execute();
  return settings;
}
