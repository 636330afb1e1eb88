// A body nested far too deeply (a list inside a list, hundreds of times) is refused with 422 naming the limit,
// by the editor's form post and its autosave alike, with the form as typed; a body at the limit is saved.
// Through HTTP on both databases, signed in through the real form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, sameOrigin, type TestApp } from '../../test/support/app.js';
import { addAuthor, addSection } from '../../test/support/content.js';
import { testDatabases } from '../../test/support/databases.js';
import { addStaff, type Browserish, post, signInAs } from '../../test/support/newsroom.js';
import {
  deeperThan,
  MAX_DOCUMENT_DEPTH,
  parseBodyDocument,
  readStoredBody,
} from '../articles/render/document.js';
import { loadArticle } from './editable.js';

type Node = { type: string; content?: Node[]; text?: string; attrs?: object };

const paragraph = (text: string): Node => ({ type: 'paragraph', content: [{ type: 'text', text }] });

/**
 * `lists` bullet lists, each inside an item of the one before (after that item's own paragraph), the
 * innermost item holding `words`. Counting every node, those words sit 2 × lists + 2 levels deep: 15 lists
 * reach the limit of 32.
 */
function nestedLists(lists: number, words = 'The innermost point'): Node {
  let list: Node = { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(words)] }] };
  for (let level = lists - 1; level >= 1; level -= 1) {
    list = {
      type: 'bulletList',
      content: [{ type: 'listItem', content: [paragraph(`Level ${level}`), list] }],
    };
  }
  return { type: 'doc', content: [list] };
}

describe('the depth check', () => {
  it('counts every node, so that 15 nested lists are at the limit and 16 are past it', () => {
    expect(MAX_DOCUMENT_DEPTH).toBe(32);
    expect(deeperThan(nestedLists(15))).toBe(false);
    expect(deeperThan(nestedLists(16))).toBe(true);
    expect(deeperThan({ type: 'doc', content: [] })).toBe(false);
  });

  it('answers for depths that would overflow a recursive walk, without overflowing itself', () => {
    // 200,000 arrays inside arrays: JSON.parse takes it; recursion would not.
    const json = `{"type":"doc","content":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    expect(deeperThan(JSON.parse(json))).toBe(true);
    expect(() => parseBodyDocument(nestedLists(600))).toThrow(/the limit is 32 levels/);
  });

  it('reads a stored body deeper than the saving limit (saved before it existed), up to 256 levels', () => {
    const older = JSON.stringify(nestedLists(40));
    expect(readStoredBody(older)).toEqual(nestedLists(40));
    expect(() => readStoredBody(JSON.stringify(nestedLists(600)))).toThrow(/the limit is 256 levels/);
  });
});

describe.each(testDatabases)('saving a deeply nested body on $name', (database) => {
  let site: TestApp;
  let ids: { section: number; author: number };
  let editor: Browserish;
  const now = new Date();

  beforeAll(async () => {
    site = await buildTestApp({ database, clock: () => now });
    const db = site.storage.db;
    ids = {
      section: await addSection(db, 'world', 'World'),
      author: await addAuthor(db, 'ana-reporter', 'Ana Reporter'),
    };
    const staff = await addStaff(db, 'editor', { name: 'Eli Editor' });
    editor = await signInAs(site.app, staff.email);
  });
  afterAll(() => site.close());

  function fields(body: Node, overrides: Record<string, string> = {}) {
    return {
      headline: 'A list of lists',
      dek: '',
      slug: '',
      sectionId: String(ids.section),
      workType: 'news',
      dateline: '',
      heroMediaId: '',
      tags: '',
      bodyFormat: 'json',
      bodyText: 'The innermost point',
      body: JSON.stringify(body),
      authorIds: String(ids.author),
      ...overrides,
    };
  }

  async function create(): Promise<number> {
    const response = await post(site.app, '/admin/articles', fields(nestedLists(1)), editor);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(303);
    return Number(/\/admin\/articles\/(\d+)$/.exec(String(response.headers.location))![1]);
  }

  const autosave = (id: number | null, body: Node, baseVersion = '1') =>
    site.app.inject({
      method: 'POST',
      url: id === null ? '/admin/articles' : `/admin/articles/${id}`,
      headers: {
        ...sameOrigin,
        cookie: editor.cookie,
        accept: 'application/json',
        'x-csrf-token': editor.csrf,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({ ...fields(body), baseVersion, autosave: '1' }).toString(),
    });

  it('refuses 600 nested lists from the editor’s form with 422 naming the limit, keeping the form as typed', async () => {
    const id = await create();
    const deep = nestedLists(600, 'Typed at the bottom <of> it all');
    const response = await post(
      site.app,
      `/admin/articles/${id}`,
      { ...fields(deep, { headline: 'Kept <headline>' }), baseVersion: '1' },
      editor,
    );
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toMatch(
      /id="f-body-error">The body is nested more than 32 levels deep[^<]*the limit is 32 levels/,
    );
    expect(response.body).toContain('value="Kept &lt;headline>"');
    // The document itself comes back in the form, for the editor to load again.
    expect(response.body).toContain('Typed at the bottom &lt;of> it all');
    const stored = await loadArticle(site.storage.db, id);
    expect(stored.version).toBe(1);
    expect(stored.fields.headline).toBe('A list of lists');
  });

  it('refuses it from the autosave with JSON 422 naming the limit, for a new article and an existing one', async () => {
    const id = await create();
    for (const target of [id, null]) {
      const response = await autosave(target, nestedLists(600));
      expect(response.statusCode).toBe(422);
      expect(response.headers['content-type']).toContain('application/json');
      const { error } = response.json() as { error: { code: string; fields: Record<string, string> } };
      expect(error.code).toBe('DOCUMENT_TOO_DEEP');
      expect(error.fields.body).toContain('the limit is 32 levels');
    }
    expect((await loadArticle(site.storage.db, id)).version).toBe(1);
  });

  it('saves a body at the limit, by form and by autosave; one level past it is refused', async () => {
    const id = await create();
    const atLimit = nestedLists(15);
    const saved = await post(
      site.app,
      `/admin/articles/${id}`,
      { ...fields(atLimit), baseVersion: '1' },
      editor,
    );
    expect(saved.statusCode, saved.body.slice(0, 300)).toBe(303);
    const stored = await loadArticle(site.storage.db, id);
    expect(stored.version).toBe(2);
    expect(stored.fields.body).toEqual(atLimit);

    const past = await autosave(id, nestedLists(16), '2');
    expect(past.statusCode).toBe(422);
    const again = await autosave(id, nestedLists(15, 'Changed at the limit'), '2');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ version: 3, saved: true });
  });
});
