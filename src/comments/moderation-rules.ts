// What happens to a new comment, as an ordered list of small rules (after discourse's new_post_manager):
// each returns an outcome with its reason, or nothing; the first that fires decides, and a comment no rule
// stops is approved. Refusals come first (the reader can still fix the text), then spam, then holds.

import { networkOf } from '../http/network.js';
import type { SpamVerdict } from './akismet.js';
import type { History } from './posting-queries.js';
import type { CommentSettings } from './settings.js';
import { SPAM_THRESHOLD, type SpamScore } from './spam-score.js';
import { countLinks } from './text.js';
import type { FormProof } from './tokens.js';

export interface RuleInput {
  body: string;
  name: string;
  email: string;
  url: string;
  /** The request's address, only for this decision: it is never stored. */
  ip: string;
  honeypot: string;
  form: FormProof;
  banned: boolean;
  history: History;
  /**
   * What the commenter's own browser proves (commenter-browser.ts): the names and websites of their approved
   * comments that were posted from it. Empty when it proves nothing, whatever the address's history.
   */
  known: KnownCommenter;
  spam: SpamScore;
  akismet: SpamVerdict | 'off';
  settings: CommentSettings;
}

export type Outcome =
  | { kind: 'refuse'; reason: string; field: 'comment' | 'email'; message: string }
  | { kind: 'spam'; reason: string }
  | { kind: 'hold'; reason: string };

export interface KnownCommenter {
  names: string[];
  websites: string[];
}

type Rule = (input: RuleInput) => Outcome | null;

/** Names compared as people read them: one Unicode form, any case, any spacing. */
export function sameName(a: string, b: string): boolean {
  const key = (n: string) => n.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
  return key(a) === key(b);
}

// An address is known to anyone who has seen it, so it proves nothing alone: trust comes from the
// commenter's browser (see `known`).
const isKnown = (c: RuleInput) => c.history.approved > 0 && c.known.names.length > 0;
const firstTime = (c: RuleInput) => c.settings.mode === 'first_time';

/** The first entry of a list found in the comment, its name, email, website or address. */
export function listMatch(list: string[], input: Pick<RuleInput, 'body' | 'name' | 'email' | 'url' | 'ip'>) {
  if (list.length === 0) return undefined;
  const text = `${input.body}\n${input.name}`.toLowerCase();
  const addresses = `${input.email}\n${input.url}\n${networkOf(input.ip)}\n${input.ip}`.toLowerCase();
  const { words, anywhere } = matcherOf(list);
  // Addresses and domains match anywhere; words and phrases only as whole words.
  const found = anywhere.find((entry) => addresses.includes(entry) || text.includes(entry));
  if (found) return found;
  if (!words) return undefined;
  return (words.exec(text)?.[2] ?? words.exec(addresses)?.[2])?.toLowerCase();
}

// Lists have hundreds of entries and every comment is checked against them: the words become one regular
// expression, made once per list (settings are read per comment, so the cache is keyed by the contents).
const matchers = new Map<string, { words: RegExp | null; anywhere: string[] }>();

function matcherOf(list: string[]) {
  const cacheKey = list.join('\n');
  let matcher = matchers.get(cacheKey);
  if (!matcher) {
    const anywhere = list.filter((entry) => /[@.:/]/.test(entry));
    const words = list.filter((entry) => !/[@.:/]/.test(entry));
    const alternatives = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    matcher = {
      anywhere,
      words: words.length
        ? new RegExp(`(^|[^\\p{L}\\p{N}])(${alternatives})(?=$|[^\\p{L}\\p{N}])`, 'iu')
        : null,
    };
    if (matchers.size >= 20) matchers.clear();
    matchers.set(cacheKey, matcher);
  }
  return matcher;
}

