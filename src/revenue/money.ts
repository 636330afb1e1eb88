// Money as readers type it and as we store it: integer minor units beside an ISO 4217 currency, with the
// currency's own number of decimals (two for GBP, none for JPY), formatted in the site's language.

export interface Money {
  amount: number; // minor units
  currency: string; // upper-case ISO 4217
}

const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export function isCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && KNOWN_CURRENCIES.has(code);
}

/** Decimals of the currency's minor unit, as Intl knows them (2 for EUR, 0 for JPY, 3 for KWD). */
export function minorDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

export function formatMoney(money: Money, language = 'en'): string {
  const digits = minorDigits(money.currency);
  const value = money.amount / 10 ** digits;
  // Whole amounts without ".00": "£25" reads better than "£25.00" on a call-to-action.
  const whole = money.amount % 10 ** digits === 0;
  return new Intl.NumberFormat(language, {
    style: 'currency',
    currency: money.currency,
    minimumFractionDigits: whole ? 0 : digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** The amount as a plain number a reader would type back: 25, 12.5 → "12.50". */
export function majorUnits(amount: number, currency: string): string {
  const digits = minorDigits(currency);
  if (amount % 10 ** digits === 0) return String(amount / 10 ** digits);
  return (amount / 10 ** digits).toFixed(digits);
}

/**
 * Parses what a reader typed ("12", "12.50", "12,5", "1 000") into minor units, or null when it is not an
 * amount of this currency (letters, a minus sign, more decimals than the currency has).
 */
export function parseMajorUnits(input: string, currency: string): number | null {
  const digits = minorDigits(currency);
  const cleaned = input.trim().replace(/[\s\u00a0\u202f]/g, '');
  const match = /^(\d{1,9})(?:[.,](\d+))?$/.exec(cleaned);
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  const amount = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(amount) ? amount : null;
}

/** The processing fee a donor offers to cover, rounded up to a whole minor unit. */
export function feeCover(amount: number, percent: number): number {
  if (percent <= 0) return 0;
  return Math.ceil((amount * percent) / 100);
}
