// Helpers for comment tests: the comment system's dependencies on a real database (with a controllable
// clock and a record of the pages it asked to refresh), form values, and a held comment's way to approval.
import type { Kysely } from 'kysely';
import type { SpamChecker } from '../../src/comments/akismet.js';
import type { CommentDeps } from '../../src/comments/approval.js';
import type { CommentFormValues } from '../../src/comments/form.js';
import { DEFAULT_COMMENT_RATES } from '../../src/comments/rate-limits.js';
import {
  type CommentSettings,
  defaultCommentSettings,
  saveCommentSettings,
} from '../../src/comments/settings.js';
import { signFormToken } from '../../src/comments/tokens.js';
import { databaseRateLimitStore, type RateLimitStore } from '../../src/http/rate-limit-store.js';
import { type Mailer, outboxMailer } from '../../src/mail/mailer.js';
import type { Database } from '../../src/storage/schema.js';

export const SECRET = 'test-secret-test-secret-test-secret-0123';

export interface TestClock {
  now: Date;
  (): Date;
  advance(seconds: number): void;
}

export function testClock(start = '2026-11-21T12:00:00.000Z'): TestClock {
  const clock = (() => clock.now) as TestClock;
  clock.now = new Date(start);
  clock.advance = (seconds) => {
    clock.now = new Date(clock.now.getTime() + seconds * 1000);
  };
  return clock;
}

export function commentDeps(
  db: Kysely<Database>,
  options: {
    clock?: TestClock;
    mailer?: Mailer;
    rates?: RateLimitStore;
    spamChecker?: SpamChecker | null;
  } = {},
): CommentDeps & { changed: string[]; clock: TestClock; everything: number } {
  const clock = options.clock ?? testClock();
  const changed: string[] = [];
  const deps = {
    db,
    secret: SECRET,
    clock,
    publicUrl: 'http://127.0.0.1:3000',
    rates: options.rates ?? databaseRateLimitStore(db),
    rateRules: DEFAULT_COMMENT_RATES,
    spamChecker: () => options.spamChecker ?? null,
    mailer: options.mailer ?? outboxMailer(db, { from: 'Newsroom <newsroom@example.org>' }),
    siteName: async () => 'The Test Gazette',
    pageChanged: async (slug: string) => {
      changed.push(slug);
    },
    allPagesChanged: async () => {
      deps.everything++;
    },
    log: { error: () => {} },
    changed,
    everything: 0,
  };
  return deps;
}

let counter = 0;

/** A form as a reader fills it in, shown `shownSecondsAgo` before the clock's now. */
export function formValues(
  clock: () => Date,
  fields: Partial<CommentFormValues> = {},
  shownSecondsAgo = 60,
): CommentFormValues {
  counter++;
  return {
    comment: `A thoughtful remark number ${counter} about the story.`,
    name: 'Ada Reader',
    email: `reader${counter}@example.org`,
    url: '',
    notify: false,
    parent: '',
    token: signFormToken(SECRET, new Date(clock().getTime() - shownSecondsAgo * 1000)),
    honeypot: '',
    ...fields,
  };
}

export async function setSettings(db: Kysely<Database>, changes: Partial<CommentSettings>) {
  return saveCommentSettings(db, { ...defaultCommentSettings, ...changes }, new Date());
}
