// Every site setting the settings form shows: its place in the settings document (a dotted path), its label,
// the kind of input it takes and a hint, grouped as the form groups them.

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
  ['publishingPrinciples', 'Publishing principles'],
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
        name: 'iconMediaId',
        label: 'Icon (media library number)',
        kind: 'number',
        hint: 'A square image, at least 512 pixels wide: the tab icon and the home-screen icons are made from it. Leave empty for the first letter of the name.',
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
    legend: 'Trust policies (a page of this site such as /ethics, or a web address)',
    fields: POLICIES.map(([key, label]) => ({
      name: `publisher.policies.${key}`,
      label,
      kind: 'text' as const,
    })),
  },
];

export const SETTINGS_FIELDS: SettingsField[] = SETTINGS_GROUPS.flatMap((g) => g.fields);
