// The signed tokens of the comment system: each checks out only for its own purpose and secret, unaltered,
// and (where it has one) before its expiry.
import { describe, expect, it } from 'vitest';
import {
  dataTokenKey,
  digestUnsubscribeStaff,
  formShownAt,
  heldCommentId,
  replyUnsubscribeKey,
  signDataToken,
  signDigestUnsubscribe,
  signFormToken,
  signHeldToken,
  signReplyUnsubscribe,
} from './tokens.js';

const SECRET = 'a-secret-a-secret-a-secret-a-secret-0000';
const OTHER = 'another-secret-another-secret-another-00';
const now = new Date('2026-11-21T12:00:00.000Z');
const later = new Date('2026-11-22T12:00:00.000Z');
const key = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';

describe('comment tokens', () => {
  const made = {
    form: signFormToken(SECRET, now),
    held: signHeldToken(SECRET, 42, later),
    replies: signReplyUnsubscribe(SECRET, key),
    digest: signDigestUnsubscribe(SECRET, 7),
    data: signDataToken(SECRET, key, later),
  };
  const readers = {
    form: (t: unknown, s = SECRET) => formShownAt(s, t)?.getTime() ?? null,
    held: (t: unknown, s = SECRET) => heldCommentId(s, t, now),
    replies: (t: unknown, s = SECRET) => replyUnsubscribeKey(s, t),
    digest: (t: unknown, s = SECRET) => digestUnsubscribeStaff(s, t),
    data: (t: unknown, s = SECRET) => dataTokenKey(s, t, now),
  };

  it('read back what they were signed with', () => {
    expect(readers.form(made.form)).toBe(now.getTime());
    expect(readers.held(made.held)).toBe(42);
    expect(readers.replies(made.replies)).toBe(key);
    expect(readers.digest(made.digest)).toBe(7);
    expect(readers.data(made.data)).toBe(key);
  });

  it('are worth nothing for another purpose, with another secret, or altered', () => {
    for (const [purpose, token] of Object.entries(made)) {
      for (const [other, read] of Object.entries(readers)) {
        if (other !== purpose) expect(read(token), `${purpose} as ${other}`).toBeNull();
      }
      const read = readers[purpose as keyof typeof readers];
      expect(read(token, OTHER), purpose).toBeNull();
      const parts = token.split('.');
      const changed = [...parts.slice(0, -2), `${parts.at(-2)}1`, parts.at(-1)].join('.');
      expect(read(changed), `${purpose} altered`).toBeNull();
      expect(read(`${token}x`), `${purpose} lengthened`).toBeNull();
    }
    for (const junk of [undefined, 42, '', '.', 'a.b.c.d', 'x'.repeat(500), `${made.digest}.extra`]) {
      for (const read of Object.values(readers)) expect(read(junk)).toBeNull();
    }
  });

  it('expire: a held comment’s link and a data link stop working after their time', () => {
    expect(heldCommentId(SECRET, made.held, new Date(later.getTime() - 1))).toBe(42);
    expect(heldCommentId(SECRET, made.held, later)).toBeNull();
    expect(dataTokenKey(SECRET, made.data, new Date(later.getTime() + 1))).toBeNull();
  });
});
