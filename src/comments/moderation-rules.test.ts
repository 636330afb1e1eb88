// The moderation rules as a decision table: which rule wins when several fire, how lists match, and what
// the local spam score weighs. Posting through the database is tested in post-comment.test.ts.
import { describe, expect, it } from 'vitest';
import { decide, listMatch, type RuleInput } from './moderation-rules.js';
import { defaultCommentSettings } from './settings.js';
import { SPAM_THRESHOLD, spamScore } from './spam-score.js';

const clean: RuleInput = {
  body: 'A fair point about the council budget.',
  name: 'Ada',
  email: 'ada@example.org',
  url: '',
  ip: '203.0.113.5',
  honeypot: '',
  form: { kind: 'fresh', ageSeconds: 60 },
  banned: false,
  history: { approved: 1, spam: 0 },
  known: { names: ['Ada'], websites: [] },
  spam: { score: 0, signals: [] },
  akismet: 'off',
  settings: { ...defaultCommentSettings, holdList: ['budget'], blockList: ['fraudster'] },
};

describe('decide', () => {
  it('refuses before it sends to spam, and sends to spam before it holds', () => {
    expect(decide({ ...clean, banned: true, honeypot: 'x' })).toMatchObject({
      kind: 'refuse',
      reason: 'banned',
    });
    expect(decide({ ...clean, body: 'You fraudster.', honeypot: 'x' })).toMatchObject({
      kind: 'refuse',
      reason: 'block list: fraudster',
    });
    expect(decide({ ...clean, honeypot: 'x' })).toMatchObject({
      kind: 'spam',
      reason: 'filled the hidden field',
    });
    expect(decide({ ...clean, form: { kind: 'fresh', ageSeconds: 1 } })).toMatchObject({ kind: 'spam' });
    expect(decide({ ...clean, akismet: 'spam' })).toMatchObject({ kind: 'spam' });
    expect(decide({ ...clean, spam: { score: SPAM_THRESHOLD, signals: ['x'] } })).toMatchObject({
      kind: 'spam',
    });
    expect(decide(clean)).toMatchObject({ kind: 'hold', reason: 'hold list: budget' });
    expect(decide({ ...clean, body: 'Fine.' })).toBeNull();
    // An outside checker that is down or says ham changes nothing.
    expect(decide({ ...clean, body: 'Fine.', akismet: 'unavailable' })).toBeNull();
  });

  it('holds a first comment in first_time mode, everything in hold_all, nothing in approve_all', () => {
    const fine = { ...clean, body: 'Fine.' };
    const newcomer = { ...fine, history: { approved: 0, spam: 0 } };
    expect(decide(newcomer)).toMatchObject({ kind: 'hold', reason: 'first comment from this address' });
    expect(decide({ ...fine, settings: { ...fine.settings, mode: 'hold_all' } })).toMatchObject({
      kind: 'hold',
    });
    expect(decide({ ...newcomer, settings: { ...fine.settings, mode: 'approve_all' } })).toBeNull();
  });

  it('holds a comment whose form proves no time to write, unless no minimum is set', () => {
    const fine = { ...clean, body: 'Fine.', history: { approved: 0, spam: 0 } };
    const approveAll = { ...fine.settings, mode: 'approve_all' as const, minSecondsBeforePosting: 3 };
    const page = { ...fine, settings: approveAll, form: { kind: 'page', ageSeconds: 600 } } as const;
    // A script that takes the cached page's token and posts at once is held, not published.
    expect(decide(page)).toMatchObject({
      kind: 'hold',
      reason: 'posted from the page without its script: the time taken could not be checked',
    });
    // A page rendered moments ago proves the post came too fast all the same.
    expect(decide({ ...page, form: { kind: 'page', ageSeconds: 1 } })).toMatchObject({ kind: 'spam' });
    for (const why of ['no valid token', 'another article', 'expired'] as const) {
      expect(decide({ ...page, form: { kind: 'none', why } })).toMatchObject({
        kind: 'hold',
        reason: 'posted without a valid form: the time taken could not be checked',
      });
    }
    // The fresh token shows the time; a commenter approved before passes without the script too.
    expect(decide({ ...page, form: { kind: 'fresh', ageSeconds: 600 } })).toBeNull();
    expect(decide({ ...page, history: { approved: 1, spam: 0 } })).toBeNull();
    // Only from the commenter's own browser: their address alone proves nothing.
    expect(
      decide({ ...page, history: { approved: 1, spam: 0 }, known: { names: [], websites: [] } }),
    ).toMatchObject({ kind: 'hold' });
    expect(
      decide({ ...page, history: { approved: 1, spam: 0 }, form: { kind: 'none', why: 'expired' } }),
    ).toMatchObject({ kind: 'hold' });
    expect(decide({ ...page, settings: { ...approveAll, minSecondsBeforePosting: 0 } })).toBeNull();
  });

  it('holds more links than the limit', () => {
    const links = { ...clean, body: 'See https://a.example and https://b.example and c.example.org' };
    expect(decide({ ...links, settings: { ...clean.settings, holdList: [], linkLimit: 2 } })).toMatchObject({
      kind: 'hold',
      reason: '3 links (limit 2)',
    });
    expect(
      decide({ ...links, settings: { ...clean.settings, mode: 'approve_all', holdList: [], linkLimit: 3 } }),
    ).toBeNull();
  });

  it('first_time: approves a known commenter only from their browser, under their name, without links', () => {
    const fine = { ...clean, body: 'Fine.', url: '' };
    expect(decide(fine)).toBeNull();
    expect(decide({ ...fine, name: ' ADA ' })).toBeNull();
    expect(decide({ ...fine, known: { names: [], websites: [] } })).toMatchObject({
      kind: 'hold',
      reason: 'this address has approved comments, but none posted from this browser',
    });
    expect(decide({ ...fine, name: 'Ada Lovelace' })).toMatchObject({
      kind: 'hold',
      reason: 'a name this commenter has not used on an approved comment',
    });
    expect(decide({ ...fine, body: 'Read https://example.org/x' })).toMatchObject({
      kind: 'hold',
      reason: 'links in the comment are checked first',
    });
    expect(decide({ ...fine, url: 'https://ada.example/' })).toMatchObject({
      kind: 'hold',
      reason: 'a website this commenter has not used on an approved comment',
    });
    expect(
      decide({
        ...fine,
        url: 'https://ada.example/',
        known: { names: ['Ada'], websites: ['https://ada.example/'] },
      }),
    ).toBeNull();
    // Other modes do not ask.
    const approveAll = { ...fine.settings, mode: 'approve_all' as const };
    expect(
      decide({ ...fine, name: 'Someone', known: { names: [], websites: [] }, settings: approveAll }),
    ).toBeNull();
  });
});

