// While an editor reviews it, a contributor's article is theirs to read, not to change; and a contributor
// puts only themselves on a byline. Both through the editor's form, its autosave and the admin API, on both
// databases: each refusal is clear, keeps what was typed, and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_ORIGIN, type TestApp } from '../../test/support/app.js';
import { testDatabases } from '../../test/support/databases.js';
import { fieldsFor, type Newsroom, newsroom } from '../../test/support/editorial.js';
import { type Browserish, post, signInAs } from '../../test/support/newsroom.js';
import { createApiToken } from '../admin-api/tokens.js';
import { readSiteSettings } from '../site/settings.js';
import { formOf } from './article-form.js';
import { createArticle, saveArticle } from './drafts.js';
import { IN_REVIEW_MESSAGE, loadArticle } from './editable.js';
import { submitForReview } from './workflow.js';

const SECRET = 'test-secret-test-secret-test-secret-0123';

describe.each(testDatabases)('review rules on $name', (database) => {
  let site: TestApp;
  let room: Newsroom;
  let token: string;
  const as = {} as Record<'contributor' | 'editor', Browserish>;

  beforeAll(async () => {
    site = await buildTestApp({ database });
    room = await newsroom(site.storage.db);
    as.contributor = await signInAs(site.app, room.contributor.email);
    as.editor = await signInAs(site.app, room.editor.email);
    const made = await createApiToken(
      site.storage.db,
      SECRET,
      room.admin,
      {
        name: 'Script',
        scopes: ['articles:read', 'articles:write'],
        staffId: String(room.contributor.id),
        expiresAt: '',
      },
      new Date(),
    );
    token = made.token;
  });
  afterAll(() => site.close());

  const deps = () => ({ db: site.storage.db, events: site.deps.events });
  const get = (url: string, who: Browserish) => site.app.inject({ url, headers: { cookie: who.cookie } });
  const api = (method: 'POST' | 'PATCH', url: string, body: unknown, headers: Record<string, string> = {}) =>
    site.app.inject({
      method,
      url: `/api/admin${url}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      payload: JSON.stringify(body),
    });

  async function draft(headline: string) {
    return (
      await createArticle(
        site.storage.db,
        room.contributor,
        fieldsFor(room, { headline }),
        'manual',
        new Date(),
      )
    ).id;
  }
  async function formFor(id: number, extra: Record<string, string> = {}) {
    const article = await loadArticle(site.storage.db, id);
    const form = formOf(article.fields);
    return { ...form, authorIds: form.authorIds[0] ?? '', baseVersion: String(article.version), ...extra };
  }

  it('shows a submitted article read-only to its writer, saying when and how to edit it again', async () => {
    const id = await draft('Read-only while in review');
    await submitForReview(deps(), room.contributor, id, new Date());
    const page = await get(`/admin/articles/${id}`, as.contributor);
    expect(page.statusCode).toBe(200);
    const { timeZone } = await readSiteSettings(site.storage.db);
    expect(page.body).toMatch(
      new RegExp(`Submitted for review on [^<]+\\(${timeZone.replace('/', '\\/')}\\)`),
    );
    expect(page.body).toContain('you can edit it again if an editor returns it to you');
    expect(page.body).toMatch(/<fieldset class="editor-fields" disabled/);
    expect(page.body).not.toContain('/assets/editor.js');
    expect(page.body).not.toMatch(/\/assets\/editor\.[0-9a-f]+\.js/);
    expect(page.body).not.toContain('Return to writer');
    // Its writer may take it back: a form of its own, as the article form sends nothing while disabled.
    expect(page.body).toContain('name="withdraw"');
    // The editor sees it to edit, with the way to return it.
    const editors = await get(`/admin/articles/${id}`, as.editor);
    expect(editors.body).not.toMatch(/<fieldset class="editor-fields" disabled/);
    expect(editors.body).toContain('Return to writer');
  });

  it('refuses the writer’s saves while in review (form, autosave, admin API), keeping what they typed', async () => {
    const id = await draft('Frozen in review');
    await submitForReview(deps(), room.contributor, id, new Date());
    const before = await loadArticle(site.storage.db, id);
    const form = await post(
      site.app,
      `/admin/articles/${id}`,
      await formFor(id, { headline: 'Typed after submitting' }),
      as.contributor,
    );
    expect(form.statusCode).toBe(403);
    expect(form.body).toContain('value="Typed after submitting"');
    expect(form.body).toContain('submitted for review, so it cannot be changed');
    const autosave = await site.app.inject({
      method: 'POST',
      url: `/admin/articles/${id}`,
      headers: {
        origin: TEST_ORIGIN,
        cookie: as.contributor.cookie,
        'x-csrf-token': as.contributor.csrf,
        accept: 'application/json',
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({
        ...(await formFor(id, { headline: 'Autosaved' })),
        autosave: '1',
      }).toString(),
    });
    expect(autosave.statusCode).toBe(403);
    expect(autosave.json().error.message).toBe(IN_REVIEW_MESSAGE);
    const patch = await api(
      'PATCH',
      `/articles/${id}`,
      { headline: 'Through the API' },
      { 'if-match': `"article-${id}-v${before.version}"` },
    );
    expect(patch.statusCode).toBe(403);
    expect(patch.json().error.message).toBe(IN_REVIEW_MESSAGE);
    const after = await loadArticle(site.storage.db, id);
    expect([after.status, after.version, after.fields.headline]).toEqual([
      'review',
      before.version,
      'Frozen in review',
    ]);

    // An editor still edits it; the writer takes it back and edits it again.
    const byEditor = await post(
      site.app,
      `/admin/articles/${id}`,
      await formFor(id, { headline: 'Edited by the editor' }),
      as.editor,
    );
    expect(byEditor.statusCode).toBe(303);
    const withdraw = await post(site.app, `/admin/articles/${id}/draft`, { withdraw: '1' }, as.contributor);
    expect(withdraw.statusCode).toBe(303);
    const again = await post(
      site.app,
      `/admin/articles/${id}`,
      await formFor(id, { headline: 'Mine again' }),
      as.contributor,
    );
    expect(again.statusCode).toBe(303);
    expect((await loadArticle(site.storage.db, id)).fields.headline).toBe('Mine again');
  });

  it('lets a contributor byline only themselves, in the form, its picker and the admin API', async () => {
    const picker = await get('/admin/articles/new', as.contributor);
    expect(picker.body).toContain('Ana Reporter');
    expect(picker.body).not.toContain('Ben Writer');
    const othersByline = {
      ...(await formFor(await draft('A byline of my own'))),
      slug: '',
      headline: 'Bylined to Ben',
      authorIds: String(room.secondAuthorId),
    };
    const created = await post(site.app, '/admin/articles', othersByline, as.contributor);
    expect(created.statusCode).toBe(400);
    expect(created.body).toContain('Choose only yourself as the author');
    expect(created.body).toContain('value="Bylined to Ben"');

    const id = await draft('Someone else on my byline');
    const saved = await post(
      site.app,
      `/admin/articles/${id}`,
      await formFor(id, { authorIds: String(room.secondAuthorId) }),
      as.contributor,
    );
    expect(saved.statusCode).toBe(400);
    expect(saved.body).toContain('Choose only yourself as the author');
    expect((await loadArticle(site.storage.db, id)).fields.authorIds).toEqual([room.authorId]);

    const viaApi = await api('POST', '/articles', {
      headline: 'API byline',
      authorIds: [room.secondAuthorId],
    });
    expect(viaApi.statusCode).toBe(400);
    expect(viaApi.json().error.fields.authorIds).toBe(
      'Choose only yourself as the author; an editor can add co-authors.',
    );
    const stored = await loadArticle(site.storage.db, id);
    const patch = await api(
      'PATCH',
      `/articles/${id}`,
      { authorIds: [room.authorId, room.secondAuthorId] },
      { 'if-match': `"article-${id}-v${stored.version}"` },
    );
    expect(patch.statusCode).toBe(400);
    expect((await loadArticle(site.storage.db, id)).fields.authorIds).toEqual([room.authorId]);
    expect(
      (await api('POST', '/articles', { headline: 'API byline of my own', authorIds: [room.authorId] }))
        .statusCode,
    ).toBe(201);
  });

  it('keeps a co-author an editor added when the contributor saves, and offers them in the picker', async () => {
    const id = await draft('Co-written');
    const current = await loadArticle(site.storage.db, id);
    await saveArticle(
      deps(),
      room.editor,
      id,
      { ...current.fields, authorIds: [room.authorId, room.secondAuthorId] },
      { baseVersion: current.version, kind: 'manual', now: new Date() },
    );
    const page = await get(`/admin/articles/${id}`, as.contributor);
    expect(page.body).toContain('Ben Writer');
    const fields = { ...(await formFor(id)), dek: 'Saved by the contributor.' };
    const body = `${new URLSearchParams({ _csrf: as.contributor.csrf, ...fields })}&authorIds=${room.secondAuthorId}`;
    const saved = await site.app.inject({
      method: 'POST',
      url: `/admin/articles/${id}`,
      headers: {
        origin: TEST_ORIGIN,
        cookie: as.contributor.cookie,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: body,
    });
    expect(saved.statusCode).toBe(303);
    const after = await loadArticle(site.storage.db, id);
    expect([after.fields.dek, after.fields.authorIds]).toEqual([
      'Saved by the contributor.',
      [room.authorId, room.secondAuthorId],
    ]);
  });
});
