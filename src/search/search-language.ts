// Which PostgreSQL text-search configuration stems the index: the one named for the site's language when
// the server has it, else 'simple' (no stemming, no stop words). SQLite's index does not stem at all.
import { type Kysely, sql } from 'kysely';
import { readSiteSettings } from '../site/settings.js';
import type { Database } from '../storage/schema.js';

// PostgreSQL's built-in Snowball configurations, by ISO 639-1 language.
const CONFIG_BY_LANGUAGE: Record<string, string> = {
  ar: 'arabic',
  ca: 'catalan',
  da: 'danish',
  de: 'german',
  el: 'greek',
  en: 'english',
  es: 'spanish',
  eu: 'basque',
  fi: 'finnish',
  fr: 'french',
  ga: 'irish',
  hi: 'hindi',
  hu: 'hungarian',
  hy: 'armenian',
  id: 'indonesian',
  it: 'italian',
  lt: 'lithuanian',
  nb: 'norwegian',
  ne: 'nepali',
  nl: 'dutch',
  nn: 'norwegian',
  no: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sr: 'serbian',
  sv: 'swedish',
  ta: 'tamil',
  tr: 'turkish',
  yi: 'yiddish',
};

const installed = new WeakMap<Kysely<Database>, Promise<Set<string>>>();

function installedConfigs(db: Kysely<Database>): Promise<Set<string>> {
  let known = installed.get(db);
  if (!known) {
    known = sql<{ name: string }>`select cfgname as name from pg_ts_config`
      .execute(db)
      .then((r) => new Set(r.rows.map((row) => row.name)));
    // A failed read is not remembered.
    known.catch(() => installed.delete(db));
    installed.set(db, known);
  }
  return known;
}

/** The configuration for a BCP 47 language tag, when this server has it; 'simple' otherwise. */
export async function textSearchConfig(db: Kysely<Database>, language: string): Promise<string> {
  const wanted = CONFIG_BY_LANGUAGE[language.toLowerCase().split('-')[0] ?? ''];
  if (!wanted) return 'simple';
  return (await installedConfigs(db)).has(wanted) ? wanted : 'simple';
}

/** The configuration for the site's language as its settings hold it now. */
export async function siteTextSearchConfig(db: Kysely<Database>): Promise<string> {
  return textSearchConfig(db, (await readSiteSettings(db)).language);
}
