// The currency a newsroom most likely takes gifts in, from the site's language tag: its region (en-GB → GBP,
// de → DE → EUR), so a new site does not ask Americans or Germans for pounds. Only the starting value of the
// donation settings; the newsroom can change it.

const EURO_REGIONS = new Set(
  'AT BE CY DE EE ES FI FR GR HR IE IT LT LU LV MT NL PT SI SK AD MC SM VA ME XK'.split(' '),
);

const REGION_CURRENCY: Record<string, string> = {
  GB: 'GBP',
  US: 'USD',
  CA: 'CAD',
  AU: 'AUD',
  NZ: 'NZD',
  IE: 'EUR',
  CH: 'CHF',
  LI: 'CHF',
  JP: 'JPY',
  IN: 'INR',
  ZA: 'ZAR',
  NO: 'NOK',
  SE: 'SEK',
  DK: 'DKK',
  IS: 'ISK',
  PL: 'PLN',
  CZ: 'CZK',
  HU: 'HUF',
  RO: 'RON',
  BG: 'BGN',
  BR: 'BRL',
  MX: 'MXN',
  AR: 'ARS',
  CL: 'CLP',
  CO: 'COP',
  PE: 'PEN',
  KE: 'KES',
  NG: 'NGN',
  GH: 'GHS',
  SG: 'SGD',
  HK: 'HKD',
  TW: 'TWD',
  KR: 'KRW',
  PH: 'PHP',
  ID: 'IDR',
  MY: 'MYR',
  TH: 'THB',
  VN: 'VND',
  IL: 'ILS',
  TR: 'TRY',
  UA: 'UAH',
  AE: 'AED',
  SA: 'SAR',
  EG: 'EGP',
  PK: 'PKR',
  BD: 'BDT',
  CN: 'CNY',
  RU: 'RUB',
  RS: 'RSD',
  BA: 'BAM',
  MK: 'MKD',
  AL: 'ALL',
  GE: 'GEL',
  AM: 'AMD',
};

/** The currency of the language tag's region (the likeliest region when the tag names none); USD otherwise. */
export function currencyForLanguage(language: string): string {
  let region: string | undefined;
  try {
    region = new Intl.Locale(language).maximize().region;
  } catch {
    region = undefined;
  }
  if (!region) return 'USD';
  if (EURO_REGIONS.has(region)) return 'EUR';
  return REGION_CURRENCY[region] ?? 'USD';
}
