// Between the settings form and the SiteSettings document: every field, its label and hint, the form's
// flat text values (kept exactly as typed for re-display), and validation messages placed on their field.
import type { FieldErrors } from '../../http/errors.js';
import type { SiteSettings } from '../../site/settings.js';

export type FieldKind = 'text' | 'textarea' | 'url' | 'number' | 'lines' | 'timezone';

export interface SettingsField {
  name: string;
  label: string;
  kind: FieldKind;
  hint?: string;
}

export interface SettingsGroup {
  legend: string;
  fields: SettingsField[];
}

const POLICIES: Array<[string, string]> = [
  ['masthead', 'Masthead'],
  ['missionCoveragePrioritiesPolicy', 'Mission and coverage priorities'],
  ['ethicsPolicy', 'Ethics policy'],
  ['diversityPolicy', 'Diversity policy'],
  ['correctionsPolicy', 'Corrections policy'],
  ['verificationFactCheckingPolicy', 'Verification and fact-checking policy'],
  ['unnamedSourcesPolicy', 'Unnamed sources policy'],
  ['actionableFeedbackPolicy', 'Actionable feedback policy'],
  ['ownershipFundingInfo', 'Ownership and funding'],
  ['noBylinesPolicy', 'Policy on articles without bylines'],
];

export const SETTINGS_GROUPS: SettingsGroup[] = [
  {
    legend: 'The site',
    fields: [
      { name: 'siteName', label: 'Site name', kind: 'text' },
      { name: 'tagline', label: 'Tagline', kind: 'text', hint: 'Shown under the name on every page.' },
      { name: 'description', label: 'Description', kind: 'textarea', hint: 'For search engines and feeds.' },
      {
        name: 'language',
        label: 'Language',
        kind: 'text',
        hint: 'A language tag such as en, en-GB or pt-BR.',
      },
      {
        name: 'timeZone',
        label: 'Time zone',
        kind: 'timezone',
        hint: 'Dates on the site are shown in this zone.',
      },
      {
        name: 'logoMediaId',
        label: 'Logo (media library number)',
        kind: 'number',
        hint: 'The number of the logo image in the media library; leave empty for none.',
      },
      {
        name: 'expandAfterParagraphs',
        label: '“Expand article” after how many paragraphs',
        kind: 'number',
        hint:
          'On phones, articles are cut after this many blocks behind an “Expand article” button; ' +
          '0 turns it off.',
      },
    ],
  },
  {
    legend: 'App hand-off',
    fields: [
      {
        name: 'app.iosAppStoreId',
        label: 'iOS App Store id',
        kind: 'text',
        hint: 'The number in the App Store address.',
      },
      { name: 'app.appleTeamId', label: 'Apple Team ID', kind: 'text', hint: '10 letters and digits.' },
      { name: 'app.iosBundleId', label: 'iOS bundle id', kind: 'text', hint: 'Such as org.example.news.' },
      {
        name: 'app.androidPackage',
        label: 'Android package name',
        kind: 'text',
        hint: 'Such as org.example.news.',
      },
      {
        name: 'app.androidSha256Fingerprints',
        label: 'Android signing certificate fingerprints',
        kind: 'lines',
        hint: 'One SHA-256 fingerprint per line (AA:BB:…, 32 pairs).',
      },
      {
        name: 'app.urlScheme',
        label: 'App URL scheme',
        kind: 'text',
        hint: 'Such as broadsheet (without ://).',
      },
    ],
  },
  {
    legend: 'Publisher',
    fields: [
      { name: 'publisher.legalName', label: 'Legal name', kind: 'text' },
      {
        name: 'publisher.foundingDate',
        label: 'Founded',
        kind: 'text',
        hint: 'YYYY, YYYY-MM or YYYY-MM-DD.',
      },
      {
        name: 'publisher.sameAs',
        label: 'Profiles elsewhere',
        kind: 'lines',
        hint: 'One web address per line.',
      },
    ],
  },
  {
    legend: 'Trust policies (web addresses)',
    fields: POLICIES.map(([key, label]) => ({
      name: `publisher.policies.${key}`,
      label,
      kind: 'url' as const,
    })),
  },
];

export const SETTINGS_FIELDS: SettingsField[] = SETTINGS_GROUPS.flatMap((g) => g.fields);
export type SettingsFormValues = Record<string, string>;

function get(doc: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as never)[key] : undefined), doc);
}

function set(doc: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let at = doc;
  for (const key of keys.slice(0, -1)) {
    at[key] ??= {};
    at = at[key] as Record<string, unknown>;
  }
  at[keys.at(-1)!] = value;
}

export function settingsToForm(settings: SiteSettings): SettingsFormValues {
  const values: SettingsFormValues = {};
  for (const field of SETTINGS_FIELDS) {
    const value = get(settings, field.name);
    values[field.name] = Array.isArray(value)
      ? value.join('\n')
      : value === null || value === undefined
        ? ''
        : String(value);
  }
  return values;
}

/** Only the known fields of a posted form, as typed. */
export function readSettingsForm(body: unknown): SettingsFormValues {
  const values: SettingsFormValues = {};
  for (const field of SETTINGS_FIELDS) {
    const raw = body && typeof body === 'object' ? (body as Record<string, unknown>)[field.name] : undefined;
    values[field.name] = typeof raw === 'string' ? raw : '';
  }
  return values;
}

/** The settings document the form describes, plus the errors found before the schema sees it. */
export function formToSettings(values: SettingsFormValues): {
  input: Record<string, unknown>;
  errors: FieldErrors;
} {
  const input: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  for (const field of SETTINGS_FIELDS) {
    const raw = values[field.name] ?? '';
    if (field.kind === 'lines') {
      set(
        input,
        field.name,
        raw
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean),
      );
    } else if (field.kind === 'number') {
      const text = raw.trim();
      if (field.name === 'logoMediaId' && text === '') set(input, field.name, null);
      else if (/^\d{1,9}$/.test(text)) set(input, field.name, Number(text));
      else errors[field.name] = `${field.label} must be a whole number.`;
    } else {
      set(input, field.name, field.name.startsWith('app.') ? raw.trim() : raw);
    }
  }
  return { input, errors };
}

/**
 * The schema's messages, placed on the form's fields: "app.androidSha256Fingerprints.1" becomes a message
 * about line 2 of that field, and zod's generic wording gives way to the field's label and hint.
 */
export function formErrors(schemaErrors: FieldErrors): FieldErrors {
  const errors: FieldErrors = {};
  for (const [path, message] of Object.entries(schemaErrors)) {
    const match = /^(.*)\.(\d+)$/.exec(path);
    const name = match ? match[1]! : path;
    const field = SETTINGS_FIELDS.find((f) => f.name === name);
    if (!field) {
      errors[path] = message;
      continue;
    }
    const ownWords = /^[a-z]/.test(message);
    const text = ownWords
      ? message
      : field.kind === 'url' || name === 'publisher.sameAs'
        ? 'must be a web address starting with https://'
        : `is not valid${field.hint ? ` (${field.hint.replace(/\.$/, '')})` : ''}`;
    const line = match ? `Line ${Number(match[2]) + 1}: ` : `${field.label} `;
    errors[name] ??= `${line}${text}.`;
  }
  return errors;
}
