// Source records built by hand for import tests: a small WordPress site (authors, categories, tags, posts
// with threaded comments of every status, a page, a sticky post), and readers that yield them (optionally
// failing after some posts, as a killed or broken run would).
import { bodyConversion } from '../../src/import/body-conversion.js';
import type { ImportDeps } from '../../src/import/import-context.js';
import type { SourcePost, SourceRecord } from '../../src/import/source-model.js';
import type { FileStore } from '../../src/media/file-store.js';
import type { ContentEvents } from '../../src/storage/content-events.js';
import type { Storage } from '../../src/storage/db.js';

export const OLD_SITE = 'https://old.example.org';

export function post(n: number, overrides: Partial<SourcePost> = {}): SourcePost {
  return {
    kind: 'post',
    type: 'article',
    sourceId: String(100 + n),
    title: `Story number ${n}`,
    slug: `story-number-${n}`,
    url: `${OLD_SITE}/2020/01/0${(n % 9) + 1}/story-number-${n}/`,
    status: 'published',
    publishedAt: `2020-01-0${(n % 9) + 1}T10:00:00.000Z`,
    excerpt: `<p>The dek of story ${n}</p>`,
    body: { format: 'html', content: `<p>First paragraph of story ${n}.</p><p>Second.</p>` },
    authorIds: ['1'],
    categories: ['news'],
    tags: ['harbour'],
    sticky: false,
    seo: { description: `About story ${n}`, title: `Story ${n} | Old site` },
    comments: [],
    ...overrides,
  };
}

export function siteRecords(posts = 3): SourceRecord[] {
  return [
    { kind: 'site', system: 'wordpress', title: 'Old site', baseUrl: OLD_SITE },
    { kind: 'person', sourceId: '1', slug: 'ana', name: 'Ana Reporter', email: 'ana@old.example.org' },
    { kind: 'person', sourceId: '2', slug: 'ben', name: 'Ben Editor', aliases: ['cap-ben'] },
    { kind: 'term', taxonomy: 'category', sourceId: '10', slug: 'news', name: 'News' },
    { kind: 'term', taxonomy: 'category', sourceId: '11', slug: 'local', name: 'Local', parentSlug: 'news' },
    { kind: 'term', taxonomy: 'tag', sourceId: '20', slug: 'harbour', name: 'Harbour' },
    ...Array.from({ length: posts }, (_, i) => post(i + 1)),
  ];
}

/** A reader over records; `failAfterPosts` throws in the second pass after that many posts (a killed run). */
export function recordsReader(records: SourceRecord[], failAfterPosts?: number) {
  let pass = 0;
  return async function* read(): AsyncIterable<SourceRecord> {
    pass++;
    let posts = 0;
    for (const record of records) {
      if (record.kind === 'post' && pass === 2 && failAfterPosts !== undefined && posts++ >= failAfterPosts) {
        throw new Error('the run was stopped');
      }
      yield record;
    }
  };
}

export function importDeps(
  storage: Pick<Storage, 'db'>,
  files: FileStore,
  events: ContentEvents,
  read: ImportDeps['readers']['wordpress'],
): ImportDeps {
  return {
    db: storage.db,
    files,
    events,
    secret: 'test-secret-test-secret-test-secret-0123',
    readers: { wordpress: read },
    fetchFile: async (url) => {
      throw new Error(`${url} is not reachable in tests`);
    },
    bodies: bodyConversion,
    clock: () => new Date('2026-01-01T00:00:00.000Z'),
  };
}
