import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  SourceFileError,
  type SourceMedia,
  type SourcePost,
  type SourceRecord,
  type SourceTerm,
} from '../source-model.js';
import { readGhost } from './ghost-reader.js';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/import/ghost');

async function records(file: string): Promise<SourceRecord[]> {
  const all: SourceRecord[] = [];
  for await (const record of readGhost(file)) all.push(record);
  return all;
}

const posts = (all: SourceRecord[]) => all.filter((r): r is SourcePost => r.kind === 'post');
const post = (all: SourceRecord[], slug: string) => posts(all).find((p) => p.slug === slug)!;

describe('readGhost, a Ghost 5 export with Lexical bodies', async () => {
  const all = await records(join(FIXTURES, 'v5/ghost-5.json'));

  it('names the site, its address and version first', () => {
    expect(all[0]).toEqual({
      kind: 'site',
      system: 'ghost',
      title: 'Coast Times',
      baseUrl: 'https://coast.example.org',
      language: 'en',
      formatVersion: '5.82.1',
    });
  });

  it('yields every user as a person, in UTF-8, with the address in place of Ghost’s placeholder', () => {
    const people = all.filter((r) => r.kind === 'person');
    expect(people).toHaveLength(2);
    expect(people[0]).toMatchObject({
      sourceId: 'u1',
      name: 'Марія Коваль',
      slug: 'mariia',
      email: 'mariia@example.org',
      bio: 'Covers the coast.',
      website: 'https://mariia.example.org',
      avatarUrl: 'https://coast.example.org/content/images/2024/05/mariia.png',
    });
  });

  it('yields public tags as tags, each primary tag once more as a section, and leaves internal tags out with a note', () => {
    const terms = all.filter((r): r is SourceTerm => r.kind === 'term');
    expect(terms.map((t) => [t.taxonomy, t.sourceId, t.slug])).toEqual([
      ['tag', 't1', 'coast'],
      ['tag', 't2', 'ukraine'],
      ['category', 'section:t1', 'coast'],
      ['category', 'section:t2', 'ukraine'],
    ]);
    expect(terms.find((t) => t.slug === 'ukraine')?.name).toBe('Україна');
    expect(all).toContainEqual(expect.objectContaining({ kind: 'problem', title: '#hero' }));
  });

  it('yields each content/images file once, the resized copies naming the original, before the posts', () => {
    const media = all.filter((r): r is SourceMedia => r.kind === 'media');
    expect(media.map((m) => m.relativePath).sort()).toEqual([
      '2024/05/harbour.jpg',
      '2024/05/kyiv-night.png',
      '2024/05/mariia.png',
    ]);
    expect(media.find((m) => m.relativePath === '2024/05/harbour.jpg')).toMatchObject({
      sourceId: 'image:2024/05/harbour.jpg',
      url: 'https://coast.example.org/content/images/2024/05/harbour.jpg',
      mimeType: 'image/jpeg',
    });
    const firstPost = all.findIndex((r) => r.kind === 'post');
    const lastMedia = all.map((r) => r.kind).lastIndexOf('media');
    expect(lastMedia).toBeGreaterThan(0);
    expect(lastMedia).toBeLessThan(firstPost);
  });

  it('reads a published post whole: Lexical body, authors and tags in Ghost’s order, feature image, SEO, featured', () => {
    const harbour = post(all, 'harbour-reopens');
    expect(harbour).toMatchObject({
      type: 'article',
      sourceId: '665a1f0e2b1c4a0001a1b2c1',
      title: 'Harbour reopens after the storm — «ми повернулися»',
      url: 'https://coast.example.org/harbour-reopens/',
      status: 'published',
      publishedAt: '2024-05-31T06:00:00.000Z',
      modifiedAt: '2024-06-01T09:30:00.000Z',
      createdAt: '2024-05-30T08:00:00.000Z',
      excerpt: 'Fishing boats are back in the water.',
      authorIds: ['u1', 'u2'],
      tags: ['coast', 'ukraine'],
      categories: ['coast'],
      primaryCategory: 'coast',
      featuredImageUrl: 'https://coast.example.org/content/images/2024/05/harbour.jpg',
      featuredMediaId: 'image:2024/05/harbour.jpg',
      featuredImageAlt: 'Boats in the harbour',
      featuredImageCaption: 'The harbour at <b>dawn</b>',
      sticky: true,
      seo: {
        title: 'Harbour reopens | Coast Times',
        description: 'The harbour reopened on Monday after the storm.',
        socialTitle: 'Harbour reopens',
        socialDescription: 'Boats are back',
        socialImageUrl: 'https://coast.example.org/content/images/2024/05/harbour.jpg',
      },
      comments: [],
    });
    expect(harbour.body.format).toBe('lexical');
    expect(harbour.body.content).not.toContain('__GHOST_URL__');
    expect(harbour.body.content).toContain('https://coast.example.org/council-votes/');
    expect(JSON.parse(harbour.body.content).root.children[0].children[0].text).toContain('Рибалки');
  });

  it('imports a members-only post for every reader and says so', () => {
    const members = post(all, 'budget-line-by-line');
    expect(members.status).toBe('published');
    expect(all).toContainEqual(
      expect.objectContaining({
        kind: 'problem',
        title: 'Members: the budget, line by line',
        url: 'https://coast.example.org/budget-line-by-line/',
        message: expect.stringContaining('no paywall'),
      }),
    );
  });

  it('maps draft, scheduled and page', () => {
    expect(post(all, 'night-in-kyiv')).toMatchObject({
      status: 'draft',
      publishedAt: undefined,
      authorIds: ['u2'],
    });
    expect(post(all, 'tomorrows-vote')).toMatchObject({
      status: 'scheduled',
      publishedAt: '2030-01-01T09:00:00.000Z',
    });
    expect(post(all, 'about')).toMatchObject({ type: 'page', status: 'published', tags: [] });
  });

  it('carries redirects.json’s plain paths and lists its patterns', () => {
    expect(all.filter((r) => r.kind === 'redirect')).toEqual([
      { kind: 'redirect', from: '/2019/harbour/', to: '/harbour-reopens/' },
      { kind: 'redirect', from: '/old-about/', to: '/about/' },
    ]);
    expect(all).toContainEqual(
      expect.objectContaining({
        kind: 'problem',
        title: '^/tag/(.*)$',
        message: expect.stringContaining('pattern'),
      }),
    );
  });
});

