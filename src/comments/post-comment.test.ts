// Posting a comment, rule by rule, on both databases: one case per way it can be refused, held or sent to
// spam, then the approvals. Rate limits run against the database store and against the real Redis.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type AkismetStandIn,
  STANDIN_HOST,
  startAkismetStandIn,
} from '../../test/support/akismet-standin.js';
import { commentDeps, formValues, setSettings, testClock } from '../../test/support/comments.js';
import { addArticle } from '../../test/support/content.js';
import { type TestStorage, testDatabases } from '../../test/support/databases.js';
import { DomainError } from '../http/errors.js';
import { redisRateLimitStore } from '../http/redis-rate-limit-store.js';
import { akismetChecker } from './akismet.js';
import { setThreadClosed } from './closing-queries.js';
import { MAX_DEPTH } from './comments.js';
import { emailKey } from './identity.js';
import { bodyHash, type PostRequest, postComment } from './post-comment.js';
import * as q from './queries.js';
import { defaultCommentSettings } from './settings.js';
import { countApproved } from './thread-queries.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the comment to be refused');
}

describe.each(testDatabases)('posting a comment on $name', (database) => {
  let storage: TestStorage;
  let deps: ReturnType<typeof commentDeps>;
  let slug: string;
  let articleId: number;
  let ip: string;

  const post = (
    fields: Parameters<typeof formValues>[2] = {},
    shownSecondsAgo?: number,
    extra: Partial<PostRequest> = {},
  ) =>
    postComment(deps, {
      slug,
      values: formValues(deps.clock, articleId, fields, shownSecondsAgo),
      ip,
      userAgent: 'test',
      referrer: '',
      language: 'en',
      ...extra,
    });

  beforeAll(async () => {
    storage = await database.open();
  });
  afterAll(async () => storage?.cleanup());
  beforeEach(async () => {
    deps = commentDeps(storage.db, { clock: testClock() });
    slug = `story-${randomUUID().slice(0, 8)}`;
    articleId = await addArticle(storage.db, { slug, publishedAt: '2026-11-20T10:00:00.000Z' });
    // A fresh network per test, so that rate limits of one test do not touch the next.
    ip = `203.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    await setSettings(storage.db, {});
  });

  describe('moderation modes', () => {
    it('first_time (the default): holds a first comment, then approves later ones from an approved address', async () => {
      const first = await post({ email: 'ada@example.org' });
      expect(first.status).toBe('pending');
      expect((await q.selectComment(storage.db, first.id))?.moderation_reason).toBe(
        'first comment from this address',
      );
      await storage.db
        .updateTable('comments')
        .set({ status: 'approved' })
        .where('id', '=', first.id)
        .execute();
      const second = await post({ email: 'ADA@example.org' }, 60, { browserComments: [first.id] });
      expect(second.status).toBe('approved');
      expect(deps.changed).toEqual([second.articleId]);
    });

    describe('first_time: who counts as a known commenter', () => {
      const approve = (id: number) =>
        storage.db.updateTable('comments').set({ status: 'approved' }).where('id', '=', id).execute();
      const reasonOf = async (id: number) => (await q.selectComment(storage.db, id))?.moderation_reason;
      // A minute between posts: one address may post only three times a minute.
      const later: typeof post = (...args) => {
        deps.clock.advance(61);
        return post(...args);
      };
      let regular: number;
      beforeEach(async () => {
        regular = (
          await later({ email: 'regular@example.org', name: 'Rita Regular', url: 'rita.example.org' })
        ).id;
        await approve(regular);
      });

      it('holds an impostor who has only the regular’s email address, links and all', async () => {
        const impostor = await later({
          email: 'regular@example.org',
          name: 'Rita Regular',
          comment: 'Great deals at https://scam.example',
        });
        expect(impostor.status).toBe('pending');
        // Nor is the address's good record credited to the impostor's spam score.
        expect((await q.selectComment(storage.db, impostor.id))?.spam_score).toBeGreaterThan(0);
        const quiet = await later({ email: 'regular@example.org', name: 'Rita Regular' });
        expect(quiet.status).toBe('pending');
        expect(await reasonOf(quiet.id)).toBe(
          'this address has approved comments, but none posted from this browser',
        );
        // Posting, as the impostor just did, proves nothing until a moderator approves that comment.
        const again = await later({ email: 'regular@example.org', name: 'Rita Regular' }, 60, {
          browserComments: [impostor.id, quiet.id],
        });
        expect(again.status).toBe('pending');
      });

      it('publishes the regular’s comment from their own browser', async () => {
        const posted = await later({ email: 'regular@example.org', name: ' rita  REGULAR ' }, 60, {
          browserComments: [regular],
        });
        expect(posted.status).toBe('approved');
      });

      it('holds the regular’s comment under a new name, with a link, or with a new website', async () => {
        const known = { browserComments: [regular] };
        const renamed = await later({ email: 'regular@example.org', name: 'Official Support' }, 60, known);
        expect(renamed.status).toBe('pending');
        expect(await reasonOf(renamed.id)).toBe('a name this commenter has not used on an approved comment');
        const linked = await later(
          { email: 'regular@example.org', name: 'Rita Regular', comment: 'See www.example.com/offer' },
          60,
          known,
        );
        expect(linked.status).toBe('pending');
        expect(await reasonOf(linked.id)).toBe('links in the comment are checked first');
        const site = await later(
          { email: 'regular@example.org', name: 'Rita Regular', url: 'https://other.example.org' },
          60,
          known,
        );
        expect(site.status).toBe('pending');
        expect(await reasonOf(site.id)).toBe('a website this commenter has not used on an approved comment');
        // The website already on an approved comment is theirs.
        const same = await later(
          { email: 'regular@example.org', name: 'Rita Regular', url: 'https://rita.example.org/' },
          60,
          known,
        );
        expect(same.status).toBe('approved');
      });
    });

    it('hold_all: holds even a commenter with approved comments', async () => {
      const first = await post({ email: 'bea@example.org' });
      await storage.db
        .updateTable('comments')
        .set({ status: 'approved' })
        .where('id', '=', first.id)
        .execute();
      await setSettings(storage.db, { mode: 'hold_all' });
      const next = await post({ email: 'bea@example.org' });
      expect(next.status).toBe('pending');
      expect((await q.selectComment(storage.db, next.id))?.moderation_reason).toBe('every comment is held');
    });

    it('approve_all: approves a newcomer and refreshes the article page', async () => {
      await setSettings(storage.db, { mode: 'approve_all' });
      const posted = await post();
      expect(posted.status).toBe('approved');
      expect(deps.changed).toEqual([posted.articleId]);
      expect(await countApproved(storage.db, posted.articleId)).toBe(1);
    });
  });

  describe('block and hold lists', () => {
    it('refuses a comment with a blocked word, naming the comment field', async () => {
      await setSettings(storage.db, { mode: 'approve_all', blockList: ['scamcoin'] });
      const error = await refusal(post({ comment: 'Buy ScamCoin today!' }));
      expect(error.status).toBe(400);
      expect(error.fields.comment).toMatch(/does not accept/);
      // Whole words only: "scamcoins" in a name is another word.
      expect((await post({ comment: 'About scamcoins in general' })).status).toBe('approved');
    });

    it('refuses a blocked address or domain in the email or website', async () => {
      await setSettings(storage.db, { mode: 'approve_all', blockList: ['spam.example'] });
      const error = await refusal(post({ email: 'x@spam.example' }));
      expect(error.fields.comment).toBeDefined();
      await refusal(post({ url: 'https://www.spam.example/offer' }));
    });

    it('blocks an IP address', async () => {
      await setSettings(storage.db, { mode: 'approve_all', blockList: [ip] });
      await refusal(post());
    });

    it('holds a comment with a word on the hold list', async () => {
      await setSettings(storage.db, { mode: 'approve_all', holdList: ['lawsuit'] });
      const posted = await post({ comment: 'This calls for a Lawsuit.' });
      expect(posted.status).toBe('pending');
      expect((await q.selectComment(storage.db, posted.id))?.moderation_reason).toBe('hold list: lawsuit');
    });
  });

  it('holds a comment with more links than the limit', async () => {
    await setSettings(storage.db, { mode: 'approve_all', linkLimit: 1 });
    expect((await post({ comment: 'One source: https://example.org/a' })).status).toBe('approved');
    const posted = await post({ comment: 'Sources: https://example.org/a and https://example.net/b' });
    expect(posted.status).toBe('pending');
    expect((await q.selectComment(storage.db, posted.id))?.moderation_reason).toBe('2 links (limit 1)');
  });

  it('sends a comment that filled the hidden field to the spam folder (kept, not dropped)', async () => {
    await setSettings(storage.db, { mode: 'approve_all' });
    const posted = await post({ honeypot: 'Great post' });
    expect(posted.status).toBe('spam');
    expect((await q.selectComment(storage.db, posted.id))?.moderation_reason).toBe('filled the hidden field');
  });

  it('sends a comment posted faster than the minimum time to spam; at the minimum it passes', async () => {
    await setSettings(storage.db, { mode: 'approve_all', minSecondsBeforePosting: 5 });
    const fast = await post({}, 2);
    expect(fast.status).toBe('spam');
    expect((await q.selectComment(storage.db, fast.id))?.moderation_reason).toBe(
      'posted 2 s after the form was shown',
    );
    expect((await post({}, 5)).status).toBe('approved');
  });

  it('scores a comment without a valid form token and with spam signs into the spam folder', async () => {
    await setSettings(storage.db, { mode: 'approve_all' });
    const posted = await post({
      token: 'forged.token',
      comment: 'CHEAP VIAGRA AND CASINO BONUS https://spam.example',
    });
    expect(posted.status).toBe('spam');
    const row = await q.selectComment(storage.db, posted.id);
    expect(row?.spam_score).toBeGreaterThanOrEqual(50);
    expect(row?.moderation_reason).toMatch(/^spam score \d+: posted without a valid form/);
  });

  it('refuses the same comment twice from one address on one article', async () => {
    await post({ email: 'dup@example.org', comment: 'Exactly this.' });
    const error = await refusal(post({ email: 'dup@example.org', comment: '  exactly   THIS. ' }));
    expect(error.status).toBe(409);
    expect(error.fields.comment).toMatch(/already posted/);
  });

  it('refuses the same comment twice whichever Unicode form it was typed in (NFC or NFD)', async () => {
    const composed = 'Café crème, São Paulo: ñ.'.normalize('NFC');
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    await post({ email: 'dup-nfd@example.org', comment: composed });
    const error = await refusal(post({ email: 'dup-nfd@example.org', comment: `  ${decomposed}\n` }));
    expect(error.status).toBe(409);
    // Copies from other addresses are counted as one text too.
    deps.clock.advance(61);
    const copy = await post({ email: 'other-nfd@example.org', comment: decomposed });
    const rows = await storage.db
      .selectFrom('comments')
      .select('body_hash')
      .where('id', '=', copy.id)
      .execute();
    expect(rows[0]!.body_hash).toBe(bodyHash(composed));
  });

  it('refuses a banned commenter by email, whatever their network', async () => {
    await storage.db
      .insertInto('comment_bans')
      .values({
        email_key: emailKey(deps.secret, 'troll@example.org'),
        ip_key: null,
        reason: '',
        created_by: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    const error = await refusal(post({ email: 'Troll@example.org' }));
    expect(error.fields.email).toMatch(/not accepted/);
  });

  describe('closing', () => {
    it('refuses comments on an article an editor closed, and accepts them again when reopened', async () => {
      const article = await post();
      await setThreadClosed(storage.db, article.articleId, true, null, new Date());
      expect((await refusal(post())).message).toMatch(/closed/);
      await setThreadClosed(storage.db, article.articleId, false, null, new Date());
      await post();
    });

    it('closes comments automatically after the set number of days; a reopened thread stays open', async () => {
      await setSettings(storage.db, { autoCloseDays: 1 });
      deps.clock.now = new Date('2026-11-21T09:59:00.000Z');
      const first = await post();
      deps.clock.now = new Date('2026-11-21T10:01:00.000Z');
      expect((await refusal(post())).status).toBe(409);
      await setThreadClosed(storage.db, first.articleId, false, null, new Date());
      await post();
    });
  });

  describe('replies', () => {
    it('threads replies and keeps them at most three levels deep', async () => {
      await setSettings(storage.db, { mode: 'approve_all' });
      let parent = await post();
      const ids = [parent.id];
      for (let i = 0; i < MAX_DEPTH + 1; i++) {
        parent = await post({ parent: String(parent.id) });
        ids.push(parent.id);
      }
      const rows = await Promise.all(ids.map((id) => q.selectComment(storage.db, id)));
      expect(rows.map((r) => r?.depth)).toEqual([0, 1, 2, 3, 3]);
      expect(rows.map((r) => r?.root_id)).toEqual([null, ids[0], ids[0], ids[0], ids[0]]);
      // The reply to the deepest comment joins the same conversation, beside it.
      expect(rows[4]?.parent_id).toBe(ids[2]);
    });

    it('refuses a reply to a comment that is not approved', async () => {
      const held = await post();
      const error = await refusal(post({ parent: String(held.id) }));
      expect(error.fields.comment).toMatch(/not there any more/);
    });
  });

  it('names every field to fix', async () => {
    const error = await refusal(post({ comment: ' ', name: '', email: 'nope', url: 'javascript:alert(1)' }));
    expect(Object.keys(error.fields).sort()).toEqual(['comment', 'email', 'name', 'url']);
  });

  it('stores the email for notifications but only keyed hashes of it and of the network, never the IP', async () => {
    const posted = await post({ email: 'Private.Person@Example.org' }, 60, { ip: '198.51.100.77' });
    const row = await q.selectComment(storage.db, posted.id);
    expect(row?.author_email).toBe('private.person@example.org');
    expect(JSON.stringify(row)).not.toContain('198.51.100');
    expect(row?.ip_key).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(row?.email_key).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  describe('an Akismet-compatible checker (a real local https stand-in)', () => {
    let standIn: AkismetStandIn;
    beforeAll(async () => {
      standIn = await startAkismetStandIn();
    });
    afterAll(async () => standIn?.close());
    // The stand-in is on loopback, which the real address policy refuses: allowed here, for this test only.
    const reachStandIn = (url: string, timeoutMs?: number) =>
      akismetChecker({
        url,
        key: 'k123',
        site: 'http://127.0.0.1:3000',
        resolve: async () => ['127.0.0.1'],
        addressPolicy: (ip) => (ip === '127.0.0.1' ? null : 'not the stand-in'),
        ca: standIn.ca,
        timeoutMs,
      });

    it('sends doubtful comments to spam on its word, and lets the rest through', async () => {
      await setSettings(storage.db, { mode: 'approve_all' });
      deps = commentDeps(storage.db, { clock: deps.clock, spamChecker: reachStandIn(standIn.url) });
      expect((await post({ comment: 'a spammy offer' })).status).toBe('spam');
      expect((await post({ comment: 'a fair point' })).status).toBe('approved');
      expect(standIn.seen.at(-1)?.form.get('api_key')).toBe('k123');
      expect(standIn.seen.at(-1)?.form.get('comment_type')).toBe('comment');
    });

    it('ignores the checker when it cannot be reached', async () => {
      await setSettings(storage.db, { mode: 'approve_all' });
      const down = reachStandIn(`https://${STANDIN_HOST}:9`, 500);
      deps = commentDeps(storage.db, { clock: deps.clock, spamChecker: down });
      expect((await post({ comment: 'a spammy offer' })).status).toBe('approved');
    });
  });

  describe.each([
    ['the database', () => undefined],
    ['Redis', () => redisRateLimitStore(REDIS_URL, `test:${randomUUID()}:`)],
  ])('rate limits counted in %s', (_name, makeStore) => {
    it('refuses one comment more than the per-network limit within a minute, and accepts it a minute later', async () => {
      const store = makeStore();
      deps = commentDeps(storage.db, { clock: deps.clock, ...(store ? { rates: store } : {}) });
      deps.clock.now = new Date('2026-11-21T12:00:05.000Z');
      const limit = deps.rateRules.perIp[0]!.max;
      for (let i = 0; i < limit; i++) await post();
      const error = await refusal(post());
      expect(error.status).toBe(429);
      expect(error.message).toMatch(/Your comment is kept; please send it again in 55 seconds/);
      deps.clock.advance(60);
      await post();
      await store?.close();
    });

    it('refuses one comment more than the per-address limit within a minute, from any network', async () => {
      const store = makeStore();
      deps = commentDeps(storage.db, { clock: deps.clock, ...(store ? { rates: store } : {}) });
      const limit = deps.rateRules.perEmail[0]!.max;
      for (let i = 0; i < limit; i++)
        await post({ email: 'busy@example.org' }, 60, { ip: `192.0.2.${i + 1}` });
      const error = await refusal(post({ email: 'busy@example.org' }, 60, { ip: '192.0.2.200' }));
      expect(error.status).toBe(429);
      await store?.close();
    });
  });

  it('uses the defaults when nothing is saved', async () => {
    await storage.db.deleteFrom('site_settings').where('key', '=', 'comments').execute();
    expect(defaultCommentSettings.mode).toBe('first_time');
    expect((await post()).status).toBe('pending');
  });
});
