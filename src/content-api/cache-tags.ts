// The content event that tells every instance the content API's keys changed (made, revoked), so each
// forgets the keys and origins it remembers at once rather than when they expire.
export const CONTENT_API_KEYS = 'content-api-keys';
