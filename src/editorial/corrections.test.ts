// Corrections on both databases: who may add and withdraw them, where they show, that the article's JSON-LD
// carries them as CorrectionComments and its dates move, that /corrections lists them newest first, and
// that a withdrawn one stays in the history with who withdrew it and when.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { addAuthor, addMedia, addSection } from '../../test/support/content.js';
import { testDatabases } from '../../test/support/databases.js';
import { countingEvents, fieldsFor, minutesAfter, type Newsroom, T0 } from '../../test/support/editorial.js';
import { addStaff, type Browserish, post, signInAs } from '../../test/support/newsroom.js';
import { articleTag, CORRECTIONS } from '../articles/cache-tags.js';
import { type DomainError, Forbidden, Invalid } from '../http/errors.js';
import { addCorrection, listCorrections, withdrawCorrection } from './corrections.js';
import { createArticle } from './drafts.js';
import { loadArticle } from './editable.js';
import { publishArticle } from './workflow.js';

function jsonLd(html: string): Record<string, unknown> {
  const match = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html);
  if (!match) throw new Error('no JSON-LD on the page');
  return JSON.parse(match[1]!) as Record<string, unknown>;
}

describe.each(testDatabases)('corrections on $name', (database) => {
  let site: TestApp;
  let room: Newsroom;
  let editorSession: Browserish;
  const deps = () => ({ db: site.storage.db, events: site.deps.events });

  beforeAll(async () => {
    // The newsroom's clock half an hour after the stories went out; notes added directly pick their own time.
    site = await buildTestApp({ database, clock: () => minutesAfter(T0, 30) });
    const db = site.storage.db;
    const editor = await addStaff(db, 'editor', { name: 'Eli Editor' });
    room = {
      sectionId: await addSection(db, 'world', 'World'),
      authorId: await addAuthor(db, 'ana-reporter', 'Ana Reporter'),
      secondAuthorId: await addAuthor(db, 'ben-writer', 'Ben Writer'),
      mediaId: await addMedia(db, 'kharkiv'),
      contributor: await addStaff(db, 'contributor', { name: 'Cora Contributor' }),
      otherContributor: await addStaff(db, 'contributor'),
      editor,
      admin: await addStaff(db, 'admin'),
    };
    editorSession = await signInAs(site.app, editor.email);
  });
  afterAll(() => site.close());

  async function published(slug: string) {
    const article = await createArticle(
      site.storage.db,
      room.editor,
      fieldsFor(room, { slug }),
      'manual',
      T0,
    );
    await publishArticle(deps(), room.editor, article.id, T0);
    return article.id;
  }

  it('lets only editors add notes, only to published articles, with a clear message', async () => {
    const id = await published('only-editors');
    const contributor = await addCorrection(
      deps(),
      room.contributor,
      id,
      { kind: 'correction', text: 'x' },
      T0,
    ).catch((e) => e);
    expect(contributor).toBeInstanceOf(Forbidden);
    const draft = await createArticle(site.storage.db, room.editor, fieldsFor(room), 'manual', T0);
    const onDraft = (await addCorrection(
      deps(),
      room.editor,
      draft.id,
      { kind: 'update', text: 'x' },
      T0,
    ).catch((e) => e)) as DomainError;
    expect(onDraft.message).toBe('Corrections are for published articles; change a draft directly instead.');
    const empty = (await addCorrection(deps(), room.editor, id, { kind: 'erratum', text: '  ' }, T0).catch(
      (e) => e,
    )) as DomainError;
    expect(empty).toBeInstanceOf(Invalid);
    expect(empty.fields).toEqual({
      kind: 'Choose correction, clarification or update.',
      text: 'Write the note.',
    });
    expect(await listCorrections(site.storage.db, id)).toEqual([]);
  });

  it('shows notes by their weight, carries corrections in the JSON-LD and moves the article’s dates', async () => {
    const id = await published('kharkiv-corrected');
    const before = await site.app.inject({ url: '/articles/kharkiv-corrected' });
    expect(before.statusCode).toBe(200);
    expect(jsonLd(before.body).correction).toBeUndefined();

    const added = await post(
      site.app,
      `/admin/articles/${id}/corrections`,
      { kind: 'correction', text: 'An earlier version misstated the city’s population.' },
      editorSession,
    );
    expect(added.statusCode).toBe(303);
    await addCorrection(
      deps(),
      room.editor,
      id,
      { kind: 'update', text: 'Ukraine confirmed the withdrawal.' },
      minutesAfter(T0, 60),
    );

    // The cached page was dropped when the notes were added.
    const page = await site.app.inject({ url: '/articles/kharkiv-corrected' });
    const body = page.body;
    const top = body.indexOf('An earlier version misstated');
    const bottom = body.indexOf('Ukraine confirmed the withdrawal.');
    const articleBody = body.indexOf('class="article-body"');
    expect(top).toBeGreaterThan(0);
    expect(top).toBeLessThan(articleBody);
    expect(bottom).toBeGreaterThan(articleBody);

    const ld = jsonLd(body);
    expect(ld.correction).toEqual([
      {
        '@type': 'CorrectionComment',
        text: 'An earlier version misstated the city’s population.',
        datePublished: expect.any(String),
      },
    ]);
    const article = await loadArticle(site.storage.db, id);
    expect(article.updatedAt).toBe(minutesAfter(T0, 60).toISOString());
    expect(ld.dateModified).toBe(minutesAfter(T0, 60).toISOString());
    expect(body).toContain(
      `<meta property="article:modified_time" content="${minutesAfter(T0, 60).toISOString()}"/>`,
    );
  });

  it('places a note by the weight the editor gives it, else by its kind', async () => {
    const id = await published('weighed-notes');
    const add = (fields: Record<string, string>) =>
      post(site.app, `/admin/articles/${id}/corrections`, fields, editorSession);
    expect(
      (await add({ kind: 'correction', text: 'A minor misspelling was fixed.', weight: 'minor' })).statusCode,
    ).toBe(303);
    expect(
      (await add({ kind: 'update', text: 'The ministry now confirms the figures.', weight: 'major' }))
        .statusCode,
    ).toBe(303);
    expect((await add({ kind: 'clarification', text: 'By its kind.', weight: '' })).statusCode).toBe(303);
    const refused = await add({ kind: 'correction', text: 'Weightless.', weight: 'enormous' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Choose major (at the top) or minor (at the bottom).');
    // The typed note is kept in the form.
    expect(refused.body).toContain('Weightless.');

    const history = await listCorrections(site.storage.db, id);
    expect(history.map((c) => [c.text, c.placement])).toEqual([
      ['A minor misspelling was fixed.', 'bottom'],
      ['The ministry now confirms the figures.', 'top'],
      ['By its kind.', 'top'],
    ]);
    // The page itself, not its head (the JSON-LD there carries the corrections too).
    const html = (await site.app.inject({ url: '/articles/weighed-notes' })).body;
    const body = html.slice(html.indexOf('<body'));
    const story = body.indexOf('class="article-body"');
    const at = (text: string) => body.indexOf(text);
    expect(at('The ministry now confirms the figures.')).toBeGreaterThan(0);
    expect(at('The ministry now confirms the figures.')).toBeLessThan(story);
    expect(at('By its kind.')).toBeGreaterThan(0);
    expect(at('By its kind.')).toBeLessThan(story);
    expect(at('A minor misspelling was fixed.')).toBeGreaterThan(story);
  });

  it('keeps a withdrawn note in the history, off the article, marked withdrawn on /corrections', async () => {
    const id = await published('withdrawn-note');
    const correctionId = await addCorrection(
      deps(),
      room.editor,
      id,
      { kind: 'clarification', text: 'A clarification added by mistake.' },
      minutesAfter(T0, 10),
    );
    const list = await site.app.inject({ url: '/corrections' });
    expect(list.body).toContain('A clarification added by mistake.');

    const contributorTry = await withdrawCorrection(deps(), room.contributor, correctionId, T0).catch(
      (e) => e,
    );
    expect(contributorTry).toBeInstanceOf(Forbidden);
    const withdraw = await post(
      site.app,
      `/admin/articles/${id}/corrections/${correctionId}/withdraw`,
      {},
      editorSession,
    );
    expect(withdraw.statusCode).toBe(303);
    const again = (await withdrawCorrection(deps(), room.editor, correctionId, T0).catch(
      (e) => e,
    )) as DomainError;
    expect(again.message).toBe('This note was already withdrawn.');

    const history = await listCorrections(site.storage.db, id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      kind: 'clarification',
      withdrawnBy: 'Eli Editor',
      createdBy: 'Eli Editor',
    });
    expect(history[0]!.withdrawnAt).not.toBeNull();

    const page = await site.app.inject({ url: '/articles/withdrawn-note' });
    expect(page.body).not.toContain('A clarification added by mistake.');
    expect(jsonLd(page.body).correction).toBeUndefined();
    const record = await site.app.inject({ url: '/corrections' });
    expect(record.body).toContain('<del>A clarification added by mistake.</del>');
    expect(record.body).toContain('Withdrawn');
    const admin = await site.app.inject({
      url: `/admin/articles/${id}`,
      headers: { cookie: editorSession.cookie },
    });
    expect(admin.body).toMatch(/Withdrawn [^<]* by Eli Editor/);
  });

  it('lists every note on /corrections newest first, through the page cache, without unpublished stories', async () => {
    const older = await published('older-story');
    const newer = await published('newer-story');
    await addCorrection(
      deps(),
      room.editor,
      older,
      { kind: 'correction', text: 'Older note.' },
      minutesAfter(T0, 100),
    );
    await addCorrection(
      deps(),
      room.editor,
      newer,
      { kind: 'correction', text: 'Newer note.' },
      minutesAfter(T0, 200),
    );
    const page = await site.app.inject({ url: '/corrections' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toContain('public');
    expect(page.body.indexOf('Newer note.')).toBeLessThan(page.body.indexOf('Older note.'));
    expect(page.body).toContain('href="/articles/newer-story"');
    const unpublish = await post(
      site.app,
      `/admin/articles/${newer}/unpublish`,
      { ...formOf(newer), baseVersion: '1' },
      editorSession,
    );
    expect(unpublish.statusCode).toBe(303);
    const after = await site.app.inject({ url: '/corrections' });
    expect(after.body).not.toContain('Newer note.');
    expect(after.body).toContain('Older note.');
  });

  function formOf(_id: number) {
    const f = fieldsFor(room);
    return {
      headline: f.headline,
      dek: f.dek,
      slug: 'newer-story',
      sectionId: String(room.sectionId),
      workType: 'news',
      dateline: f.dateline,
      heroMediaId: String(room.mediaId),
      tags: 'Ukraine',
      authorIds: String(room.authorId),
      bodyFormat: 'json',
      body: JSON.stringify(f.body),
    };
  }

  it('never deletes a correction: there is no route or function for it', async () => {
    const countingDeps = { db: site.storage.db, events: countingEvents() };
    const id = await published('never-deleted');
    const correctionId = await addCorrection(
      countingDeps,
      room.editor,
      id,
      { kind: 'update', text: 'Stays.' },
      T0,
    );
    expect(countingDeps.events.changes).toEqual([[articleTag(id), CORRECTIONS]]);
    for (const method of ['DELETE', 'POST'] as const) {
      const response = await site.app.inject({
        method,
        url: `/admin/articles/${id}/corrections/${correctionId}${method === 'POST' ? '/delete' : ''}`,
        headers: {
          cookie: editorSession.cookie,
          origin: 'http://127.0.0.1:3000',
          'x-csrf-token': editorSession.csrf,
        },
      });
      expect(response.statusCode).toBe(404);
    }
    expect(await listCorrections(site.storage.db, id)).toHaveLength(1);
  });
});
