// npm run bench:import: posts imported per second on SQLite without media (target ≥ 1,000/s), and the
// process's peak memory, over BENCH_IMPORT_POSTS (20,000) generated posts of some 400 words each, with two
// comments each, five authors, twenty categories and a hundred tags. The records are generated as the reader
// asks for them, in both passes, as a streaming reader yields them: nothing holds the whole export. The same
// run again measures a second import of the same file (every item skipped). BENCH_IMPORT_SOURCE=wxr imports a
// WXR file of as many posts (one comment each), written by the export generator (bench/support/generate-wxr.ts)
// in a child process so that its memory is not counted, through the real reader: the figures then include
// reading the XML.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bodyConversion } from '../src/import/body-conversion.js';
import { runImport } from '../src/import/run-import.js';
import type { SourceRecord } from '../src/import/source-model.js';
import { readWxr } from '../src/import/wordpress/wxr-reader.js';
import { LocalFileStore } from '../src/media/file-store.js';
import { localContentEvents } from '../src/storage/content-events.js';
import { openStorage } from '../src/storage/db.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import { int, print, progress } from './report.js';

const POSTS = Number(process.env.BENCH_IMPORT_POSTS ?? 20_000);
const TARGET_PER_SECOND = 1000;
const wxr = process.env.BENCH_IMPORT_SOURCE === 'wxr';
const SITE = 'https://bench.example.org';
const WORDS =
  'the council harbour budget school report said police week city minister water road plan vote'.split(' ');

function paragraph(n: number, length: number): string {
  const words: string[] = [];
  for (let i = 0; i < length; i++) words.push(WORDS[(n * 7 + i * 13) % WORDS.length]!);
  return `<p>${words.join(' ')}.</p>`;
}

async function* records(): AsyncIterable<SourceRecord> {
  yield { kind: 'site', system: 'wordpress', title: 'Bench', baseUrl: SITE };
  for (let a = 1; a <= 5; a++)
    yield { kind: 'person', sourceId: String(a), slug: `author-${a}`, name: `Author ${a}` };
  for (let c = 1; c <= 20; c++)
    yield {
      kind: 'term',
      taxonomy: 'category',
      sourceId: `c${c}`,
      slug: `section-${c}`,
      name: `Section ${c}`,
    };
  for (let t = 1; t <= 100; t++)
    yield { kind: 'term', taxonomy: 'tag', sourceId: `t${t}`, slug: `tag-${t}`, name: `Tag ${t}` };
  for (let n = 1; n <= POSTS; n++) {
    const day = String((n % 28) + 1).padStart(2, '0');
    yield {
      kind: 'post',
      type: 'article',
      sourceId: String(n),
      title: `Generated story ${n}`,
      slug: `generated-story-${n}`,
      url: `${SITE}/2021/03/${day}/generated-story-${n}/`,
      status: 'published',
      publishedAt: `2021-03-${day}T09:00:00.000Z`,
      excerpt: `A short dek for story ${n}`,
      body: { format: 'html', content: Array.from({ length: 8 }, (_, i) => paragraph(n + i, 50)).join('\n') },
      authorIds: [String((n % 5) + 1)],
      categories: [`section-${(n % 20) + 1}`],
      tags: [`tag-${(n % 100) + 1}`, `tag-${((n * 3) % 100) + 1}`],
      sticky: false,
      seo: { description: `Description ${n}` },
      comments: [
        {
          sourceId: `${n}-1`,
          status: 'approved',
          authorName: 'A reader',
          authorEmail: 'reader@example.com',
          authorUrl: '',
          authorIp: '203.0.113.1',
          createdAt: '2021-03-02T10:00:00.000Z',
          body: '<p>A comment.</p>',
        },
        {
          sourceId: `${n}-2`,
          parentId: `${n}-1`,
          status: 'approved',
          authorName: 'Another',
          authorEmail: 'other@example.com',
          authorUrl: '',
          authorIp: '203.0.113.2',
          createdAt: '2021-03-02T11:00:00.000Z',
          body: '<p>A reply.</p>',
        },
      ],
    };
  }
}

const work = mkdtempSync(join(tmpdir(), 'broadsheet-bench-import-'));
try {
  const storage = openStorage(`sqlite:${join(work, 'bench.db')}`);
  await migrateToLatest(storage.db);
  const deps = {
    db: storage.db,
    files: new LocalFileStore(join(work, 'media')),
    events: localContentEvents(),
    secret: 'bench-secret-bench-secret-bench-secret',
    readers: { wordpress: wxr ? readWxr : () => records() },
    fetchFile: async () => {
      throw new Error('no media in this benchmark');
    },
    bodies: bodyConversion,
    clock: () => new Date(),
  };
  const file = join(work, 'generated.xml');
  if (wxr) {
    const generator = join(dirname(fileURLToPath(import.meta.url)), 'support', 'generate-wxr.ts');
    const generated = spawnSync(
      process.execPath,
      ['--import', 'tsx', generator, file, '--posts', String(POSTS), '--comments', '1'],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    if (generated.status !== 0) throw new Error('the WXR generator failed');
    progress(`generated a WXR export of ${int(statSync(file).size / 1e6)} MB`);
  }
  const rssBefore = process.memoryUsage().rss / 1e6;
  const options = { system: 'wordpress' as const, file, dryRun: false };
  progress(`importing ${int(POSTS)} generated posts into SQLite (${wxr ? 'from a WXR file' : 'records'})`);
  let started = performance.now();
  const first = await runImport(deps, options, (p) => {
    if (p.phase === 'writing' && p.done % 5000 === 0) progress(`${int(p.done)} written`);
  });
  const firstSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const second = await runImport(deps, options);
  const secondSeconds = (performance.now() - started) / 1000;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  await storage.close();

  print(`\n## Import (SQLite, no media, ${wxr ? 'a generated WXR file' : 'generated records'})`);
  print(
    `posts: ${int(first.counts.articles.imported)} imported, ${int(first.counts.comments.imported)} comments, ${int(first.counts.redirects.imported)} redirects`,
  );
  print(
    `first import: ${int(POSTS / firstSeconds)} posts/s (${firstSeconds.toFixed(1)} s; target ≥ ${int(TARGET_PER_SECOND)}/s: ${POSTS / firstSeconds >= TARGET_PER_SECOND ? 'met' : 'NOT met'})`,
  );
  print(
    `same file again: ${int(POSTS / secondSeconds)} posts/s (${int(second.counts.articles.skipped)} skipped)`,
  );
  print(`peak RSS: ${int(peakMb)} MB (${int(rssBefore)} MB before the import began)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
