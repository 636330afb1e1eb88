// What the privacy page states, made from the settings in force, so it cannot drift from what the site does:
// each thing collected, by whom, why and for how long. The page (privacy-page.tsx) only lays these out.

import { CONSENT_COOKIE, CONSENT_COOKIE_DAYS } from './consent-cookie.js';
import type { ConsentSnapshot } from './consent-state.js';
import { PURPOSE_LABELS, VENDORS, type VendorKind } from './vendors.js';

export interface PrivacyFact {
  /** What the fact is about: comments, donations, a vendor's name. */
  topic: string;
  /** Who collects: the site itself, or another company. */
  by: string;
  what: string;
  /** What it is used for. */
  why: string;
  howLong: string;
  /** The other company's own privacy policy. */
  policy?: string;
  /** Needs the reader's consent (only third parties do). */
  consent: boolean;
}

export interface PrivacyInputs {
  siteName: string;
  consent: ConsentSnapshot;
  /** The comment settings' retention of hashed IP networks, in days. */
  commentIpRetentionDays: number;
  /** Donations are taken (a payment provider is configured). */
  donations: boolean;
  /** First-party analytics, when the site counts visits itself: how long raw events are kept. */
  analyticsRetentionDays?: number;
}

function vendorCompany(kind: VendorKind): string {
  return { meta: 'Meta', ga4: 'Google', gtm: 'Google', x: 'X' }[kind];
}

export function privacyFacts(input: PrivacyInputs): PrivacyFact[] {
  const us = input.siteName;
  const facts: PrivacyFact[] = [];
  if (input.analyticsRetentionDays !== undefined) {
    facts.push({
      topic: 'Visitor counts',
      by: us,
      what: 'the page you read, where you came from, and a visitor code made from your address and browser with a salt that changes every day (so you cannot be followed from one day to the next); no cookie',
      why: 'counting readers, without any other company',
      howLong: `${input.analyticsRetentionDays} days for each visit; after that only totals`,
      consent: false,
    });
  }
  facts.push({
    topic: 'Comments',
    by: us,
    what: 'when you comment: your name and comment (published), your email address (kept only as a keyed hash, never shown), and your network address as a keyed hash',
    why: 'publishing and moderating comments, telling you about replies if you ask, stopping abuse',
    howLong: `the comment until you or we remove it; the network hash ${input.commentIpRetentionDays} days. You can export or erase everything tied to your email address`,
    consent: false,
  });
  if (input.donations) {
    facts.push({
      topic: 'Donations',
      by: `${us}, with Stripe as payment processor`,
      what: 'when you donate: your name, email address, the amount and date; your card details go to Stripe only',
      why: 'taking the donation, sending receipts, our accounts',
      howLong: 'as long as our accounting records must be kept',
      policy: 'https://stripe.com/privacy',
      consent: false,
    });
  }
  if (!input.consent.none) {
    facts.push({
      topic: 'Your privacy choices',
      by: us,
      what: `your privacy choices, in a cookie named “${CONSENT_COOKIE}” on this site`,
      why: 'remembering your answer so that we do not ask on every page',
      howLong: `${CONSENT_COOKIE_DAYS} days, or until the services below change`,
      consent: false,
    });
  }
  for (const vendor of input.consent.vendors) {
    const about = VENDORS[vendor.kind];
    facts.push({
      topic: about.name,
      by: vendorCompany(vendor.kind),
      what: about.collects,
      why: `${PURPOSE_LABELS[vendor.purpose].name}: ${PURPOSE_LABELS[vendor.purpose].description}`,
      howLong: `as ${vendorCompany(vendor.kind)}’s own policy says`,
      policy: about.privacyPolicy,
      consent: true,
    });
  }
  const custom = input.consent.settings.custom;
  if (custom) {
    facts.push({
      topic: custom.name,
      by: custom.name,
      what: `what its script collects, sent to ${custom.hosts.length > 0 ? custom.hosts.join(', ') : 'this site only'}`,
      why: `${PURPOSE_LABELS[custom.purpose].name}: ${PURPOSE_LABELS[custom.purpose].description}`,
      howLong: `as ${custom.name}’s own policy says`,
      policy: custom.privacyPolicy,
      consent: true,
    });
  }
  return facts;
}