export const RULES: ReadonlyArray<[name: string, rule: Rule]> = [
  [
    'banned',
    (c) =>
      c.banned
        ? {
            kind: 'refuse',
            reason: 'banned',
            field: 'email',
            message: 'Comments from this address are not accepted.',
          }
        : null,
  ],
  [
    'block list',
    (c) => {
      const entry = listMatch(c.settings.blockList, c);
      return entry
        ? {
            kind: 'refuse',
            reason: `block list: ${entry}`,
            field: 'comment',
            message: 'Your comment contains a word or an address that this site does not accept.',
          }
        : null;
    },
  ],
  ['honeypot', (c) => (c.honeypot.trim() ? { kind: 'spam', reason: 'filled the hidden field' } : null)],
  [
    'too fast',
    // A page's token was signed when the page was rendered, before any reader saw it: too young is too fast
    // for it as well.
    (c) =>
      c.form.kind !== 'none' && c.form.ageSeconds < c.settings.minSecondsBeforePosting
        ? {
            kind: 'spam',
            reason: `posted ${Math.max(0, Math.round(c.form.ageSeconds))} s after the form was shown`,
          }
        : null,
  ],
  [
    'spam checker',
    (c) => (c.akismet === 'spam' ? { kind: 'spam', reason: 'the spam checker says spam' } : null),
  ],
  [
    'spam score',
    (c) =>
      c.spam.score >= SPAM_THRESHOLD
        ? { kind: 'spam', reason: `spam score ${c.spam.score}: ${c.spam.signals.join(', ')}` }
        : null,
  ],
  [
    'hold list',
    (c) => {
      const entry = listMatch(c.settings.holdList, c);
      return entry ? { kind: 'hold', reason: `hold list: ${entry}` } : null;
    },
  ],
  [
    'link limit',
    (c) => {
      const links = countLinks(c.body);
      return links > c.settings.linkLimit
        ? { kind: 'hold', reason: `${links} links (limit ${c.settings.linkLimit})` }
        : null;
    },
  ],
  [
    'time unproven',
    // Only the token the form island fetches shows how long the reader had the form; the page's token could
    // be taken from a cached page by a script that posts at once. Such a comment waits for a moderator rather
    // than being published (never spam: it is also what a reader without JavaScript sends). A commenter whose
    // comments were approved before is let through, so that readers who never run scripts are not held for
    // ever: their address is known only to them and to the newsroom. With no minimum time set there is
    // nothing to prove.
    (c) => {
      if (c.settings.minSecondsBeforePosting === 0 || c.form.kind === 'fresh') return null;
      if (c.form.kind === 'page' && isKnown(c)) return null;
      return {
        kind: 'hold',
        reason:
          c.form.kind === 'page'
            ? 'posted from the page without its script: the time taken could not be checked'
            : 'posted without a valid form: the time taken could not be checked',
      };
    },
  ],
  [
    'hold all',
    (c) => (c.settings.mode === 'hold_all' ? { kind: 'hold', reason: 'every comment is held' } : null),
  ],
  [
    'first comment',
    (c) =>
      firstTime(c) && c.history.approved === 0
        ? { kind: 'hold', reason: 'first comment from this address' }
        : null,
  ],
  // "first_time" lets a known commenter through only as they are known: from their own browser, under
  // their name, and without links (the usual payload of someone writing under another's address).
  [
    'not from a known browser',
    (c) =>
      firstTime(c) && !isKnown(c)
        ? {
            kind: 'hold',
            reason: 'this address has approved comments, but none posted from this browser',
          }
        : null,
  ],
  [
    'changed name',
    (c) =>
      firstTime(c) && !c.known.names.some((name) => sameName(name, c.name))
        ? { kind: 'hold', reason: 'a name this commenter has not used on an approved comment' }
        : null,
  ],
  [
    'links from a known commenter',
    (c) => {
      if (!firstTime(c)) return null;
      if (countLinks(c.body) > 0) return { kind: 'hold', reason: 'links in the comment are checked first' };
      return c.url && !c.known.websites.includes(c.url)
        ? { kind: 'hold', reason: 'a website this commenter has not used on an approved comment' }
        : null;
    },
  ],
];

/** The outcome of the first rule that fires, or null: approve. */
export function decide(input: RuleInput): Outcome | null {
  for (const [, rule] of RULES) {
    const outcome = rule(input);
    if (outcome) return outcome;
  }
  return null;
}
