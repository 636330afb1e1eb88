// The third-party tags a newsroom can add by ID: what each is for, the only shape its ID may have (so nothing
// but the ID reaches a page), the hosts its script needs in the CSP, and where its own privacy policy is.
export const PURPOSES = ['statistics', 'marketing'] as const;
export type Purpose = (typeof PURPOSES)[number];

export const VENDOR_KINDS = ['meta', 'ga4', 'gtm', 'x'] as const;
export type VendorKind = (typeof VENDOR_KINDS)[number];

/** Hosts a vendor's script needs, per CSP directive. */
export interface VendorSources {
  script: readonly string[];
  connect: readonly string[];
  img: readonly string[];
}

export interface VendorDescription {
  name: string;
  /** What the ID looks like, for the form's hint and its error. */
  idHint: string;
  idPattern: RegExp;
  /** IDs of this shape are written in capitals (a lower-case "g-" is the same property). */
  upperCase: boolean;
  /** The purpose a reader consents to for it; GTM's is chosen by the newsroom (it can load anything). */
  defaultPurpose: Purpose;
  purposeFixed: boolean;
  sources: VendorSources;
  privacyPolicy: string;
  /** What it collects, for the privacy page. */
  collects: string;
}

const GOOGLE_COLLECTS = [
  'https://*.google-analytics.com',
  'https://*.analytics.google.com',
  'https://*.googletagmanager.com',
];

export const VENDORS: Record<VendorKind, VendorDescription> = {
  meta: {
    name: 'Meta pixel',
    idHint: '15 or 16 digits, e.g. 123456789012345',
    idPattern: /^\d{15,16}$/,
    upperCase: false,
    defaultPurpose: 'marketing',
    purposeFixed: true,
    sources: {
      script: ['https://connect.facebook.net'],
      connect: ['https://www.facebook.com', 'https://connect.facebook.net'],
      img: ['https://www.facebook.com'],
    },
    privacyPolicy: 'https://www.facebook.com/privacy/policy/',
    collects:
      'the pages you visit, your browser and device, and an identifier in a cookie (_fbp), linked by Meta to a Facebook or Instagram account when you have one, to measure and target advertising',
  },
  ga4: {
    name: 'Google Analytics 4',
    idHint: 'G- followed by letters and digits, e.g. G-ABC123DEF4',
    idPattern: /^G-[A-Z0-9]{6,12}$/,
    upperCase: true,
    defaultPurpose: 'statistics',
    purposeFixed: true,
    sources: {
      script: ['https://www.googletagmanager.com'],
      connect: GOOGLE_COLLECTS,
      img: ['https://*.google-analytics.com', 'https://*.googletagmanager.com'],
    },
    privacyPolicy: 'https://policies.google.com/privacy',
    collects:
      'the pages you visit, how you arrived, your browser and device, an approximate location, and identifiers in cookies (_ga, _ga_*), to count visits',
  },
  gtm: {
    name: 'Google Tag Manager',
    idHint: 'GTM- followed by letters and digits, e.g. GTM-AB12CD3',
    idPattern: /^GTM-[A-Z0-9]{4,10}$/,
    upperCase: true,
    defaultPurpose: 'marketing',
    purposeFixed: false,
    sources: {
      script: ['https://www.googletagmanager.com'],
      connect: GOOGLE_COLLECTS,
      img: ['https://www.googletagmanager.com', 'https://*.google-analytics.com'],
    },
    privacyPolicy: 'https://policies.google.com/privacy',
    collects:
      'whatever the tags in the newsroom’s container collect: at least the pages you visit and your browser and device',
  },
  x: {
    name: 'X (Twitter) pixel',
    idHint: 'the pixel ID from X Ads, 5 to 12 letters and digits, e.g. o1abc',
    idPattern: /^[A-Za-z0-9]{5,12}$/,
    upperCase: false,
    defaultPurpose: 'marketing',
    purposeFixed: true,
    sources: {
      script: ['https://static.ads-twitter.com'],
      connect: ['https://analytics.twitter.com', 'https://static.ads-twitter.com'],
      img: ['https://analytics.twitter.com', 'https://t.co'],
    },
    privacyPolicy: 'https://x.com/en/privacy',
    collects:
      'the pages you visit, your browser and device, and identifiers in cookies, linked by X to an X account when you have one, to measure and target advertising',
  },
};

export const PURPOSE_LABELS: Record<Purpose, { name: string; description: string }> = {
  statistics: {
    name: 'Statistics',
    description: 'Counting visits with another company’s tools, to learn what readers read.',
  },
  marketing: {
    name: 'Marketing',
    description: 'Measuring and targeting our advertising on other sites and social networks.',
  },
};
