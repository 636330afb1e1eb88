// An export of thousands of long articles keeps its memory flat: the heap in use while the archive and the
// WXR file are written grows by far less than the articles' own size, since rows are read a batch at a time
// and written as they come. (Memory, not time: how long it takes belongs in a benchmark.)
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStorage, testDatabases } from '../../test/support/databases.js';
import { LocalFileStore } from '../media/file-store.js';
import { writeExportFile } from './create-export.js';
import { streamWxr } from './wxr/write-wxr.js';

const ARTICLES = 4000;
const PARAGRAPHS = 30;
const MB = 1024 * 1024;

// Garbage waits for V8's next full collection, however long: the live heap is what a collection leaves.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
const liveHeap = () => {
  collect();
  return process.memoryUsage().heapUsed;
};

/** The most heap kept alive while `work` runs, above what was alive when it began. */
async function heapGrowth(work: () => Promise<unknown>): Promise<number> {
  const start = liveHeap();
  let peak = start;
  const sample = setInterval(() => {
    peak = Math.max(peak, liveHeap());
  }, 250);
  try {
    await work();
  } finally {
    clearInterval(sample);
  }
  return peak - start;
}

describe.each(testDatabases)('export memory on $name', (database) => {
  let storage: TestStorage;
  let dir: string;
  let contentBytes = 0;

  beforeAll(async () => {
    storage = await database.open();
    dir = await mkdtemp(join(tmpdir(), 'broadsheet-export-memory-'));
    for (let start = 0; start < ARTICLES; start += 100) {
      const rows = Array.from({ length: 100 }, (_, k) => {
        const n = start + k;
        const body = JSON.stringify({
          type: 'doc',
          content: Array.from({ length: PARAGRAPHS }, (_, p) => ({
            type: 'paragraph',
            content: [
              {
                type: 'text',
                text: `Article ${n}, paragraph ${p}: ${'lorem ipsum dolor sit amet '.repeat(36)}`,
              },
            ],
          })),
        });
        contentBytes += body.length;
        return {
          slug: `long-${n}`,
          headline: `Long story ${n}`,
          dek: 'A long one',
          body,
          status: 'published' as const,
          work_type: 'news' as const,
          published_at: '2026-11-20T10:00:00.000Z',
          created_at: '2026-11-20T10:00:00.000Z',
          modified_at: '2026-11-20T10:00:00.000Z',
        };
      });
      await storage.db.insertInto('articles').values(rows).execute();
    }
  }, 300_000);

  afterAll(async () => {
    await storage?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the archive with its heap bounded whatever the number of articles', async () => {
    expect(contentBytes).toBeGreaterThan(100 * MB);
    const file = join(dir, 'export.tar.gz');
    const growth = await heapGrowth(() =>
      writeExportFile(
        { db: storage.db, store: new LocalFileStore(join(dir, 'media')), siteAddress: 'https://x.example' },
        file,
      ),
    );
    expect((await stat(file)).size).toBeGreaterThan(0);
    expect(growth).toBeLessThan(48 * MB);
  }, 300_000);

  it('streams the WXR file with its heap bounded too', async () => {
    let bytes = 0;
    const growth = await heapGrowth(async () => {
      for await (const chunk of streamWxr({ db: storage.db, siteAddress: 'https://x.example' }))
        bytes += Buffer.byteLength(chunk as string);
    });
    expect(bytes).toBeGreaterThan(100 * MB);
    expect(growth).toBeLessThan(48 * MB);
  }, 300_000);
});
