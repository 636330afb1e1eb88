// Helpers for comment tests: the comment system's dependencies on a real database (with a controllable
// clock and a record of the pages it asked to refresh), form values, posting through the app as a browser
// does, and a dump of what the comment tables hold.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Page } from 'playwright-core';
import type { SpamChecker } from '../../src/comments/akismet.js';
import { ALL_COMMENTS } from '../../src/comments/cache-tags.js';
import type { CommentDeps } from '../../src/comments/comment-deps.js';
import type { CommentFormValues } from '../../src/comments/form.js';
import { DEFAULT_COMMENT_RATES } from '../../src/comments/rate-limits.js';
import {
  type CommentSettings,
  defaultCommentSettings,
  saveCommentSettings,
} from '../../src/comments/settings.js';
import { type FormTokenSource, signArticleFormToken } from '../../src/comments/tokens.js';
import { databaseRateLimitStore, type RateLimitStore } from '../../src/http/rate-limit-store.js';
import { type Mailer, outboxMailer } from '../../src/mail/mailer.js';
import type { Database } from '../../src/storage/schema.js';
import { sameOrigin } from './app.js';

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
): CommentDeps & { changed: number[]; clock: TestClock; everything: number } {
  const clock = options.clock ?? testClock();
  const changed: number[] = [];
  const deps = {
    db,
    secret: SECRET,
    clock,
    publicUrl: 'http://127.0.0.1:3000',
    rates: options.rates ?? databaseRateLimitStore(db),
    rateRules: DEFAULT_COMMENT_RATES,
    spamChecker: () => options.spamChecker ?? null,
    resolveHost: async () => [] as string[],
    mailer: options.mailer ?? outboxMailer(db, { from: 'Newsroom <newsroom@example.org>' }),
    siteName: async () => 'The Test Gazette',
    commentsChanged: async (articleIds: number[]) => {
      changed.push(...articleIds);
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

/**
 * A form token for one article as shown `shownSecondsAgo` before `now`: by default the one the form island
 * fetches when the form comes into view; 'page' for the one rendered into the (cached) page, as sent
 * without JavaScript.
 */
export function formTokenFor(
  articleId: number,
  now: Date,
  shownSecondsAgo = 60,
  source: FormTokenSource = 'fresh',
): string {
  return signArticleFormToken(SECRET, {
    articleId,
    source,
    shownAt: new Date(now.getTime() - shownSecondsAgo * 1000),
  });
}

/** A form as a reader fills it in on this article, shown `shownSecondsAgo` before the clock's now. */
export function formValues(
  clock: () => Date,
  articleId: number,
  fields: Partial<CommentFormValues> = {},
  shownSecondsAgo = 60,
  source: FormTokenSource = 'fresh',
): CommentFormValues {
  counter++;
  return {
    comment: `A thoughtful remark number ${counter} about the story.`,
    name: 'Ada Reader',
    email: `reader${counter}@example.org`,
    url: '',
    notify: false,
    parent: '',
    token: formTokenFor(articleId, clock(), shownSecondsAgo, source),
    honeypot: '',
    ...fields,
  };
}

export async function setSettings(db: Kysely<Database>, changes: Partial<CommentSettings>) {
  return saveCommentSettings(db, { ...defaultCommentSettings, ...changes }, new Date());
}

/** The fields a browser sends from the reader's form on this article, shown `shownSecondsAgo` before `now`. */
export function commentFields(
  articleId: number,
  fields: Record<string, string> = {},
  now = new Date(),
  shownSecondsAgo = 60,
  source: FormTokenSource = 'fresh',
): Record<string, string> {
  counter++;
  return {
    comment: `A remark number ${counter} about the story.`,
    name: 'Ada Reader',
    email: `reader${counter}@example.org`,
    url: '',
    parent: '',
    t: formTokenFor(articleId, now, shownSecondsAgo, source),
    comment_title: '',
    ...fields,
  };
}

/** Posts the reader's form through the app: as a plain form (no JavaScript) or as the form island's fetch. */
export function sendComment(
  app: FastifyInstance,
  slug: string,
  fields: Record<string, string>,
  options: { json?: boolean; ip?: string; headers?: Record<string, string> } = {},
) {
  return app.inject({
    method: 'POST',
    url: `/articles/${slug}/comments`,
    remoteAddress: options.ip ?? '203.0.113.9',
    headers: {
      ...sameOrigin,
      'content-type': 'application/x-www-form-urlencoded',
      ...(options.json ? { accept: 'application/json' } : {}),
      ...options.headers,
    },
    payload: new URLSearchParams(fields).toString(),
  });
}

/** Every row of every comment table, as text: what must never contain an email or an IP address. */
export async function everythingStored(db: Kysely<Database>): Promise<string> {
  const tables = [
    'comments',
    'comment_threads',
    'comment_bans',
    'comment_digest_optouts',
    'rate_limit_counters',
  ] as const;
  const rows = await Promise.all(tables.map((t) => db.selectFrom(t).selectAll().execute()));
  return JSON.stringify(rows);
}

/**
 * Starts recording what goes wrong on a page: console errors (not the browser's line about a refused
 * fetch, which the form answers on purpose), uncaught exceptions and Content-Security-Policy violations.
 */
export async function watchPage(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.exposeFunction('reportCspViolation', (text: string) => problems.push(`csp: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation(
        `${e.violatedDirective} ${e.blockedURI} ${e.sample}`,
      );
    });
  });
  return problems;
}

/** Changes the comment settings of a running site the way the settings screen does. */
export async function changeSettings(
  site: {
    storage: { db: Kysely<Database> };
    deps: { events: { changed(tags: readonly string[]): Promise<void> } };
  },
  changes: Partial<CommentSettings>,
) {
  await setSettings(site.storage.db, changes);
  await site.deps.events.changed([ALL_COMMENTS]);
}
