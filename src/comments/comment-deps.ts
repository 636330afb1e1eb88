// What the comment system needs from outside (the database, the secret, the clock, mail, rate limits, the
// spam checker, and how to announce changed pages), built once in app.ts for the reader routes, the
// moderation screens and the background jobs alike.
import type { Kysely } from 'kysely';
import { type ResolveHost, systemResolver } from '../http/checked-lookup.js';
import type { RateLimitStore } from '../http/rate-limit-store.js';
import type { Mailer } from '../mail/mailer.js';
import type { ContentEvents } from '../storage/content-events.js';
import type { Database } from '../storage/schema.js';
import { akismetChecker, type SpamChecker } from './akismet.js';
import { ALL_COMMENTS, commentsTag } from './cache-tags.js';
import { type CommentRates, DEFAULT_COMMENT_RATES } from './rate-limits.js';
import type { CommentSettings } from './settings.js';

export interface CommentDeps {
  db: Kysely<Database>;
  secret: string;
  clock: () => Date;
  publicUrl: string;
  rates: RateLimitStore;
  rateRules: CommentRates;
  /** The outside checker for these settings, or null when none is configured. */
  spamChecker: (settings: CommentSettings) => SpamChecker | null;
  /** Finds a host's addresses: the spam checker's, checked when it is saved and at each request. */
  resolveHost: ResolveHost;
  mailer: Mailer;
  siteName: () => Promise<string>;
  /** Drops the cached threads and pages of these articles (the page and its comment pages) on every instance. */
  commentsChanged: (articleIds: number[]) => Promise<void>;
  /** Drops every cached page (settings that change every article's comments). */
  allPagesChanged: () => Promise<void>;
  log: { error(details: object, message: string): void };
}

/** What sending mail about comments needs: the background jobs have this much, not the whole of it. */
export type MailDeps = Pick<CommentDeps, 'db' | 'mailer' | 'secret' | 'publicUrl' | 'clock' | 'siteName'>;

export interface CommentsOptions {
  db: Kysely<Database>;
  events: ContentEvents;
  mailer: Mailer;
  rates: RateLimitStore;
  secret: string;
  publicUrl: string;
  clock: () => Date;
  siteName: () => Promise<string>;
  rateRules?: CommentRates;
  /** Builds the outside spam checker from the settings; Akismet's protocol over fetch unless told. */
  spamChecker?: (settings: CommentSettings) => SpamChecker | null;
  /** The system's resolver unless told (tests give their own names). */
  resolveHost?: ResolveHost;
  log?: CommentDeps['log'];
}

export function commentDeps(options: CommentsOptions): CommentDeps {
  const resolveHost = options.resolveHost ?? systemResolver;
  return {
    db: options.db,
    secret: options.secret,
    clock: options.clock,
    publicUrl: options.publicUrl,
    rates: options.rates,
    rateRules: options.rateRules ?? DEFAULT_COMMENT_RATES,
    spamChecker:
      options.spamChecker ??
      ((s) =>
        s.akismetUrl && s.akismetKey
          ? akismetChecker({
              url: s.akismetUrl,
              key: s.akismetKey,
              site: options.publicUrl,
              resolve: resolveHost,
            })
          : null),
    resolveHost,
    mailer: options.mailer,
    siteName: options.siteName,
    commentsChanged: (articleIds) => options.events.changed(articleIds.map(commentsTag)),
    allPagesChanged: () => options.events.changed([ALL_COMMENTS]),
    log: options.log ?? { error: () => {} },
  };
}
