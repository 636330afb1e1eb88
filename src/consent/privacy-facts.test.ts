// The privacy page's facts follow the settings in force: what is not used is not claimed, what is used is
// listed with its retention and, for another company, its purpose and its own policy.
import { describe, expect, it } from 'vitest';
import { snapshotOf } from './consent-state.js';
import { privacyFacts } from './privacy-facts.js';
import { defaultConsentSettings } from './settings.js';

const base = { siteName: 'The Harbour Times', commentIpRetentionDays: 14, donations: false };

describe('privacy facts', () => {
  it('with nothing configured: comments only, no consent cookie, no other company', () => {
    const facts = privacyFacts({ ...base, consent: snapshotOf(defaultConsentSettings) });
    expect(facts.map((f) => f.topic)).toEqual(['Comments']);
    expect(facts[0]!.howLong).toContain('network hash 14 days');
    expect(facts.every((f) => !f.consent)).toBe(true);
  });

  it('names first-party analytics with its daily salt and retention, donations with Stripe, and each tag', () => {
    const consent = snapshotOf({
      ...defaultConsentSettings,
      gtm: 'GTM-AB12CD3',
      gtmPurpose: 'statistics',
      custom: {
        name: 'Parse.ly',
        source: 'void 0;',
        hosts: ['https://cdn.parsely.com'],
        purpose: 'marketing',
        privacyPolicy: 'https://www.parse.ly/privacy-policy',
      },
    });
    const facts = privacyFacts({ ...base, donations: true, analyticsRetentionDays: 90, consent });
    expect(facts.map((f) => f.topic)).toEqual([
      'Visitor counts',
      'Comments',
      'Donations',
      'Your privacy choices',
      'Google Tag Manager',
      'Parse.ly',
    ]);
    const [visits, , donations, cookie, gtm, custom] = facts;
    expect(visits!.what).toMatch(/salt that changes every day/);
    expect(visits!.what).toMatch(/no cookie/);
    expect(visits!.howLong).toMatch(/^90 days/);
    expect(donations!.policy).toBe('https://stripe.com/privacy');
    expect(cookie!.howLong).toMatch(/^183 days/);
    expect(gtm).toMatchObject({ by: 'Google', consent: true, policy: 'https://policies.google.com/privacy' });
    expect(gtm!.why).toMatch(/^Statistics/);
    expect(custom).toMatchObject({ consent: true, policy: 'https://www.parse.ly/privacy-policy' });
    expect(custom!.what).toContain('https://cdn.parsely.com');
    expect(custom!.why).toMatch(/^Marketing/);
  });
});
