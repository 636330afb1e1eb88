// The tags screen's form: one flat field per input, turned into the settings document and back, and the
// settings' field names (custom.hosts …) turned into the form's.
import { formText } from '../../admin/views/form.js';
import type { FieldErrors } from '../../http/errors.js';
import type { ConsentSettings } from '../settings.js';

export interface ConsentFormValues {
  meta: string;
  ga4: string;
  gtm: string;
  gtmPurpose: string;
  x: string;
  customName: string;
  customSource: string;
  customHosts: string;
  customPurpose: string;
  customPolicy: string;
}

export const FIELD_LABELS: Record<keyof ConsentFormValues, string> = {
  meta: 'Meta pixel ID',
  ga4: 'Google Analytics 4 measurement ID',
  gtm: 'Google Tag Manager container ID',
  gtmPurpose: 'What the container is for',
  x: 'X (Twitter) pixel ID',
  customName: 'Service name',
  customSource: 'Script',
  customHosts: 'Hosts it loads from or sends to',
  customPurpose: 'Purpose',
  customPolicy: 'The service’s privacy policy',
};

const FROM_SETTINGS: Record<string, keyof ConsentFormValues> = {
  'custom.name': 'customName',
  'custom.source': 'customSource',
  'custom.hosts': 'customHosts',
  'custom.purpose': 'customPurpose',
  'custom.privacyPolicy': 'customPolicy',
};

export function readConsentForm(body: unknown): ConsentFormValues {
  const values = {} as ConsentFormValues;
  for (const name of Object.keys(FIELD_LABELS) as Array<keyof ConsentFormValues>) {
    values[name] = formText(body, name);
  }
  return values;
}

export function settingsToForm(settings: ConsentSettings): ConsentFormValues {
  const c = settings.custom;
  return {
    meta: settings.meta,
    ga4: settings.ga4,
    gtm: settings.gtm,
    gtmPurpose: settings.gtmPurpose,
    x: settings.x,
    customName: c?.name ?? '',
    customSource: c?.source ?? '',
    customHosts: c?.hosts.join('\n') ?? '',
    customPurpose: c?.purpose ?? 'statistics',
    customPolicy: c?.privacyPolicy ?? '',
  };
}

/** The document to validate; a form without a script has no custom script, whatever else it holds. */
export function formToSettings(values: ConsentFormValues): unknown {
  const hasScript = values.customSource.trim() !== '';
  return {
    meta: values.meta,
    ga4: values.ga4,
    gtm: values.gtm,
    gtmPurpose: values.gtmPurpose,
    x: values.x,
    custom: hasScript
      ? {
          name: values.customName,
          source: values.customSource,
          hosts: values.customHosts
            .split(/[\s,]+/)
            .map((h) => h.trim())
            .filter(Boolean),
          purpose: values.customPurpose,
          privacyPolicy: values.customPolicy.trim(),
        }
      : null,
  };
}

export function formErrors(fields: FieldErrors): FieldErrors {
  const errors: FieldErrors = {};
  for (const [path, message] of Object.entries(fields)) {
    const name = FROM_SETTINGS[path] ?? (path in FIELD_LABELS ? path : null);
    if (name) errors[name] ??= message;
    else errors.form ??= message;
  }
  return errors;
}
