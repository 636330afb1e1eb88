// The signed tokens of the comment system: each checks out only for its own purpose and secret, unaltered,
// and (where it has one) before its expiry.
import { describe, expect, it } from 'vitest';
import {
  checkFormToken,
  dataTokenKey,
  digestUnsubscribeStaff,
  heldCommentId,
  replyUnsubscribeKey,
  signArticleFormToken,
  signDataToken,
  signDigestUnsubscribe,
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
    form: signArticleFormToken(SECRET, { articleId: 42, source: 'fresh', shownAt: now }),
    held: signHeldToken(SECRET, 42, later),
    replies: signReplyUnsubscribe(SECRET, key),
    digest: signDigestUnsubscribe(SECRET, 7),
    data: signDataToken(SECRET, key, later),
  };
  const readers = {
    form: (t: unknown, s = SECRET) => {
      const proof = checkFormToken(s, t, 42, now);
      return proof.kind === 'none' ? null : proof.kind;
    },
    held: (t: unknown, s = SECRET) => heldCommentId(s, t, now),
    replies: (t: unknown, s = SECRET) => replyUnsubscribeKey(s, t),
    digest: (t: unknown, s = SECRET) => digestUnsubscribeStaff(s, t),
    data: (t: unknown, s = SECRET) => dataTokenKey(s, t, now),
  };

  it('read back what they were signed with', () => {
    expect(readers.form(made.form)).toBe('fresh');
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

describe('the form token', () => {
  const at = (ms: number) => new Date(now.getTime() + ms);
  const HOUR = 3600_000;
  const sign = (source: 'page' | 'fresh', articleId = 7) =>
    signArticleFormToken(SECRET, { articleId, source, shownAt: now });

  it('says where it came from and how long ago the form was shown', () => {
    expect(checkFormToken(SECRET, sign('fresh'), 7, at(12_500))).toEqual({ kind: 'fresh', ageSeconds: 12.5 });
    expect(checkFormToken(SECRET, sign('page'), 7, at(HOUR))).toEqual({ kind: 'page', ageSeconds: 3600 });
  });

  it('counts for its own article only', () => {
    expect(checkFormToken(SECRET, sign('fresh', 7), 8, at(60_000))).toEqual({
      kind: 'none',
      why: 'another article',
    });
    // The article is signed: changing it breaks the signature.
    const [source, , shown, mac] = sign('fresh', 7).split('.');
    expect(checkFormToken(SECRET, [source, '8', shown, mac].join('.'), 8, at(60_000))).toEqual({
      kind: 'none',
      why: 'no valid token',
    });
  });

  it('expires: the fetched token after six hours, the page’s after two days', () => {
    expect(checkFormToken(SECRET, sign('fresh'), 7, at(6 * HOUR)).kind).toBe('fresh');
    expect(checkFormToken(SECRET, sign('fresh'), 7, at(6 * HOUR + 1))).toEqual({
      kind: 'none',
      why: 'expired',
    });
    expect(checkFormToken(SECRET, sign('page'), 7, at(48 * HOUR)).kind).toBe('page');
    expect(checkFormToken(SECRET, sign('page'), 7, at(48 * HOUR + 1))).toEqual({
      kind: 'none',
      why: 'expired',
    });
  });
});
