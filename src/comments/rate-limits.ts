// How often one network and one email address may post comments: enough for a lively discussion, too little
// for a flood. Counted in the shared store, so every instance sees the same counts; keys are HMACs.
import { TooManyRequests } from '../http/errors.js';
import { checkRates, type RateLimitStore, type RateRule } from '../http/rate-limit-store.js';

export interface CommentRates {
  perIp: RateRule[];
  perEmail: RateRule[];
}

const MINUTE = 60_000;

/** Refused by a comment rate limit; says when the window that refused ends, for the Retry-After header. */
export class CommentRateLimited extends TooManyRequests {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

export const DEFAULT_COMMENT_RATES: CommentRates = {
  perIp: [
    { name: 'comment-ip-minute', max: 6, windowMs: MINUTE },
    { name: 'comment-ip-hour', max: 60, windowMs: 60 * MINUTE },
  ],
  perEmail: [
    { name: 'comment-email-minute', max: 3, windowMs: MINUTE },
    { name: 'comment-email-hour', max: 20, windowMs: 60 * MINUTE },
  ],
};

/** Counts this attempt; TooManyRequests saying when to try again if either limit is reached. */
export async function limitCommentRate(
  store: RateLimitStore,
  rates: CommentRates,
  who: { ipKey: string; emailKey: string },
  now: Date,
): Promise<void> {
  const decision = await checkRates(
    store,
    [
      ...rates.perIp.map((rule) => ({ rule, subject: who.ipKey })),
      ...rates.perEmail.map((rule) => ({ rule, subject: who.emailKey })),
    ],
    now,
  );
  if (!decision.allowed) {
    const wait = decision.retryAfterSeconds;
    const when =
      wait <= 90 ? `${wait} ${wait === 1 ? 'second' : 'seconds'}` : `${Math.ceil(wait / 60)} minutes`;
    throw new CommentRateLimited(
      `You are posting comments faster than we can take them. Your comment is kept; please send it again in ${when}.`,
      wait,
    );
  }
}
