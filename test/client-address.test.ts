// Who the client is behind a proxy, on both databases, through the whole app: the proxy at TRUST_PROXY appends
// the address it saw to X-Forwarded-For, and whatever a reader wrote before it is theirs to invent. Sign-in
// throttling, comment rate limits and comment bans must all count the address the proxy saw.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, sameOrigin, type TestApp } from './support/app.js';
import { commentFields, sendComment, setSettings, testClock } from './support/comments.js';
import { addArticle } from './support/content.js';
import { testDatabases } from './support/databases.js';
import { addStaff, PASSWORD, post, signInAs } from './support/newsroom.js';

const PROXY = '10.0.0.2';

/** The headers and socket of a request relayed by our proxy for `reader`, who wrote `invented` first. */
function viaProxy(reader: string, invented: string) {
  return { remoteAddress: PROXY, forwardedFor: `${invented}, ${reader}` };
}

let spoofCounter = 0;
const invented = () => `192.0.2.${++spoofCounter % 250}`;

for (const trust of ['10.0.0.0/8', '10.0.0.2, 10.0.0.9']) {
  describe.each(testDatabases)(`the client behind a proxy (TRUST_PROXY=${trust}) on $name`, (database) => {
    let site: TestApp;
    const clock = testClock('2026-11-21T12:00:10.000Z');
    let slug: string;
    let articleId: number;
    let staffEmail: string;

    beforeAll(async () => {
      site = await buildTestApp({ database, clock, env: { TRUST_PROXY: trust } });
      ({ email: staffEmail } = await addStaff(site.storage.db, 'editor', { now: clock.now }));
      slug = `story-${randomUUID().slice(0, 8)}`;
      articleId = await addArticle(site.storage.db, { slug, publishedAt: '2026-11-20T10:00:00.000Z' });
      await setSettings(site.storage.db, { mode: 'approve_all' });
    });
    afterAll(() => site?.close());

    const signIn = (email: string, password: string, reader: string) => {
      const { remoteAddress, forwardedFor } = viaProxy(reader, invented());
      return site.app.inject({
        method: 'POST',
        url: '/admin/sign-in',
        remoteAddress,
        headers: {
          ...sameOrigin,
          'content-type': 'application/x-www-form-urlencoded',
          'x-forwarded-for': forwardedFor,
        },
        payload: new URLSearchParams({ email, password }).toString(),
      });
    };
    const comment = (reader: string, fields: Record<string, string> = {}) => {
      const { remoteAddress, forwardedFor } = viaProxy(reader, invented());
      return sendComment(site.app, slug, commentFields(articleId, fields, clock.now), {
        ip: remoteAddress,
        headers: { 'x-forwarded-for': forwardedFor },
      });
    };

    it('throttles failed sign-ins by the address the proxy saw, whatever the reader writes before it', async () => {
      const reader = '198.51.100.7';
      for (let i = 0; i < 30; i++) {
        expect((await signIn(`nobody${i}@example.org`, 'a wrong password', reader)).statusCode).toBe(400);
      }
      const refused = await signIn(staffEmail, PASSWORD, reader);
      expect(refused.statusCode).toBe(429);
      expect(refused.body).toContain('Too many failed sign-ins from your network');
      // Someone else behind the same proxy is not held back by it.
      expect((await signIn(staffEmail, PASSWORD, '198.51.100.8')).statusCode).toBe(303);
    });

    it('keeps counting comments against the reader, however often the header changes', async () => {
      const reader = '203.0.113.50';
      for (let i = 0; i < 6; i++) expect((await comment(reader)).statusCode).toBe(303);
      const refused = await comment(reader);
      expect(refused.statusCode).toBe(429);
      expect(refused.body).toContain('please send it again in');
      expect((await comment('203.0.113.51')).statusCode).toBe(303);
    });

    it('keeps a banned reader banned under a new email and a new invented address', async () => {
      clock.advance(3600);
      const reader = '203.0.113.60';
      const first = await comment(reader, { email: `troll-${randomUUID().slice(0, 6)}@example.org` });
      expect(first.statusCode).toBe(303);
      const commentId = (
        await site.storage.db
          .selectFrom('comments')
          .select('id')
          .where('article_id', '=', articleId)
          .orderBy('id', 'desc')
          .executeTakeFirstOrThrow()
      ).id;
      const editor = await signInAs(site.app, staffEmail);
      const ban = await post(site.app, `/admin/comments/${commentId}/ban`, { reason: 'abuse' }, editor);
      expect(ban.statusCode).toBe(303);

      const again = await comment(reader, { email: `new-name-${randomUUID().slice(0, 6)}@example.org` });
      expect(again.statusCode).toBe(400);
      expect(again.body).toContain('Comments from this address are not accepted.');
      // The ban is on that reader's network, not on everyone the proxy relays.
      expect((await comment('203.0.113.61')).statusCode).toBe(303);
    });
  });
}

describe('a request that did not come through a trusted proxy', () => {
  it('is the socket’s own address: X-Forwarded-For from anyone else is ignored', async () => {
    const site = await buildTestApp({ env: { TRUST_PROXY: '10.0.0.0/8' } });
    try {
      site.app.get('/whoami', (request) => ({ ip: request.ip }));
      const direct = await site.app.inject({
        url: '/whoami',
        remoteAddress: '198.51.100.20',
        headers: { 'x-forwarded-for': '192.0.2.1' },
      });
      expect(direct.json()).toEqual({ ip: '198.51.100.20' });
      const relayed = await site.app.inject({
        url: '/whoami',
        remoteAddress: PROXY,
        headers: { 'x-forwarded-for': '192.0.2.1, 198.51.100.20, 10.0.0.9' },
      });
      expect(relayed.json()).toEqual({ ip: '198.51.100.20' });
    } finally {
      await site.close();
    }
  });
});
