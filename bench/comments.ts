// Comments in `npm run bench`: one article with 1,000 approved comments in real threads (read cached and
// uncached), and readers posting comments through the moderation rules a newsroom would set. This file
// prepares the databases for both, before any server starts, and gives the posting load as a wrk target.
import type { Kysely } from 'kysely';
import { emailKey, ipKey } from '../src/comments/identity.js';
import { bodyHash } from '../src/comments/post-comment.js';
import { defaultCommentSettings, saveCommentSettings } from '../src/comments/settings.js';
import type { Database } from '../src/storage/schema.js';
import { getOk } from './processes.js';
import type { WrkResult, WrkTarget } from './wrk.js';

export const COMMENTS = 1000;

// Words and addresses a newsroom might block or hold: the rules every posted comment is checked against.
const BLOCK_LIST = [
  ...Array.from({ length: 150 }, (_, i) => `blockedword${i}`),
  ...Array.from({ length: 50 }, (_, i) => `spam-domain-${i}.example`),
];
const HOLD_LIST = Array.from({ length: 100 }, (_, i) => `holdphrase${i}`);
const MIN_SECONDS_BEFORE_POSTING = 3;

const SENTENCES = [
  'The council should publish the full budget before the vote.',
  'I live on this street and the flooding has been worse every year.',
  'Thank you for covering this; nobody else did.',
  'What did the mayor say about the second phase?',
  'The numbers in the third paragraph do not match the report I read.',
];

export interface CommentArticles {
  /** The article with the discussion. */
  discussed: string;
  /** The article readers post to, so that posting never touches a page measured. */
  posted: string;
}

/** Two copies of the reference article: one gets 1,000 comments, one the posted ones. */
export async function prepareComments(
  db: Kysely<Database>,
  secret: string,
  referenceSlug: string,
  now: Date,
): Promise<CommentArticles> {
  const copies = await db
    .selectFrom('articles')
    .select(['id', 'slug'])
    .where('slug', 'like', `${referenceSlug}-%`)
    .where('status', '=', 'published')
    .orderBy('id')
    .limit(2)
    .execute();
  if (copies.length < 2) throw new Error('the comment figures need two copies of the reference article');
  const [discussed, posted] = copies as [(typeof copies)[0], (typeof copies)[0]];
  await addDiscussion(db, secret, discussed.id, now);
  return { discussed: discussed.slug, posted: posted.slug };
}

/** What every posted comment is checked against: first-time commenters held, block and hold lists. */
export async function saveModerationRules(db: Kysely<Database>, now: Date): Promise<void> {
  await saveCommentSettings(
    db,
    {
      ...defaultCommentSettings,
      mode: 'first_time',
      blockList: BLOCK_LIST,
      holdList: HOLD_LIST,
      linkLimit: 2,
      minSecondsBeforePosting: MIN_SECONDS_BEFORE_POSTING,
    },
    now,
  );
}

/** 1,000 approved comments as discussions: threads of a comment and replies up to three levels deep. */
async function addDiscussion(db: Kysely<Database>, secret: string, articleId: number, now: Date) {
  await db.transaction().execute(async (trx) => {
    let made = 0;
    for (let thread = 0; made < COMMENTS; thread++) {
      let parent = null as { id: number; rootId: number | null; depth: number } | null;
      const length = 1 + (thread % 4);
      for (let i = 0; i < length && made < COMMENTS; i++, made++) {
        const email = `reader${made}@example.org`;
        const body = `${SENTENCES[made % SENTENCES.length]} (${made})\n\n${SENTENCES[(made + 2) % SENTENCES.length]}`;
        const at = new Date(now.getTime() - (COMMENTS - made) * 60_000).toISOString();
        const depth: number = parent ? parent.depth + 1 : 0;
        const rootId: number | null = parent ? (parent.rootId ?? parent.id) : null;
        const row = await trx
          .insertInto('comments')
          .values({
            article_id: articleId,
            parent_id: parent?.id ?? null,
            root_id: rootId,
            depth,
            status: 'approved',
            body,
            author_name: `Reader ${made}`,
            author_email: email,
            email_key: emailKey(secret, email),
            author_url: made % 7 === 0 ? `https://reader${made}.example` : '',
            staff_id: null,
            notify_replies: 0,
            ip_key: ipKey(secret, `198.18.${made >> 8}.${made & 255}`),
            body_hash: bodyHash(body),
            moderation_reason: null,
            spam_score: 0,
            created_at: at,
            approved_at: at,
            edited_at: null,
            status_changed_at: at,
            digest_sent_at: null,
            reply_notified_at: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        parent = { id: row.id, rootId, depth };
      }
    }
  });
}

/**
 * Posting as readers do: the form token fetched as the form island fetches it, then (after the seconds a
 * person takes to write) one new reader per request. Each run goes on numbering readers where the last
 * stopped, so no reader posts twice and no rate limit is met.
 */
export async function postingLoad(base: string, slug: string) {
  const { token } = JSON.parse(
    (await getOk(`${base}/articles/${slug}/comments/form-token`)).body.toString(),
  ) as { token: string };
  await new Promise((r) => setTimeout(r, (MIN_SECONDS_BEFORE_POSTING + 1) * 1000));
  let firstReader = 0;
  return {
    target(): WrkTarget {
      return {
        url: `${base}/articles/${slug}/comments`,
        script: { name: 'post-comments.lua', args: [token, base, String(firstReader)] },
      };
    },
    /** After a run: past every reader it could have numbered (requests sent, finished or not). */
    ran(result: WrkResult): void {
      firstReader += (result.requests + 1000) * 16;
    },
  };
}
