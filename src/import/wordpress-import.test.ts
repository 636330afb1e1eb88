// WordPress exports end to end on both databases, read by the WXR reader: the newsroom fixture with its
// uploads folder, then its second export (what changed is updated, the rest skipped), a malformed file that
// writes nothing, and the hostile-string corpus through a WXR file and the real app: nothing of it is live
// markup on the rendered page, and the readable words are kept.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { testDatabases } from '../../test/support/databases.js';
import { importDeps } from '../../test/support/import-records.js';
import { buildWxr } from '../../test/support/wxr-builder.js';
import { runImport } from './run-import.js';
import { SourceFileError } from './source-model.js';
import { readWxr } from './wordpress/wxr-reader.js';

/**
 * The page's tags as a browser would read them (quoted attribute values are values, not attributes): event
 * handler attributes, links and sources to `javascript:`, and the scripts it holds.
 */
function liveMarkup(html: string) {
  const tags =
    html.match(/<[a-z][^\s/>]*(?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*\s*\/?>/gi) ?? [];
  const attributes = (tag: string) =>
    [...tag.matchAll(/\s([^\s=>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)].map((m) => ({
      name: m[1]!.toLowerCase(),
      value: (m[2] ?? '').replace(/^["']|["']$/g, ''),
    }));
  return {
    handlers: tags.filter((t) => attributes(t).some((a) => a.name.startsWith('on'))),
    scriptLinks: tags.filter((t) => attributes(t).some((a) => /^\s*(java|vb)script:/i.test(a.value))),
    scripts: tags.filter((t) => /^<script\b/i.test(t)).length,
  };
}

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../test/fixtures/import/wordpress/${name}`, import.meta.url));

describe.each(testDatabases)('WordPress exports imported on $name', (database) => {
  let site: TestApp;

  beforeAll(async () => {
    site = await buildTestApp({ database });
  });
  afterAll(() => site.close());

  const run = (file: string, dryRun = false) =>
    runImport(importDeps(site.storage, site.files, site.deps.events, readWxr), {
      system: 'wordpress',
      file,
      dryRun,
      uploadsDir: fixture('uploads'),
    });
  const count = async (table: 'articles' | 'media' | 'comments' | 'import_items' | 'legacy_redirects') =>
    Number(
      (
        await site.storage.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses a malformed file with its line and column, writing nothing', async () => {
    const error = await run(fixture('malformed.xml')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceFileError);
    expect((error as SourceFileError).line).toBeGreaterThan(0);
    for (const table of ['articles', 'media', 'comments', 'import_items', 'legacy_redirects'] as const) {
      expect(await count(table)).toBe(0);
    }
  });

  it('brings the newsroom across, then skips it all the second time', async () => {
    const dry = await run(fixture('newsroom-1.2.xml'), true);
    expect(await count('articles')).toBe(0);
    const first = await run(fixture('newsroom-1.2.xml'));
    expect(first.counts.articles).toEqual(dry.counts.articles);
    expect(first.counts.articles.imported).toBeGreaterThan(0);
    expect(first.counts.media.imported).toBe(4);
    expect(first.counts.comments.imported).toBeGreaterThan(0);
    expect((await site.app.inject({ url: '/?p=201' })).statusCode).toBe(301);
    const rows = {
      articles: await count('articles'),
      comments: await count('comments'),
      media: await count('media'),
    };
    const second = await run(fixture('newsroom-1.2.xml'));
    expect(second.counts.articles.imported + second.counts.articles.updated).toBe(0);
    expect({
      articles: await count('articles'),
      comments: await count('comments'),
      media: await count('media'),
    }).toEqual(rows);
  });

  it('updates what the newer export changed and skips the rest', async () => {
    const articles = await count('articles');
    const report = await run(fixture('newsroom-1.2-second-export.xml'));
    expect(report.counts.articles.updated + report.counts.articles.imported).toBeGreaterThan(0);
    expect(report.counts.articles.skipped).toBeGreaterThan(0);
    expect(await count('articles')).toBe(articles + report.counts.articles.imported);
  });

  it('renders the hostile corpus as text: no markup of it is live, its readable words kept', async () => {
    const corpus = ['MarioXSSVectors.txt', 'RSNAKE_XSS.txt', 'XSS_Polyglots.txt'].flatMap(async (name) =>
      (await readFile(fileURLToPath(new URL(`../../test/fixtures/xss/${name}`, import.meta.url)), 'utf8'))
        .split('\n')
        // Lines that would run something if they reached the page as markup (a bare `<head>` is no test).
        .filter((line) => /<[^>]*(script|\son\w+\s*=|javascript:)/i.test(line))
        .slice(0, 15),
    );
    const payloads = (await Promise.all(corpus)).flat();
    const dir = await mkdtemp(join(tmpdir(), 'hostile-'));
    const file = join(dir, 'hostile.xml');
    await writeFile(
      file,
      buildWxr(
        { link: 'https://hostile.example.org', authors: [{ id: 1, login: 'x', displayName: 'X' }] },
        payloads.map((payload, i) => ({
          id: 5000 + i,
          title: `Hostile ${i}`,
          slug: `hostile-${i}`,
          link: `https://hostile.example.org/hostile-${i}/`,
          status: 'publish',
          creator: 'x',
          date: '2024-01-01 10:00:00',
          content: `<p>Readable words ${i}</p>${payload}`,
          comments: [
            { id: 9000 + i, author: 'Commenter', content: `Kept words ${i} ${payload}`, approved: '1' },
          ],
        })),
      ),
    );
    const report = await runImport(importDeps(site.storage, site.files, site.deps.events, readWxr), {
      system: 'wordpress',
      file,
      dryRun: false,
    });
    expect(report.counts.articles.imported).toBe(payloads.length);
    const published = await site.storage.db
      .selectFrom('articles')
      .select('slug')
      .where('status', '=', 'published')
      .where('slug', 'not like', 'hostile-%')
      .executeTakeFirstOrThrow();
    const baseline = liveMarkup((await site.app.inject({ url: `/articles/${published.slug}` })).body);
    for (const [i, payload] of payloads.entries()) {
      const page = await site.app.inject({ url: `/articles/hostile-${i}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`Readable words ${i}`);
      expect(page.body).toContain(`Kept words ${i}`);
      // The payload's markup appears nowhere as markup: not as it was written, nor any event handler of it.
      expect(page.body).not.toContain(payload);
      const live = liveMarkup(page.body);
      expect(live.handlers, payload).toEqual([]);
      expect(live.scriptLinks, payload).toEqual([]);
      expect(live.scripts, payload).toEqual(baseline.scripts);
    }
  }, 120_000);
});