describe('readGhost, older exports', () => {
  it('reads a Ghost 4 export: Mobiledoc bodies, the address found in its images, twitter fields as the social ones', async () => {
    const all = await records(join(FIXTURES, 'v4/ghost-4.json'));
    expect(all[0]).toMatchObject({
      kind: 'site',
      baseUrl: 'https://coast.example.org',
      formatVersion: '4.48.0',
    });
    const market = post(all, 'market-day');
    expect(market.body.format).toBe('mobiledoc');
    expect(market).toMatchObject({
      featuredImageAlt: 'The market',
      featuredImageCaption: 'Market day',
      sticky: false,
      seo: { description: 'Stalls return.', socialTitle: 'Market!' },
    });
    expect(market.seo.socialImageUrl).toBe('https://coast.example.org/content/images/2021/03/market.jpg');
    expect(all.filter((r) => r.kind === 'media')).toHaveLength(1);
    expect(post(all, 'untitled').title).toBe('(Untitled)');
    expect(all).toContainEqual(expect.objectContaining({ kind: 'problem', title: 'No slug here' }));
    expect(all).toContainEqual(
      expect.objectContaining({ kind: 'problem', message: expect.stringContaining('paying members') }),
    );
  });

  it('reads a Ghost 1.x export at the top level: HTML bodies, page=1 as a page, author_id, SQL and epoch times', async () => {
    const all = await records(join(FIXTURES, 'v1/ghost-1.json'));
    expect(all[0]).toMatchObject({
      kind: 'site',
      baseUrl: '',
      title: 'Coast Times (old)',
      formatVersion: '1.25.0',
    });
    expect(all[1]).toMatchObject({ kind: 'problem', message: expect.stringContaining('does not name') });
    const council = post(all, 'council-votes');
    expect(council).toMatchObject({
      type: 'article',
      url: '/council-votes/',
      body: { format: 'html' },
      authorIds: ['1'],
      publishedAt: '2017-08-01T10:00:00.000Z',
      featuredImageUrl: '/content/images/2017/08/council.jpg',
      sticky: true,
      seo: { title: 'Council vote', description: 'Seven to two.' },
    });
    expect(post(all, 'contact')).toMatchObject({ type: 'page', publishedAt: '2017-08-01T10:00:00.000Z' });
    expect(all.filter((r) => r.kind === 'media')).toEqual([
      expect.objectContaining({
        relativePath: '2017/08/council.jpg',
        url: '/content/images/2017/08/council.jpg',
      }),
    ]);
  });
});

describe('readGhost, files it cannot read', () => {
  it('stops a malformed export with its line and column, before yielding anything', async () => {
    const seen: SourceRecord[] = [];
    const reading = (async () => {
      for await (const record of readGhost(join(FIXTURES, 'malformed/ghost-broken.json'))) seen.push(record);
    })();
    await expect(reading).rejects.toThrow(SourceFileError);
    await expect(reading).rejects.toMatchObject({ line: 4, column: 37 });
    expect(seen).toEqual([]);
  });

  it('refuses JSON that is not a Ghost export', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ghost-'));
    const file = join(dir, 'other.json');
    await writeFile(file, JSON.stringify({ posts: [] }));
    await expect(records(file)).rejects.toThrow(/not a Ghost export/);
  });

  it('says an export without posts holds none', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ghost-'));
    const file = join(dir, 'empty.json');
    await writeFile(file, JSON.stringify({ db: [{ meta: { version: '5.0.0' }, data: { posts: [] } }] }));
    const all = await records(file);
    expect(all.filter((r) => r.kind === 'post')).toEqual([]);
    expect(all[0]).toMatchObject({ kind: 'site', title: 'Ghost site' });
  });
});
