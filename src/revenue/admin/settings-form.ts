// Between the donation settings form and the RevenueSettings document: amounts typed in major units
// ("10, 25, 50"), the form's values kept as typed, and each validation message placed on its field.
import { type FieldErrors, Invalid } from '../../http/errors.js';
import { isCurrency, majorUnits, parseMajorUnits } from '../money.js';
import { INTERVALS, parseRevenueSettings, type RevenueSettings } from '../settings.js';

export type SettingsFormValues = Record<string, string>;

export const FIELD_LABELS: Record<string, string> = {
  currency: 'Currency',
  once_amounts: 'One-time amounts',
  once_suggested: 'Suggested one-time amount',
  month_amounts: 'Monthly amounts',
  month_suggested: 'Suggested monthly amount',
  year_amounts: 'Yearly amounts',
  year_suggested: 'Suggested yearly amount',
  minimum: 'Smallest gift',
  maximum: 'Largest gift online',
  fee_cover_percent: 'Fee cover (%)',
  organisation_name: 'Organisation’s legal name',
  registration_number: 'Charity registration / tax number',
  cta_heading: 'Call-to-action heading',
  cta_text: 'Call-to-action text',
  cta_after_paragraph: 'Call-to-action after paragraph',
};

// The document's paths, as parseRevenueSettings reports them, to the form's field names.
const PATH_TO_FIELD: Record<string, string> = {
  currency: 'currency',
  minimumAmount: 'minimum',
  maximumAmount: 'maximum',
  feeCoverPercent: 'fee_cover_percent',
  organisationName: 'organisation_name',
  registrationNumber: 'registration_number',
  ctaHeading: 'cta_heading',
  ctaText: 'cta_text',
  ctaAfterParagraph: 'cta_after_paragraph',
  ...Object.fromEntries(
    INTERVALS.flatMap((i) => [
      [`presets.${i}.amounts`, `${i}_amounts`],
      [`presets.${i}.suggested`, `${i}_suggested`],
      [`presets.${i}`, `${i}_amounts`],
    ]),
  ),
};

export function settingsToForm(s: RevenueSettings): SettingsFormValues {
  const m = (amount: number) => majorUnits(amount, s.currency);
  const values: SettingsFormValues = {
    currency: s.currency,
    minimum: m(s.minimumAmount),
    maximum: m(s.maximumAmount),
    fee_cover_percent: String(s.feeCoverPercent),
    organisation_name: s.organisationName,
    registration_number: s.registrationNumber,
    cta_heading: s.ctaHeading,
    cta_text: s.ctaText,
    cta_after_paragraph: String(s.ctaAfterParagraph),
  };
  for (const i of INTERVALS) {
    values[`${i}_amounts`] = s.presets[i].amounts.map(m).join(', ');
    values[`${i}_suggested`] = m(s.presets[i].suggested);
  }
  return values;
}

export function readSettingsForm(body: unknown): SettingsFormValues {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(FIELD_LABELS).map((k) => [k, typeof b[k] === 'string' ? (b[k] as string) : '']),
  );
}

/** The settings the form describes, or Invalid with a message on each wrong field (form field names). */
export function formToSettings(values: SettingsFormValues): RevenueSettings {
  const errors: FieldErrors = {};
  const currency = values.currency!.trim().toUpperCase();
  if (!isCurrency(currency)) errors.currency = 'Enter a currency code such as GBP, EUR or USD.';
  const unit = isCurrency(currency) ? currency : 'GBP';
  const amount = (field: string): number => {
    const parsed = parseMajorUnits(values[field] ?? '', unit);
    if (parsed === null || parsed <= 0) {
      errors[field] ??= `Enter an amount in ${unit}, such as 25 or 12.50.`;
      return 0;
    }
    return parsed;
  };
  const list = (field: string): number[] => {
    const parts = (values[field] ?? '').split(/\s*[,;]\s*|\s+/).filter(Boolean);
    if (parts.length === 0) errors[field] = 'Enter at least one amount, separated by commas.';
    return parts.map((p) => {
      const parsed = parseMajorUnits(p, unit);
      if (parsed === null || parsed <= 0) errors[field] ??= `“${p}” is not an amount in ${unit}.`;
      return parsed ?? 0;
    });
  };
  const number = (field: string, integer: boolean): number => {
    const text = (values[field] ?? '').trim();
    const n = Number(text);
    if (!text || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
      errors[field] = integer ? 'Enter a whole number.' : 'Enter a number.';
      return 0;
    }
    return n;
  };
  const input = {
    currency,
    presets: Object.fromEntries(
      INTERVALS.map((i) => [i, { amounts: list(`${i}_amounts`), suggested: amount(`${i}_suggested`) }]),
    ),
    minimumAmount: amount('minimum'),
    maximumAmount: amount('maximum'),
    feeCoverPercent: number('fee_cover_percent', false),
    organisationName: values.organisation_name ?? '',
    registrationNumber: values.registration_number ?? '',
    ctaHeading: values.cta_heading ?? '',
    ctaText: values.cta_text ?? '',
    ctaAfterParagraph: number('cta_after_paragraph', true),
  };
  try {
    const settings = parseRevenueSettings(input);
    if (Object.keys(errors).length === 0) return settings;
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    for (const [path, message] of Object.entries(error.fields)) {
      const field = PATH_TO_FIELD[path] ?? PATH_TO_FIELD[path.split('.').slice(0, 3).join('.')] ?? 'currency';
      errors[field] ??= `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
    }
  }
  throw new Invalid('The donation settings were not saved. Please correct the marked fields.', errors);
}
