// The tags' validation: each vendor's ID only in its exact shape (anything that could carry markup or script
// is refused with a message naming the expected shape), the custom script's hosts as bare https origins, and
// the consent version changing with the vendors.
import { describe, expect, it } from 'vitest';
import { Invalid } from '../http/errors.js';
import { snapshotOf } from './consent-state.js';
import { type ConsentSettings, defaultConsentSettings, parseConsentSettings } from './settings.js';

function fieldsOf(input: unknown): Record<string, string> {
  try {
    parseConsentSettings(input);
  } catch (error) {
    if (error instanceof Invalid) return error.fields;
    throw error;
  }
  throw new Error('accepted');
}

const custom = {
  name: 'Chartbeat',
  source: 'window.counted = true;',
  hosts: ['https://static.chartbeat.com'],
  purpose: 'statistics',
  privacyPolicy: 'https://chartbeat.com/privacy',
};

describe('consent settings', () => {
  it('accepts well-formed IDs, trimming them and writing Google IDs in capitals', () => {
    const settings = parseConsentSettings({
      ...defaultConsentSettings,
      meta: ' 123456789012345 ',
      ga4: 'g-abc123def4',
      gtm: 'gtm-ab12cd3',
      x: 'o1abc',
    });
    expect(settings).toMatchObject({
      meta: '123456789012345',
      ga4: 'G-ABC123DEF4',
      gtm: 'GTM-AB12CD3',
      x: 'o1abc',
    });
  });

  it.each([
    ['meta', '12345', /15 or 16 digits/],
    ['meta', '123456789012345"><script>alert(1)</script>', /15 or 16 digits/],
    ['ga4', 'UA-12345-1', /G- followed by/],
    ['ga4', "G-ABC123');alert(1);//", /G- followed by/],
    ['gtm', 'GTM-AB 12', /GTM- followed by/],
    ['gtm', 'G-ABC123DEF4', /GTM- followed by/],
    ['x', 'o1a<b', /5 to 12 letters and digits/],
    ['x', "o1abc'+alert(1)+'", /5 to 12 letters and digits/],
  ])('refuses %s = %j with the expected shape', (field, value, message) => {
    const fields = fieldsOf({ ...defaultConsentSettings, [field]: value });
    expect(fields[field]).toMatch(message);
  });

  it('names every wrong field at once', () => {
    const fields = fieldsOf({ ...defaultConsentSettings, meta: 'x', ga4: 'y', gtmPurpose: 'everything' });
    expect(Object.keys(fields).sort()).toEqual(['ga4', 'gtmPurpose', 'meta']);
  });

  it('accepts a custom script with https origins, dropping repeats', () => {
    const settings = parseConsentSettings({
      ...defaultConsentSettings,
      custom: {
        ...custom,
        hosts: [
          'https://static.chartbeat.com',
          'HTTPS://STATIC.CHARTBEAT.COM',
          'https://*.chartbeat.net:8443',
        ],
      },
    });
    expect(settings.custom?.hosts).toEqual(['https://static.chartbeat.com', 'https://*.chartbeat.net:8443']);
  });

  it.each([
    ['http://static.chartbeat.com'],
    ['https://static.chartbeat.com/path'],
    ["https://a.com 'unsafe-inline'"],
    ['https://a.com; script-src *'],
    ['*'],
    ['https://*'],
  ])('refuses the custom host %j', (host) => {
    const fields = fieldsOf({ ...defaultConsentSettings, custom: { ...custom, hosts: [host] } });
    expect(fields['custom.hosts']).toMatch(/https origin/);
  });

  it('refuses a custom script that is not JavaScript, without a name, or with a policy not on https', () => {
    const fields = fieldsOf({
      ...defaultConsentSettings,
      custom: { ...custom, source: '<script>go()</script>', name: ' ', privacyPolicy: 'http://x.org' },
    });
    expect(fields['custom.name']).toMatch(/name/);
    expect(fields['custom.privacyPolicy']).toMatch(/https/);
    expect(fields['custom.source']).toMatch(/not valid JavaScript/);
  });

  it('changes the consent version when the vendors change, and only then', () => {
    const base: ConsentSettings = { ...defaultConsentSettings, meta: '123456789012345' };
    const v1 = snapshotOf(base).version;
    expect(snapshotOf({ ...base }).version).toBe(v1);
    expect(snapshotOf({ ...base, ga4: 'G-ABC123DEF4' }).version).not.toBe(v1);
    expect(snapshotOf({ ...base, meta: '123456789012346' }).version).not.toBe(v1);
    expect(snapshotOf(defaultConsentSettings)).toMatchObject({ none: true, sources: null });
  });
});