describe('listMatch', () => {
  const input = {
    body: 'Text',
    name: 'Name',
    email: 'someone@mail.example',
    url: 'https://site.example/x',
    ip: '2001:db8:1:2::9',
  };

  it('matches words whole, in any case and script', () => {
    expect(listMatch(['text'], input)).toBe('text');
    expect(listMatch(['tex'], input)).toBeUndefined();
    expect(listMatch(['größe'], { ...input, body: 'Die GRÖSSE, nein: die Größe.' })).toBe('größe');
  });

  it('matches addresses, domains and networks anywhere in the email, website or address', () => {
    expect(listMatch(['mail.example'], input)).toBe('mail.example');
    expect(listMatch(['site.example/x'], input)).toBe('site.example/x');
    // An IPv6 entry for the whole /64 catches every address in it.
    expect(listMatch(['2001:0db8:0001:0002'], input)).toBe('2001:0db8:0001:0002');
    expect(listMatch(['2001:0db8:0001:0003'], input)).toBeUndefined();
  });
});

describe('spamScore', () => {
  const base = {
    body: 'A measured opinion.',
    name: 'Ada',
    url: '',
    form: { kind: 'fresh', ageSeconds: 30 } as const,
    sameTextElsewhere: 0,
    history: { approved: 0, spam: 0 },
  };

  it('gives an ordinary comment nothing and names every signal it adds', () => {
    expect(spamScore(base)).toEqual({ score: 0, signals: [] });
    const bad = spamScore({
      ...base,
      body: 'BUY CHEAP VIAGRA NOW http://a.example http://b.example',
      name: 'http://spam.example',
      form: { kind: 'none', why: 'no valid token' },
    });
    expect(bad.score).toBe(100);
    expect(bad.signals).toEqual(
      expect.arrayContaining([
        'posted without a valid form (+35)',
        '2 links (+20)',
        'a link in the name (+50)',
        'spam vocabulary (+20)',
      ]),
    );
  });

  it('weighs the commenter’s history both ways, and copies from other addresses', () => {
    expect(spamScore({ ...base, sameTextElsewhere: 2 }).score).toBe(50);
    expect(spamScore({ ...base, history: { approved: 0, spam: 2 } }).score).toBe(40);
    expect(spamScore({ ...base, sameTextElsewhere: 1, history: { approved: 3, spam: 0 } }).score).toBe(0);
  });
});
