// The reader's choice, kept in a first-party cookie: "<version>.<statistics><marketing>", e.g. "3f2a9c01be.10".
// A cookie of another version (the newsroom changed its tags since) counts as no choice, so the dialog asks again.
export interface Choice {
  statistics: boolean;
  marketing: boolean;
}

import { CONSENT_COOKIE, CONSENT_COOKIE_DAYS } from '../consent-cookie.js';

const MAX_AGE_SECONDS = CONSENT_COOKIE_DAYS * 24 * 60 * 60;

export function readChoice(version: string): Choice | null {
  for (const part of document.cookie.split(';')) {
    const [name, value] = part.trim().split('=');
    if (name !== CONSENT_COOKIE || !value) continue;
    const match = /^([0-9a-f]+)\.([01])([01])$/.exec(value);
    if (!match || match[1] !== version) return null;
    return { statistics: match[2] === '1', marketing: match[3] === '1' };
  }
  return null;
}

export function storeChoice(version: string, choice: Choice, secure: boolean): void {
  const value = `${version}.${choice.statistics ? 1 : 0}${choice.marketing ? 1 : 0}`;
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from Firefox and Safari before 18.4
  document.cookie = `${CONSENT_COOKIE}=${value}; Path=/; Max-Age=${MAX_AGE_SECONDS}; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/** Global Privacy Control: the reader's browser asks that nothing be shared for advertising. */
export function globalPrivacyControl(): boolean {
  return (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
}

/** Expires cookies the vendors set on our own domain, on this host and its parent domains. */
export function forgetCookies(prefixes: readonly string[]): void {
  const parts = location.hostname.split('.');
  const domains = [''];
  for (let i = 0; i < parts.length - 1; i++) domains.push(`; Domain=.${parts.slice(i).join('.')}`);
  for (const cookie of document.cookie.split(';')) {
    const name = cookie.trim().split('=')[0] ?? '';
    if (!prefixes.some((p) => name.startsWith(p))) continue;
    // biome-ignore lint/suspicious/noDocumentCookie: as above; these are the vendors' own cookies
    for (const domain of domains) document.cookie = `${name}=; Path=/; Max-Age=0${domain}`;
  }
}
