import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { importFixture, postOf, postsOf, readAll, recordsOf } from '../../../test/support/source-records.js';
import { buildWxr } from '../../../test/support/wxr-builder.js';
import { writeGeneratedWxr } from '../../../test/support/wxr-generator.js';
import { SourceFileError, type SourcePost } from '../source-model.js';
import { readWxr } from './wxr-reader.js';

const fixture = (name: string) => importFixture(`wordpress/${name}`);
const read = (file: string) => readAll(readWxr, file);
const posts = postsOf;
const post = postOf;
const of = recordsOf;
const scratch = mkdtempSync(join(tmpdir(), 'wxr-reader-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function written(name: string, text: string): string {
  const file = join(scratch, name);
  writeFileSync(file, text);
  return file;
}

describe('older WXR versions', () => {
  it('reads WXR 1.0: people from the posts themselves, each category once, tags in the old domain', async () => {
    const records = await read(fixture('wxr-1.0.xml'));
    expect(records[0]).toMatchObject({
      formatVersion: '1.0',
      baseUrl: 'http://valleyvoice.example',
      language: 'en',
    });
    expect(of(records, 'person').map((p) => p.sourceId)).toEqual(['jsmith', 'admin']);
    // The person comes before the first post that names it.
    expect(records.findIndex((r) => r.kind === 'person')).toBeLessThan(
      records.findIndex((r) => r.kind === 'post'),
    );
    expect(post(records, '12')).toMatchObject({
      authorIds: ['jsmith'],
      categories: ['schools'],
      tags: ['budget'],
      publishedAt: '2010-09-13T23:05:00.000Z',
    });
    expect(post(records, '12').comments[0]).toMatchObject({
      authorUrl: 'http://',
      createdAt: '2010-09-14T00:00:00.000Z',
    });
    expect(post(records, '2')).toMatchObject({ type: 'page', commentsOpen: false });
  });

  it('reads WXR 1.1: the blog address over the network’s, authors without ids, no post formats as terms', async () => {
    const records = await read(fixture('wxr-1.1.xml'));
    expect(records[0]).toMatchObject({
      formatVersion: '1.1',
      baseUrl: 'https://harbordispatch.example/news',
    });
    expect(of(records, 'person')).toEqual([
      {
        kind: 'person',
        sourceId: 'lchen',
        aliases: ['cap-lchen'],
        slug: 'lchen',
        name: 'Li Chen',
        email: 'lchen@harbordispatch.example',
      },
    ]);
    expect(of(records, 'term').map((t) => t.slug)).toEqual(['port', 'ferries']);
    expect(post(records, '31')).toMatchObject({
      categories: ['port'],
      tags: ['ferries'],
      excerpt: 'Service rétabli après trois semaines.',
    });
  });

  it('refuses another or a missing version', async () => {
    const v2 = written('v2.xml', buildWxr({ version: '2.0' }, []));
    await expect(read(v2)).rejects.toThrow(
      new SourceFileError('WXR version 2.0 is not supported (Broadsheet reads 1.0, 1.1, 1.2)'),
    );
    const none = written('none.xml', buildWxr({}, []).replace(/\t<wp:wxr_version>.*\n/, ''));
    await expect(read(none)).rejects.toThrow(/no <wp:wxr_version>/);
  });
});

describe('bad and unusual files', () => {
  it('stops on malformed XML with its line and column', async () => {
    const error = await read(fixture('malformed.xml')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceFileError);
    expect(error).toMatchObject({ line: 43, column: 52 });
    expect((error as Error).message).toBe('Malformed XML: unexpected close tag. (line 43, column 52)');
  });

  it('stops on a file cut short, a file that is not an export, and a file that is not there', async () => {
    const whole = readFileSync(fixture('wxr-1.1.xml'), 'utf8');
    await expect(read(written('cut.xml', whole.slice(0, whole.indexOf('</item>'))))).rejects.toThrow(
      SourceFileError,
    );
    await expect(
      read(written('atom.xml', '<feed xmlns="http://www.w3.org/2005/Atom"></feed>')),
    ).rejects.toThrow(/Not a WordPress export/);
    await expect(read(written('blank.xml', ''))).rejects.toThrow(SourceFileError);
    await expect(read(join(scratch, 'nowhere.xml'))).rejects.toThrow(/Cannot read .*nowhere\.xml/);
  });

  it('reads an export of 0 items as the site and its people alone', async () => {
    const records = await read(fixture('empty.xml'));
    expect(records.map((r) => r.kind)).toEqual(['site', 'person']);
    expect(records[0]).toMatchObject({ title: 'Brand New Newsroom', language: 'en-GB' });
  });

  it('turns items missing what an import needs into problems and reads the rest', async () => {
    const records = await read(fixture('missing-fields.xml'));
    expect(posts(records).map((p) => p.title)).toEqual(['Still here']);
    expect(of(records, 'problem')).toEqual([
      {
        kind: 'problem',
        title: 'No id here',
        url: 'https://gaps.example/no-id-here/',
        message: 'the item has no wp:post_id',
      },
      {
        kind: 'problem',
        title: 'empty-item',
        url: 'https://gaps.example/empty-item/',
        message: 'the item has no title and no content',
      },
      {
        kind: 'problem',
        title: 'Unknown status',
        url: 'https://gaps.example/unknown-status/',
        message: "the item has an unknown status 'limbo'",
      },
      {
        kind: 'problem',
        title: 'Photo without a file',
        url: 'https://gaps.example/photo-without-file/',
        message: 'the attachment has no wp:attachment_url',
      },
      {
        kind: 'problem',
        title: 'No type',
        url: 'https://gaps.example/no-type/',
        message: 'the item has no wp:post_type',
      },
      {
        kind: 'problem',
        title: 'item 7',
        url: 'https://gaps.example//',
        message: 'the guest author has no cap-user_login',
      },
    ]);
  });

  it('reads a BOM, namespaces bound to other prefixes, and undeclared usual prefixes', async () => {
    const text = buildWxr({}, [{ id: 1, title: 'Prefixes', content: 'Body ]]> text' }])
      .replaceAll('wp:', 'wordpress:')
      .replace('xmlns:wordpress=', 'xmlns:wp=')
      .replace(
        'xmlns:wp="http://wordpress.org/export/1.2/"',
        'xmlns:wordpress="http://wordpress.org/export/1.2/"',
      );
    const records = await read(written('prefixes.xml', `\ufeff${text}`));
    expect(post(records, '1')).toMatchObject({ title: 'Prefixes', body: { content: 'Body ]]> text' } });
    const undeclared = buildWxr({}, [{ id: 2, title: 'Undeclared' }]).replace(/\txmlns:wp="[^"]*"\n/, '');
    expect(post(await read(written('undeclared.xml', undeclared)), '2').title).toBe('Undeclared');
  });

  it('keeps a post published behind a password unpublished, and says so', async () => {
    const file = written(
      'password.xml',
      buildWxr({}, [{ id: 9, title: 'Members only', content: 'Secret', password: 'hunter2' }]),
    );
    const records = await read(file);
    expect(post(records, '9')).toMatchObject({
      status: 'unpublished',
      publishedAt: '2024-01-01T09:00:00.000Z',
    });
    expect(of(records, 'problem')).toEqual([
      {
        kind: 'problem',
        title: 'Members only',
        url: 'https://old.example.org/item-9/',
        message: 'password-protected on WordPress: imported as unpublished, not made public',
      },
    ]);
  });

  it('keeps every hostile string of the XSS corpus exactly as written: cleaning is the import’s job, not the reader’s', async () => {
    const corpus = ['MarioXSSVectors.txt', 'RSNAKE_XSS.txt', 'XSS_Polyglots.txt'].flatMap((name) =>
      readFileSync(fileURLToPath(new URL(`../../../test/fixtures/xss/${name}`, import.meta.url)), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== ''),
    );
    const file = written(
      'hostile.xml',
      buildWxr(
        {},
        corpus.map((payload, i) => ({
          id: i + 1,
          title: payload,
          content: payload,
          excerpt: `x ${payload}`,
          terms: [['post_tag', `tag-${i}`, payload]],
          comments: [{ id: i + 1, author: payload, url: payload, content: payload }],
        })),
      ),
    );
    const read_ = posts(await read(file));
    expect(read_).toHaveLength(corpus.length);
    // XML reads every line end as \n, as WordPress's own importer would.
    const asXmlReads = (value: string) => value.replace(/\r\n?/g, '\n');
    for (const [i, payload] of corpus.entries()) {
      const item = read_[i] as SourcePost;
      expect(item.body.content).toBe(asXmlReads(payload));
      expect(item.title).toBe(asXmlReads(payload).trim());
      expect(item.excerpt).toBe(asXmlReads(`x ${payload}`).trim());
      expect(item.comments[0]).toMatchObject({
        body: asXmlReads(payload),
        authorName: asXmlReads(payload).trim(),
      });
    }
  });
});

describe('memory', () => {
  it('stays flat while a 50 MB export is read', async () => {
    const file = join(scratch, 'generated.xml');
    const { bytes, posts: written_ } = await writeGeneratedWxr(file, { posts: 17_000, attachmentEvery: 10 });
    expect(bytes).toBeGreaterThan(50e6);
    global.gc?.();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    let seen = 0;
    for await (const record of readWxr(file)) {
      if (record.kind === 'post') seen++;
      if (seen % 500 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    expect(seen).toBe(written_);
    // Kept records of 17,000 posts would take several times the file; the reader holds one item at a time.
    expect(peak - baseline).toBeLessThan(48e6);
  }, 120_000);
});
