// "First comment needs approval" through the whole app: a regular is known by the signed cookie their own
// browser got when it posted the comments a moderator approved, not by their email address, which an
// impostor may know.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { commentFields, sendComment, setSettings, testClock } from '../../../test/support/comments.js';
import { addArticle } from '../../../test/support/content.js';
import { COMMENTER_COOKIE } from './commenter-cookie.js';

describe('a known commenter in first_time mode', () => {
  const clock = testClock('2026-11-21T12:00:00.000Z');
  let site: TestApp;
  let slug: string;
  let articleId: number;
  let ip = 0;

  /** Posts as the form island does, a minute after the last post, with this browser's cookie if any. */
  async function postAs(fields: Record<string, string>, cookie?: string) {
    clock.advance(61);
    const response = await sendComment(site.app, slug, commentFields(articleId, fields, clock.now), {
      json: true,
      ip: `198.51.100.${++ip}`,
      headers: cookie ? { cookie: `${COMMENTER_COOKIE}=${cookie}` } : {},
    });
    const set = response.cookies.find((c) => c.name === COMMENTER_COOKIE);
    return {
      status: response.json().status as string,
      id: response.json().id as number,
      cookie: set,
      response,
    };
  }

  const rita = { email: 'rita@example.org', name: 'Rita Regular' };

  beforeAll(async () => {
    site = await buildTestApp({ clock });
    slug = `story-${randomUUID().slice(0, 8)}`;
    articleId = await addArticle(site.storage.db, { slug, publishedAt: '2026-11-20T10:00:00.000Z' });
    await setSettings(site.storage.db, { mode: 'first_time' });
  });
  afterAll(async () => site?.close());

  it('holds an impostor with the regular’s address, and publishes the regular from their browser', async () => {
    const first = await postAs(rita);
    expect(first.status).toBe('held');
    expect(first.cookie).toMatchObject({ path: '/articles', httpOnly: true, sameSite: 'Lax' });
    expect(first.cookie!.value).not.toContain('rita');
    await site.storage.db
      .updateTable('comments')
      .set({ status: 'approved' })
      .where('id', '=', first.id)
      .execute();

    const regular = await postAs(rita, first.cookie!.value);
    expect(regular.status).toBe('approved');
    expect(regular.response.statusCode).toBe(201);

    // Same address and name, links included, from another browser: held.
    const impostor = await postAs({
      ...rita,
      comment: 'Rita here: claim your prize at https://prize.example',
    });
    expect(impostor.status).toBe('held');
    const quiet = await postAs(rita);
    expect(quiet.status).toBe('held');
    // A cookie of its own making, or the regular's with other comments in it, proves nothing.
    const [ids, signature] = regular.cookie!.value.split('.');
    for (const forged of [`${first.id}.AAAA`, `${ids}-${quiet.id}.${signature}`, 'x']) {
      expect((await postAs(rita, forged)).status).toBe('held');
    }

    // The regular, from their browser, under a new name or with a link: held for a moderator too.
    const cookie = regular.cookie!.value;
    expect((await postAs({ ...rita, name: 'Site Admin' }, cookie)).status).toBe('held');
    expect((await postAs({ ...rita, comment: 'My post: https://rita.example/post' }, cookie)).status).toBe(
      'held',
    );
    expect((await postAs(rita, cookie)).status).toBe('approved');
  });
});
