// The admin API through the whole app (inject, both databases): who a token lets in and what it lets them
// do, the editorial rules every write goes through (If-Match and the conflict rule, publish checks, history,
// announcements), media and comment moderation, the token's last use, its storage, and its rate limit.
import type { LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { addAuthor, addSection, bodyOf } from '../../test/support/content.js';
import { testDatabases } from '../../test/support/databases.js';
import { addStaff, post, signInAs } from '../../test/support/newsroom.js';
import type { StaffMember } from '../admin/guardian.js';
import { articleTag } from '../articles/cache-tags.js';
import type { ApiScope } from './scopes.js';
import { API_SCOPES } from './scopes.js';
import { createApiToken, revokeApiToken } from './tokens.js';

const SECRET = 'test-secret-test-secret-test-secret-0123';
const LIMIT = 40;

type Json = Record<string, unknown>;
const json = (response: LightMyRequestResponse) => response.json() as Json & { error: Json; article: Json };

describe.each(testDatabases)('the admin API on $name', (database) => {
  let site: TestApp;
  let now = new Date();
  let admin: StaffMember;
  let editor: StaffMember;
  let contributor: StaffMember;
  let sectionId: number;
  let authorId: number;
  const changes: string[] = [];

  async function tokenFor(staff: StaffMember, scopes: readonly ApiScope[] = API_SCOPES, name = 'Zapier') {
    const made = await createApiToken(
      site.storage.db,
      SECRET,
      admin,
      { name, scopes: [...scopes], staffId: String(staff.id), expiresAt: '' },
      now,
    );
    return made;
  }

  function api(
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    token: string | null,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    return site.app.inject({
      method,
      url: `/api/admin${url}`,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  }

  beforeAll(async () => {
    site = await buildTestApp({
      database,
      clock: () => now,
      env: { ADMIN_API_REQUESTS_PER_MINUTE: String(LIMIT) },
    });
    site.deps.events.onChange((tags) => changes.push(...tags));
    const db = site.storage.db;
    admin = await addStaff(db, 'admin', { email: 'admin@example.org', name: 'Amara Admin' });
    editor = await addStaff(db, 'editor', { email: 'editor@example.org', name: 'Eli Editor' });
    contributor = await addStaff(db, 'contributor', { email: 'cora@example.org', name: 'Cora Contributor' });
    sectionId = await addSection(db, 'world', 'World');
    authorId = await addAuthor(db, 'ana-reporter', 'Ana Reporter');
    // The contributor writes as Ana Reporter: a contributor may put only themselves on a byline.
    await db.updateTable('staff').set({ author_id: authorId }).where('id', '=', contributor.id).execute();
    contributor = { ...contributor, authorId };
  });
  afterAll(() => site.close());

  describe('who gets in', () => {
    it('refuses a request without a token, with an unknown one, and a session cookie alone (401)', async () => {
      const none = await api('GET', '/articles', null);
      expect(none.statusCode).toBe(401);
      expect(none.headers['www-authenticate']).toContain('Bearer');
      expect(json(none).error.code).toBe('UNAUTHORIZED');

      const unknown = await api('GET', '/articles', `bsat_${'A'.repeat(43)}`);
      expect(unknown.statusCode).toBe(401);
      expect(json(unknown).error.message).toMatch(/not recognised/);
      expect((await api('GET', '/articles', 'not-a-token')).statusCode).toBe(401);

      // A signed-in admin's browser: its cookie and CSRF token open /admin, never /api/admin.
      const browser = await signInAs(site.app, admin.email);
      const withCookie = await site.app.inject({
        url: '/api/admin/articles',
        headers: { cookie: browser.cookie, 'x-csrf-token': browser.csrf },
      });
      expect(withCookie.statusCode).toBe(401);
      const postWithCookie = await post(site.app, '/api/admin/articles', { headline: 'By cookie' }, browser);
      expect(postWithCookie.statusCode).toBe(401);
    });

    it('refuses a revoked token, an expired one and one whose staff member was disabled', async () => {
      const revoked = await tokenFor(editor);
      expect((await api('GET', '/articles', revoked.token)).statusCode).toBe(200);
      await revokeApiToken(site.storage.db, admin, revoked.id, now);
      const afterRevoke = await api('GET', '/articles', revoked.token);
      expect(afterRevoke.statusCode).toBe(401);
      expect(json(afterRevoke).error.message).toMatch(/revoked/);

      const tomorrow = new Date(now.getTime() + 24 * 3600_000).toISOString();
      const expiring = await createApiToken(
        site.storage.db,
        SECRET,
        admin,
        { name: 'Short-lived', scopes: ['articles:read'], staffId: String(editor.id), expiresAt: tomorrow },
        now,
      );
      expect((await api('GET', '/articles', expiring.token)).statusCode).toBe(200);
      const saved = now;
      now = new Date(now.getTime() + 2 * 24 * 3600_000);
      try {
        const expired = await api('GET', '/articles', expiring.token);
        expect(expired.statusCode).toBe(401);
        expect(json(expired).error.message).toMatch(/expired/);
      } finally {
        now = saved;
      }

      const leaving = await addStaff(site.storage.db, 'editor', { name: 'Leaving Editor' });
      const theirs = await tokenFor(leaving);
      expect((await api('GET', '/articles', theirs.token)).statusCode).toBe(200);
      await site.storage.db
        .updateTable('staff')
        .set({ disabled_at: now.toISOString() })
        .where('id', '=', leaving.id)
        .execute();
      expect((await api('GET', '/articles', theirs.token)).statusCode).toBe(401);
    });
  });

  describe('what a token may do: its scopes and its staff member’s role, both', () => {
    it('refuses a route whose scope the token lacks (403), whatever the role', async () => {
      const { token } = await tokenFor(admin, ['articles:write']);
      const created = await api('POST', '/articles', token, { headline: 'Scoped' });
      expect(created.statusCode).toBe(201);
      const id = json(created).article.id;
      const publish = await api('POST', `/articles/${id}/publish`, token);
      expect(publish.statusCode).toBe(403);
      expect(json(publish).error.message).toContain('articles:publish');
      expect((await api('GET', `/articles/${id}`, token)).statusCode).toBe(403);
      const upload = await site.app.inject({
        method: 'POST',
        url: '/api/admin/media',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(upload.statusCode).toBe(403);
    });

    it('never lets a contributor’s token publish, schedule or moderate, even with the scopes', async () => {
      const { token } = await tokenFor(contributor);
      const created = await api('POST', '/articles', token, {
        headline: 'A contributor’s story',
        sectionId,
        authorIds: [authorId],
        body: bodyOf('Complete enough to publish.'),
      });
      expect(created.statusCode).toBe(201);
      const id = json(created).article.id;
      const publish = await api('POST', `/articles/${id}/publish`, token);
      expect(publish.statusCode).toBe(403);
      expect(json(publish).error.code).toBe('FORBIDDEN');
      const schedule = await api('POST', `/articles/${id}/schedule`, token, {
        at: new Date(now.getTime() + 3600_000).toISOString(),
      });
      expect(schedule.statusCode).toBe(403);
      expect((await api('POST', '/comments/1/moderation', token, { action: 'approve' })).statusCode).toBe(
        403,
      );
      const stored = await site.storage.db
        .selectFrom('articles')
        .select('status')
        .where('id', '=', Number(id))
        .executeTakeFirstOrThrow();
      expect(stored.status).toBe('draft');
    });

    it('lists and reads for a contributor only what they created, as in the newsroom', async () => {
      const { token: editorToken } = await tokenFor(editor);
      const others = json(await api('POST', '/articles', editorToken, { headline: 'Editor’s own draft' }))
        .article.id;
      const { token } = await tokenFor(contributor);
      const list = json(await api('GET', '/articles', token)) as unknown as { items: Array<{ id: number }> };
      expect(list.items.length).toBeGreaterThan(0);
      expect(list.items.map((i) => i.id)).not.toContain(others);
      expect((await api('GET', `/articles/${others}`, token)).statusCode).toBe(403);
      const patch = await api(
        'PATCH',
        `/articles/${others}`,
        token,
        { headline: 'Taken over' },
        {
          'if-match': `"article-${others}-v1"`,
        },
      );
      expect(patch.statusCode).toBe(403);
      // Refused for who they are before being asked for a version: nothing about versions is told.
      const blind = await api('PATCH', `/articles/${others}`, token, { headline: 'Taken over' });
      expect(blind.statusCode).toBe(403);
      const everything = json(await api('GET', '/articles?status=draft', editorToken)) as unknown as {
        items: Array<{ id: number }>;
      };
      expect(everything.items.map((i) => i.id)).toContain(others);
    });
  });

  it('creates, updates with If-Match (428 without, 412 stale), publishes once the checks pass, and keeps the history', async () => {
    const { token } = await tokenFor(editor, API_SCOPES, 'Zapier');
    const created = await api('POST', '/articles', token, {
      headline: 'Harbour reopens after the storm',
      dek: 'Boats are back.',
      tags: ['Harbour', 'Weather'],
      authorIds: [authorId],
      body: bodyOf('The harbour reopened on Monday.'),
    });
    expect(created.statusCode).toBe(201);
    const article = json(created).article as Json & { fields: Json };
    const id = article.id as number;
    expect(created.headers.etag).toBe(`"article-${id}-v1"`);
    expect(created.headers.location).toBe(`/api/admin/articles/${id}`);
    expect(article.status).toBe('draft');
    expect(article.fields.slug).toBe('harbour-reopens-after-the-storm');
    expect(article.fields.tags).toEqual(['Harbour', 'Weather']);

    const blind = await api('PATCH', `/articles/${id}`, token, { dek: 'No version sent.' });
    expect(blind.statusCode).toBe(428);
    expect(json(blind).error.code).toBe('PRECONDITION_REQUIRED');

    const v1 = created.headers.etag as string;
    const updated = await api(
      'PATCH',
      `/articles/${id}`,
      token,
      { dek: 'Boats are back in port.' },
      {
        'if-match': v1,
      },
    );
    expect(updated.statusCode).toBe(200);
    expect(updated.headers.etag).toBe(`"article-${id}-v2"`);
    expect((json(updated).article as Json & { fields: Json }).fields.dek).toBe('Boats are back in port.');
    // What was not sent is kept.
    expect((json(updated).article as Json & { fields: Json }).fields.headline).toBe(
      'Harbour reopens after the storm',
    );

    const stale = await api(
      'PATCH',
      `/articles/${id}`,
      token,
      { dek: 'Based on version 1.' },
      {
        'if-match': v1,
      },
    );
    expect(stale.statusCode).toBe(412);
    const refusal = json(stale).error as Json & { current: Json & { fields: Json } };
    expect(refusal.code).toBe('PRECONDITION_FAILED');
    expect(refusal.current.version).toBe(2);
    expect(refusal.current.fields.dek).toBe('Boats are back in port.');
    expect(stale.headers.etag).toBe(`"article-${id}-v2"`);
    const foreign = await api('PATCH', `/articles/${id}`, token, { dek: 'x' }, { 'if-match': '"nonsense"' });
    expect(foreign.statusCode).toBe(412);

    // No section yet: the editor's publish checks refuse it, naming the field.
    const early = await api('POST', `/articles/${id}/publish`, token);
    expect(early.statusCode).toBe(400);
    expect(json(early).error.fields).toHaveProperty('sectionId');

    const complete = await api(
      'PATCH',
      `/articles/${id}`,
      token,
      { sectionId },
      {
        'if-match': updated.headers.etag as string,
      },
    );
    expect(complete.statusCode).toBe(200);
    changes.length = 0;
    const published = await api('POST', `/articles/${id}/publish`, token);
    expect(published.statusCode).toBe(200);
    expect(json(published).article.status).toBe('published');
    // Announced like the editor's publish, so every instance drops the pages showing it.
    expect(changes).toContain(articleTag(id));
    const page = await site.app.inject({ url: '/articles/harbour-reopens-after-the-storm' });
    expect(page.statusCode).toBe(200);

    expect((await api('POST', `/articles/${id}/publish`, token)).statusCode).toBe(400);
    const unpublished = await api('POST', `/articles/${id}/unpublish`, token);
    expect(json(unpublished).article.status).toBe('unpublished');
    const past = await api('POST', `/articles/${id}/schedule`, token, { at: '2020-01-01T00:00:00Z' });
    expect(past.statusCode).toBe(400);
    expect(json(past).error.fields).toHaveProperty('scheduledAt');
    const badTime = await api('POST', `/articles/${id}/schedule`, token, { at: 'tomorrow' });
    expect(badTime.statusCode).toBe(400);
    expect(json(badTime).error.fields).toHaveProperty('at');
    const at = new Date(now.getTime() + 86_400_000).toISOString();
    const scheduled = await api('POST', `/articles/${id}/schedule`, token, { at });
    expect(scheduled.statusCode).toBe(200);
    expect(json(scheduled).article.status).toBe('scheduled');

    // The editor's history names the token for every save and step it made.
    const browser = await signInAs(site.app, admin.email);
    const history = await site.app.inject({
      url: `/admin/articles/${id}/revisions`,
      headers: { cookie: browser.cookie },
    });
    expect(history.statusCode).toBe(200);
    const rows = history.body.match(/Eli Editor via API token ‘Zapier’/g) ?? [];
    // Three saves (versions 1–3) and three steps (published, unpublished, scheduled; the refused second publish is not one).
    expect(rows.length).toBe(3 + 3);
    expect(history.body).toContain('Published');
    expect(history.body).toContain('Unpublished');
    expect(history.body).toContain('Scheduled');
    const revisions = await site.storage.db
      .selectFrom('article_revisions')
      .select(['version', 'via', 'created_by'])
      .where('article_id', '=', id)
      .orderBy('version')
      .execute();
    expect(revisions).toEqual(
      [1, 2, 3].map((version) => ({ version, via: 'Zapier', created_by: editor.id })),
    );
  });

  it('names each wrong field of an article (400), by the editor’s own rules', async () => {
    const { token } = await tokenFor(editor);
    const wrongType = await api('POST', '/articles', token, { headline: 5, colour: 'red' });
    expect(wrongType.statusCode).toBe(400);
    expect(Object.keys(json(wrongType).error.fields as Json).sort()).toEqual(['colour', 'headline']);
    const empty = await api('POST', '/articles', token, { headline: '   ', slug: 'Not A Slug' });
    expect(empty.statusCode).toBe(400);
    expect(Object.keys(json(empty).error.fields as Json).sort()).toEqual(['headline', 'slug']);
    const badBody = await api('POST', '/articles', token, { headline: 'Body', body: { type: 'nope' } });
    expect(badBody.statusCode).toBe(400);
    expect(json(badBody).error.fields).toHaveProperty('body');
    const missingSection = await api('POST', '/articles', token, { headline: 'Where', sectionId: 999_999 });
    expect(missingSection.statusCode).toBe(400);
    expect(json(missingSection).error.fields).toHaveProperty('sectionId');
    const notJson = await api('POST', '/articles', token, [1, 2]);
    expect(notJson.statusCode).toBe(400);
    expect((await api('GET', '/articles/abc', token)).statusCode).toBe(404);
  });

  describe('media', () => {
    async function upload(token: string, fields: Record<string, string>, withFile = true) {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      if (withFile) {
        const image = await sharp({
          create: { width: 400, height: 300, channels: 3, background: '#336699' },
        })
          .jpeg()
          .toBuffer();
        form.append('file', new Blob([new Uint8Array(image)], { type: 'image/jpeg' }), 'boats.jpg');
      }
      const request = new Request('http://127.0.0.1/', { method: 'POST', body: form });
      return site.app.inject({
        method: 'POST',
        url: '/api/admin/media',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': request.headers.get('content-type')!,
        },
        payload: Buffer.from(await request.arrayBuffer()),
      });
    }

    it('refuses an image without alt text or credit (400 naming them) and adds a described one', async () => {
      const { token } = await tokenFor(contributor, ['media:write']);
      const bare = await upload(token, { caption: 'Boats', rights: 'agency' });
      expect(bare.statusCode).toBe(400);
      expect(Object.keys(json(bare).error.fields as Json)).toEqual(
        expect.arrayContaining(['altText', 'creditPerson']),
      );
      const noFile = await upload(token, { altText: 'Boats', rights: 'own' }, false);
      expect(noFile.statusCode).toBe(400);
      expect(json(noFile).error.fields).toHaveProperty('file');
      const notMultipart = await api('POST', '/media', token, { altText: 'Boats' });
      expect(notMultipart.statusCode).toBe(400);

      const added = await upload(token, {
        altText: 'Boats tied up in the harbour at dawn',
        caption: 'The fleet stays in port',
        creditPerson: 'Ana Silva',
        rights: 'own',
      });
      expect(added.statusCode).toBe(201);
      const media = (json(added) as unknown as { media: { id: number; altText: string } }).media;
      expect(media.altText).toBe('Boats tied up in the harbour at dawn');
      const row = await site.storage.db
        .selectFrom('media')
        .select(['uploaded_by', 'alt_text'])
        .where('id', '=', media.id)
        .executeTakeFirstOrThrow();
      expect(row.uploaded_by).toBe(contributor.id);
    });
  });

  describe('comments', () => {
    async function heldComment(): Promise<number> {
      const db = site.storage.db;
      const article = await db.selectFrom('articles').select('id').orderBy('id').executeTakeFirstOrThrow();
      const at = now.toISOString();
      const row = await db
        .insertInto('comments')
        .values({
          article_id: article.id,
          parent_id: null,
          root_id: null,
          depth: 0,
          status: 'pending',
          body: 'A reader’s question about the harbour.',
          author_name: 'Reader',
          author_email: 'reader@example.org',
          email_key: 'k',
          author_url: '',
          staff_id: null,
          notify_replies: 0,
          ip_key: null,
          body_hash: 'h',
          moderation_reason: null,
          spam_score: 0,
          created_at: at,
          approved_at: null,
          edited_at: null,
          status_changed_at: at,
          digest_sent_at: null,
          reply_notified_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    }

    it('approves, sends to spam and trashes a comment through the moderation rules', async () => {
      const { token } = await tokenFor(editor, ['comments:moderate']);
      const id = await heldComment();
      const status = async () =>
        (
          await site.storage.db
            .selectFrom('comments')
            .select('status')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).status;
      const approved = await api('POST', `/comments/${id}/moderation`, token, { action: 'approve' });
      expect(approved.statusCode).toBe(200);
      expect(json(approved)).toMatchObject({ comment: { id, status: 'approved' }, changed: true });
      expect(await status()).toBe('approved');
      const again = await api('POST', `/comments/${id}/moderation`, token, { action: 'approve' });
      expect(json(again)).toMatchObject({ changed: false });
      await api('POST', `/comments/${id}/moderation`, token, { action: 'spam' });
      expect(await status()).toBe('spam');
      await api('POST', `/comments/${id}/moderation`, token, { action: 'trash' });
      expect(await status()).toBe('trash');

      const wrong = await api('POST', `/comments/${id}/moderation`, token, { action: 'delete' });
      expect(wrong.statusCode).toBe(400);
      expect(json(wrong).error.fields).toHaveProperty('action');
      const missing = await api('POST', '/comments/999999/moderation', token, { action: 'approve' });
      expect(missing.statusCode).toBe(404);
    });
  });

  it('records when a token was last used, at most once a minute', async () => {
    const { id, token } = await tokenFor(editor, ['articles:read']);
    const lastUsed = async () =>
      (
        await site.storage.db
          .selectFrom('admin_api_tokens')
          .select('last_used_at')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).last_used_at;
    expect(await lastUsed()).toBeNull();
    const saved = now;
    try {
      await api('GET', '/articles', token);
      const first = await lastUsed();
      expect(Date.parse(first!)).toBe(now.getTime());
      now = new Date(saved.getTime() + 30_000);
      await api('GET', '/articles', token);
      expect(await lastUsed()).toBe(first);
      now = new Date(saved.getTime() + 61_000);
      await api('GET', '/articles', token);
      expect(Date.parse((await lastUsed())!)).toBe(now.getTime());
    } finally {
      now = saved;
    }
  });

  it('never stores a token as it was given', async () => {
    const { id, token } = await tokenFor(editor, ['articles:read'], 'Stored');
    const row = await site.storage.db
      .selectFrom('admin_api_tokens')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(token.slice(5));
    expect(row.token_hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(row.name).toBe('Stored');
  });

  it('limits the requests of one token per minute (429), not of another', async () => {
    const { token } = await tokenFor(editor, ['articles:read']);
    const other = await tokenFor(editor, ['articles:read']);
    for (let i = 0; i < LIMIT; i += 1)
      expect((await api('GET', '/articles/999999', token)).statusCode).toBe(404);
    const over = await api('GET', '/articles/999999', token);
    expect(over.statusCode).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(json(over).error.code).toBe('TOO_MANY_REQUESTS');
    expect((await api('GET', '/articles/999999', other.token)).statusCode).toBe(404);
  });
});
