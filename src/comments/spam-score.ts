// A local spam score from 0 to 100, with no third party: each signal adds (or, for a good history, takes
// away) points and names itself, so that a moderator sees why a comment landed in the spam folder.
// At SPAM_THRESHOLD or above a comment goes to the spam folder; it is never dropped.
import type { History } from './posting-queries.js';
import { countLinks } from './text.js';
import type { FormProof } from './tokens.js';

export const SPAM_THRESHOLD = 50;

export interface ScoreInput {
  body: string;
  name: string;
  url: string;
  /** What the form's token proves (tokens.ts); no valid token at all is a sign of a script. */
  form: FormProof;
  /** The same text posted from other email addresses in the last day. */
  sameTextElsewhere: number;
  history: History;
}

export interface SpamScore {
  score: number;
  signals: string[];
}

// Words that in a newsroom's comments almost only come from spam runs.
const SPAM_WORDS =
  /\b(viagra|cialis|casino|porn|escort service|payday loan|backlinks|seo services|crypto giveaway)\b/giu;

const FORM_SIGNALS = {
  'no valid token': 'posted without a valid form',
  'another article': 'posted with the form of another article',
  expired: 'posted with a form too old to count',
} as const;

export function spamScore(input: ScoreInput): SpamScore {
  const signals: string[] = [];
  let score = 0;
  const add = (points: number, signal: string) => {
    score += points;
    signals.push(`${signal} (${points > 0 ? '+' : ''}${points})`);
  };

  if (input.form.kind === 'none') add(35, FORM_SIGNALS[input.form.why]);
  const links = countLinks(input.body);
  if (links > 0 && input.history.approved === 0)
    add(Math.min(40, links * 10), `${links} link${links > 1 ? 's' : ''}`);
  if (countLinks(input.name) > 0) add(50, 'a link in the name');
  const linkChars = input.body.match(/\S*(https?:\/\/|www\.)\S*/gi)?.join('').length ?? 0;
  if (input.body.length > 0 && linkChars / input.body.length > 0.5) add(25, 'mostly links');
  if (input.sameTextElsewhere > 0)
    add(Math.min(50, input.sameTextElsewhere * 25), 'same text from other addresses');
  const letters = input.body.replace(/[^\p{L}]/gu, '');
  if (letters.length > 20 && letters.replace(/[^\p{Lu}]/gu, '').length / letters.length > 0.7)
    add(15, 'shouting');
  if (/(.)\1{9,}/u.test(input.body)) add(10, 'long runs of one character');
  const words = input.body.match(SPAM_WORDS)?.length ?? 0;
  if (words > 0) add(Math.min(40, words * 20), 'spam vocabulary');
  if (input.history.spam > 0) add(Math.min(40, input.history.spam * 20), 'earlier comments were spam');
  if (input.history.approved > 0)
    add(-Math.min(40, input.history.approved * 20), 'earlier comments were approved');

  return { score: Math.max(0, Math.min(100, score)), signals };
}
