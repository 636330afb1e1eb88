// The newsroom's third-party tags, one section of the settings store: an ID per known vendor (empty: not
// used) and at most one custom script with the hosts it needs. Every ID must have its vendor's exact shape,
// so that nothing a form can carry reaches a reader's page except a well-formed ID.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { type FieldErrors, Invalid } from '../http/errors.js';
import type { Database } from '../storage/schema.js';
import { readSettings, saveSettings, settingsSection } from '../storage/settings-store.js';
import { PURPOSES, type Purpose, VENDOR_KINDS, VENDORS, type VendorKind } from './vendors.js';

/** At most this many hosts for the custom script: each widens the CSP of every page. */
export const MAX_CUSTOM_HOSTS = 10;
export const MAX_CUSTOM_SOURCE = 20_000;

// An https origin, optionally every subdomain of one (`https://*.example.org`), with an optional port: no
// path, no quote, no space, no semicolon, so it cannot end or add a CSP directive.
const HOST_PATTERN = /^https:\/\/(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(:\d{1,5})?$/;

const purpose = z.enum(PURPOSES, { error: 'choose statistics or marketing' });

export const customScriptSchema = z.object({
  name: z.string().trim().min(1, 'give the service a name readers will recognise').max(80),
  source: z
    .string()
    .min(1, 'paste the script')
    .max(MAX_CUSTOM_SOURCE, 'may be at most 20,000 characters')
    .superRefine((source, ctx) => {
      const problem = syntaxError(source);
      if (problem)
        ctx.addIssue({ code: 'custom', message: `The script is not valid JavaScript: ${problem}` });
    }),
  hosts: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(
          HOST_PATTERN,
          'each host is an https origin, e.g. https://cdn.example.com or https://*.example.com',
        ),
    )
    .max(MAX_CUSTOM_HOSTS, `may name at most ${MAX_CUSTOM_HOSTS} hosts`)
    .transform((hosts) => [...new Set(hosts)]),
  purpose,
  privacyPolicy: z
    .url({ protocol: /^https$/, error: 'must be a web address starting with https://' })
    .max(300),
});

export type CustomScript = z.infer<typeof customScriptSchema>;

/** A vendor's ID, or '' for none; anything but the vendor's exact shape is refused. */
function vendorId(kind: VendorKind) {
  const vendor = VENDORS[kind];
  return z
    .string()
    .trim()
    .transform((id) => (vendor.upperCase ? id.toUpperCase() : id))
    .refine((id) => id === '' || vendor.idPattern.test(id), `A ${vendor.name} ID is ${vendor.idHint}.`);
}

export const consentSettingsSchema = z.object({
  meta: vendorId('meta'),
  ga4: vendorId('ga4'),
  gtm: vendorId('gtm'),
  gtmPurpose: purpose,
  x: vendorId('x'),
  custom: customScriptSchema.nullable(),
});

export type ConsentSettings = z.infer<typeof consentSettingsSchema>;

export const defaultConsentSettings: ConsentSettings = {
  meta: '',
  ga4: '',
  gtm: '',
  gtmPurpose: 'marketing',
  x: '',
  custom: null,
};

const NOT_VALID = 'Some tags are not valid.';

/** Validates a whole document; throws Invalid with one message per wrong field (custom.hosts etc.). */
export function parseConsentSettings(input: unknown): ConsentSettings {
  const parsed = consentSettingsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    // A wrong entry of the hosts list is the list's problem: the form has one field for it.
    const path = issue.path.filter((p) => typeof p === 'string').join('.');
    errors[path || 'form'] ??= issue.message;
  }
  throw new Invalid(NOT_VALID, errors);
}

// Compiled, never run: the Function constructor parses the body as a classic script's would be.
function syntaxError(source: string): string | null {
  try {
    new Function(source);
    return null;
  } catch (error) {
    return error instanceof SyntaxError ? error.message : 'it could not be read';
  }
}

export const consentSettings = settingsSection<ConsentSettings>({
  key: 'consent',
  defaults: defaultConsentSettings,
  parse: parseConsentSettings,
});

export function readConsentSettings(db: Kysely<Database>): Promise<ConsentSettings> {
  return readSettings(db, consentSettings);
}

export function saveConsentSettings(
  db: Kysely<Database>,
  input: ConsentSettings,
  now: Date,
): Promise<ConsentSettings> {
  return saveSettings(db, consentSettings, input, now);
}

/** A configured vendor, as the loader and the privacy page see it. */
export interface ConfiguredVendor {
  kind: VendorKind;
  id: string;
  purpose: Purpose;
}

export function configuredVendors(settings: ConsentSettings): ConfiguredVendor[] {
  return VENDOR_KINDS.filter((kind) => settings[kind] !== '').map((kind) => ({
    kind,
    id: settings[kind],
    purpose: kind === 'gtm' ? settings.gtmPurpose : VENDORS[kind].defaultPurpose,
  }));
}
