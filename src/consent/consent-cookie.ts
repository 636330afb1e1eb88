// The reader's consent cookie, shared by the browser loader that writes it and the privacy page that
// describes it: "<version>.<statistics><marketing>", first-party, for half a year.
export const CONSENT_COOKIE = 'consent';
// Six months: long enough not to nag, short enough that a choice is renewed.
export const CONSENT_COOKIE_DAYS = 183;
