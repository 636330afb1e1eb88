// The content API's static pages on both databases, written and published by an editor through the newsroom:
// the list and one page by id and by slug (body as document and as HTML), valid against the OpenAPI document
// the API serves; a draft is a 404 everywhere; an edit drops the cached answers that showed the page.
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { type ApiFixture, apiGet, seedApiContent } from '../../test/support/content-api.js';
import { testDatabases } from '../../test/support/databases.js';
import { addStaff, type Browserish, post, signInAs } from '../../test/support/newsroom.js';

type FormatsPlugin = (ajv: Ajv2020) => Ajv2020;
const addFormats: FormatsPlugin =
  (formatsModule as unknown as { default?: FormatsPlugin }).default ??
  (formatsModule as unknown as FormatsPlugin);

const doc = (...paragraphs: string[]) =>
  JSON.stringify({
    type: 'doc',
    content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
  });

describe.each(testDatabases)('the content API’s pages on $name', (database) => {
  let t: TestApp;
  let f: ApiFixture;
  let ajv: Ajv2020;
  let editor: Browserish;
  let aboutId: number;
  let draftId: number;
  const get = (path: string) => apiGet(t.app, path, f.key);
  const json = async (path: string, status = 200) => {
    const response = await get(path);
    expect(response.statusCode, `${path}: ${response.body.slice(0, 300)}`).toBe(status);
    return response.json();
  };
  const conforms = (openapiPath: string, body: unknown) => {
    const validate = ajv.getSchema(
      `doc#/paths/${openapiPath.replace(/\//g, '~1')}/get/responses/200/content/application~1json/schema`,
    );
    expect(validate, openapiPath).toBeDefined();
    const ok = validate!(body);
    expect(validate!.errors ?? [], openapiPath).toEqual([]);
    expect(ok).toBe(true);
  };

  async function createPage(fields: Record<string, string>): Promise<number> {
    const response = await post(
      t.app,
      '/admin/pages',
      { baseVersion: '0', bodyFormat: 'json', description: '', ...fields },
      editor,
    );
    expect(response.statusCode, response.body.slice(0, 400)).toBe(303);
    return Number(/\/admin\/pages\/(\d+)$/.exec(response.headers.location as string)![1]);
  }

  beforeAll(async () => {
    t = await buildTestApp({ database });
    f = await seedApiContent(t.storage.db, t.deps.events);
    editor = await signInAs(t.app, (await addStaff(t.storage.db, 'editor')).email);
    aboutId = await createPage({
      title: 'About the <Ledger>',
      slug: 'about',
      description: 'Who we are.',
      body: doc('We are a non-profit newsroom.', 'Founded in 2019.'),
    });
    expect((await post(t.app, `/admin/pages/${aboutId}/publish`, {}, editor)).statusCode).toBe(303);
    draftId = await createPage({ title: 'Secret plans', slug: 'plans', body: doc('Not yet.') });
    const openapi = await t.app.inject('/api/v1/openapi.json');
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ ...(openapi.json() as object), $id: 'doc' });
  });
  afterAll(() => t.close());

  it('lists published pages only, valid against the document', async () => {
    const body = await json('/api/v1/pages');
    conforms('/pages', body);
    expect(body.total).toBe(1);
    expect(body.pages).toBe(1);
    expect(body.items).toEqual([
      {
        id: aboutId,
        slug: 'about',
        title: 'About the <Ledger>',
        description: 'Who we are.',
        url: 'http://127.0.0.1:3000/about',
        publishedAt: expect.any(String),
        updatedAt: expect.any(String),
      },
    ]);
    expect(body.items[0].publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('gives one page whole by id and by slug: body as document and as HTML', async () => {
    const byId = await json(`/api/v1/pages/${aboutId}`);
    conforms('/pages/{id}', byId);
    expect(byId.slug).toBe('about');
    expect(byId.body.type).toBe('doc');
    expect(byId.body.content).toHaveLength(2);
    expect(byId.bodyHtml).toContain('<p>We are a non-profit newsroom.</p>');
    expect(byId.images).toEqual([]);
    const bySlug = await json('/api/v1/pages/by-slug/about');
    conforms('/pages/by-slug/{slug}', bySlug);
    expect(bySlug).toEqual(byId);
    const response = await get('/api/v1/pages/by-slug/about');
    expect(response.headers['cache-control']).toMatch(/^public, max-age=\d+, s-maxage=/);
    expect(response.headers.etag).toMatch(/^"/);
  });

  it('says 404 in the error shape for an unpublished page, an unknown id or slug, a page past the last', async () => {
    for (const path of [
      `/api/v1/pages/${draftId}`,
      '/api/v1/pages/by-slug/plans',
      '/api/v1/pages/999999',
      '/api/v1/pages/by-slug/nothing-here',
      '/api/v1/pages/0x10',
      '/api/v1/pages?page=2',
    ]) {
      const response = await get(path);
      expect(response.statusCode, path).toBe(404);
      expect(response.json().error.code, path).toBe('NOT_FOUND');
    }
  });

  it('answers an unknown parameter with 400 naming it, and refuses a request without a key', async () => {
    const bad = await json('/api/v1/pages?sort=title', 400);
    expect(bad.error.code).toBe('INVALID');
    expect(bad.error.fields).toEqual({ sort: 'is not a parameter of this endpoint' });
    expect((await apiGet(t.app, '/api/v1/pages', null)).statusCode).toBe(401);
  });

  it('drops the cached answers when the page is edited, and the list when it is unpublished', async () => {
    expect((await json(`/api/v1/pages/${aboutId}`)).title).toBe('About the <Ledger>');
    const saved = await post(
      t.app,
      `/admin/pages/${aboutId}`,
      { baseVersion: '1', title: 'About us', slug: 'about', bodyFormat: 'json', body: doc('Rewritten.') },
      editor,
    );
    expect(saved.statusCode, saved.body.slice(0, 300)).toBe(303);
    const edited = await json(`/api/v1/pages/${aboutId}`);
    expect(edited.title).toBe('About us');
    expect(edited.bodyHtml).toContain('<p>Rewritten.</p>');
    expect((await json('/api/v1/pages/by-slug/about')).title).toBe('About us');
    expect((await json('/api/v1/pages')).items[0].title).toBe('About us');

    expect((await post(t.app, `/admin/pages/${aboutId}/unpublish`, {}, editor)).statusCode).toBe(303);
    expect((await json('/api/v1/pages')).items).toEqual([]);
    await json(`/api/v1/pages/${aboutId}`, 404);
  });
});
