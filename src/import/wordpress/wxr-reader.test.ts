import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWxr } from '../../../test/support/wxr-builder.js';
import { writeGeneratedWxr } from '../../../test/support/wxr-generator.js';
import {
  SourceFileError,
  type SourceMedia,
  type SourcePerson,
  type SourcePost,
  type SourceProblem,
  type SourceRecord,
  type SourceTerm,
} from '../source-model.js';
import { readWxr } from './wxr-reader.js';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../../test/fixtures/import/wordpress/${name}`, import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'wxr-reader-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function read(file: string): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  for await (const record of readWxr(file)) records.push(record);
  return records;
}

function written(name: string, text: string): string {
  const file = join(scratch, name);
  writeFileSync(file, text);
  return file;
}

const posts = (records: SourceRecord[]) => records.filter((r): r is SourcePost => r.kind === 'post');
const post = (records: SourceRecord[], id: string) => {
  const found = posts(records).find((p) => p.sourceId === id);
  if (!found) throw new Error(`no post ${id}`);
  return found;
};
const of = <K extends SourceRecord['kind']>(records: SourceRecord[], kind: K) =>
  records.filter((r) => r.kind === kind) as Array<Extract<SourceRecord, { kind: K }>>;

describe('the newsroom export (WXR 1.2)', async () => {
  const records = await read(fixture('newsroom-1.2.xml'));

  it('tells the site first, then its people and terms, before any item', () => {
    expect(records[0]).toEqual({
      kind: 'site',
      system: 'wordpress',
      title: 'The Riverside Ledger — Noticias & News',
      baseUrl: 'https://riversideledger.org',
      language: 'en-US',
      formatVersion: '1.2',
    });
    const firstItem = records.findIndex((r) => r.kind === 'media' || r.kind === 'post');
    expect(records.slice(1, firstItem).every((r) => r.kind === 'person' || r.kind === 'term')).toBe(true);
  });

  it('reads authors with their co-author alias, and the guest author by its cap- login', () => {
    const people = of(records, 'person');
    expect(people.map((p) => p.sourceId)).toEqual(['editor', 'maria', 'dkim', 'cap-amara-okafor']);
    expect(people[1]).toEqual<SourcePerson>({
      kind: 'person',
      sourceId: 'maria',
      aliases: ['cap-maria'],
      slug: 'maria',
      name: 'María José Núñez',
      email: 'maria@riversideledger.org',
    });
    // No display name: first and last name, in Hangul too.
    expect(people[2]?.name).toBe('Daniel Kim 김');
    expect(people[3]).toEqual<SourcePerson>({
      kind: 'person',
      sourceId: 'cap-amara-okafor',
      aliases: [],
      slug: 'amara-okafor',
      name: 'Amara Okafor 🌍',
      email: 'amara@freelance.example',
      bio: 'Freelance photographer covering the river towns. Habla español.',
      website: 'https://amara.example',
    });
  });

  it('reads the category tree by parent slug, tags, decoded slugs and names; menus and co-author terms are not terms', () => {
    const terms = of(records, 'term');
    expect(terms.map((t) => `${t.taxonomy}:${t.slug}<${t.parentSlug ?? ''}`)).toEqual([
      'category:news<',
      'category:culture<',
      'category:city-hall<news',
      'category:budget<city-hall',
      'category:日本語<culture',
      'tag:flooding<',
      'tag:elecciones<',
      'tag:السوق<',
    ]);
    expect(terms[1]?.name).toBe('Culture & Life');
    expect(terms[6]).toEqual<SourceTerm>({
      kind: 'term',
      taxonomy: 'tag',
      sourceId: '11',
      slug: 'elecciones',
      name: 'Elecciones 🗳️',
      description: 'Cobertura electoral',
    });
  });

  it('reads attachments with alt, caption, description and each credit plugin', () => {
    const media = of(records, 'media');
    expect(media[0]).toEqual<SourceMedia>({
      kind: 'media',
      sourceId: '100',
      url: 'https://riversideledger.org/wp-content/uploads/2024/03/river-flood.jpg',
      relativePath: '2024/03/river-flood.jpg',
      title: 'River flood at Main Street bridge',
      alt: 'Water over the Main Street bridge',
      caption: 'The river crested at 6.1 m on Tuesday.',
      credit: 'Daniel Kim',
      description: 'Looking north from the Main Street bridge, 8:40 a.m.',
      mimeType: 'image/jpeg',
      createdAt: '2024-03-12T13:55:00.000Z',
      parentId: '201',
      pageUrl: 'https://riversideledger.org/2024/03/12/river-floods-main-street/river-flood/',
    });
    expect(media.map((m) => m.credit)).toEqual([
      'Daniel Kim', // _media_credit, before the photo's own IPTC credit
      'Ana Ruiz / Riverside Ledger', // Navis, with its organisation
      'Amara Okafor', // Better Image Credits
      'Rosa Martínez', // only the IPTC credit WordPress copied into the metadata
    ]);
    expect(media[1]).toMatchObject({
      mimeType: 'image/png',
      alt: 'Council members at the dais — قاعة المجلس',
    });
  });

  it('reads a block post: co-authors, primary category first, featured image, sticky, Yoast SEO, dates', () => {
    const flood = post(records, '201');
    expect(flood).toMatchObject({
      type: 'article',
      title: 'River floods Main Street as crest hits 6.1 m',
      slug: 'river-floods-main-street',
      url: 'https://riversideledger.org/2024/03/12/river-floods-main-street/',
      status: 'published',
      publishedAt: '2024-03-12T14:30:00.000Z',
      modifiedAt: '2024-03-12T16:02:00.000Z',
      excerpt: 'The highest crest since 1997 closed the bridge and flooded the Flats.',
      authorIds: ['cap-maria', 'cap-amara-okafor'],
      categories: ['news', 'city-hall'],
      primaryCategory: 'news',
      tags: ['flooding'],
      featuredMediaId: '100',
      sticky: true,
      commentsOpen: true,
    });
    // The default title template is Broadsheet's own title and is dropped; the others are resolved.
    expect(flood.seo).toEqual({
      description: 'The Riverside crested at 6.1 m — the highest since 1997. What it means for the Flats.',
      canonical: 'https://riversideledger.org/2024/03/12/river-floods-main-street/',
      socialTitle: 'Flood: the river at 6.1 m',
      socialDescription: 'The highest crest since 1997 closed the bridge and flooded the Flats.',
      socialImageUrl: 'https://riversideledger.org/wp-content/uploads/2024/03/river-flood.jpg',
    });
    expect(flood.body.format).toBe('wordpress');
    expect(flood.body.content).toMatch(
      /^<!-- wp:paragraph -->\n<p>The Riverside crested at <strong>6\.1&nbsp;m/,
    );
    expect(flood.body.content).toContain(
      'href="https://riversideledger.org/2024/03/11/council-passes-budget/"',
    );
    expect(flood.body.content).toContain(
      '<!-- wp:embed {"url":"https://www.youtube.com/watch?v=aqz-KE-bpKQ"',
    );
    expect(flood.body.content.endsWith('<!-- /wp:html -->')).toBe(true);
  });

  it('reads threaded comments with every status; the pingback is counted, not kept', () => {
    const comments = post(records, '201').comments;
    expect(comments.map((c) => [c.sourceId, c.parentId, c.status])).toEqual([
      ['501', undefined, 'approved'],
      ['502', '501', 'approved'],
      ['503', '502', 'pending'],
      ['504', undefined, 'spam'],
      ['505', undefined, 'trash'],
      ['507', '502', 'approved'],
    ]);
    expect(comments[0]).toEqual({
      sourceId: '501',
      status: 'approved',
      authorName: 'Tom Ellis',
      authorEmail: 'tom@example.net',
      authorUrl: 'https://tom.example.net',
      authorIp: '203.0.113.7',
      createdAt: '2024-03-12T15:15:00.000Z',
      body: 'Our basement on 3rd Street is under a foot of water.\n\nIs the shelter at the school open?',
    });
    expect(comments[2]).toMatchObject({
      authorName: 'أحمد',
      body: 'شكراً على التغطية 🙏 — is the bridge open tomorrow?',
    });
    // A CDATA section split around `]]>` reads as one text.
    expect(comments[4]?.body).toBe('Deleted by a moderator: the code was <code>a[b[0]]> 1</code>');
    expect(of(records, 'problem')).toContainEqual({
      kind: 'problem',
      title: 'pingbacks and trackbacks (1)',
      message: 'left out: not reader comments',
    });
  });

  it('reads a classic post: entities in the title, split CDATA, shortcodes, Rank Math SEO with its serialized robots', () => {
    const budget = post(records, '202');
    expect(budget.title).toBe('Council passes 2024 budget & a <new> flood fund');
    expect(budget.body.content).toContain('<code>=IF(A[1]]>0,"yes","no")</code>');
    expect(budget.body.content).toContain('[caption id="attachment_101" align="alignnone" width="640"]<img');
    expect(budget.body.content).toContain('[embed]https://www.youtube.com/watch?v=aqz-KE-bpKQ[/embed]');
    expect(budget.categories).toEqual(['budget', 'city-hall']);
    expect(budget.primaryCategory).toBe('budget');
    expect(budget).toMatchObject({ featuredMediaId: '101', sticky: false, commentsOpen: false });
    expect(budget.seo).toEqual({
      title: 'Budget 2024: what passed',
      description: 'A $48 million budget with a new flood fund. Roads, parks and a flood fund.',
      canonical: 'https://riversideledger.org/budget-2024/',
      noindex: true,
      socialTitle: 'Presupuesto 2024 — ميزانية',
      socialDescription: 'Five votes to two.',
      socialImageUrl: 'https://riversideledger.org/wp-content/uploads/2024/03/council-chamber.png',
    });
  });

  it('decodes percent-encoded slugs in posts and terms alike, and dates a post without a GMT date by the site offset seen', () => {
    const market = post(records, '203');
    expect(market).toMatchObject({
      title: '市場の写真 — Market day in photos',
      slug: '市場-market-day',
      categories: ['culture', '日本語'],
      tags: ['السوق'],
      excerpt: 'السوق: a morning among the stalls ☀️',
      // 10:00 local; the items before it were at UTC−5.
      publishedAt: '2024-04-06T15:00:00.000Z',
    });
    expect(market.body.content).toContain('[gallery columns="2" link="file" ids="102,103"]');
    expect(market.comments[0]).toMatchObject({ authorName: '山田 花子', body: '素敵な写真ですね！' });
  });

  it('maps every status, keeps dates of publication only for published, scheduled and private posts', () => {
    const statuses = posts(records).map((p) => [p.sourceId, p.status, p.publishedAt ?? null]);
    expect(statuses).toEqual([
      ['201', 'published', '2024-03-12T14:30:00.000Z'],
      ['202', 'published', '2024-03-11T22:15:00.000Z'],
      ['203', 'published', '2024-04-06T15:00:00.000Z'],
      ['204', 'draft', null],
      ['205', 'draft', null],
      ['206', 'review', null],
      ['207', 'scheduled', '2030-01-15T15:00:00.000Z'],
      ['208', 'unpublished', '2024-04-01T23:00:00.000Z'],
      ['210', 'published', '2024-01-05T16:00:00.000Z'],
      ['211', 'published', '2024-01-05T16:30:00.000Z'],
    ]);
    // A draft WordPress has not named yet gets a slug from its title.
    expect(post(records, '204').slug).toBe('draft-what-the-school-board-will-decide');
  });

  it('reads pages with their SEO, and leaves the trashed post out with a problem naming it', () => {
    expect(post(records, '210')).toMatchObject({
      type: 'page',
      slug: 'about',
      url: 'https://riversideledger.org/about/',
      seo: { title: 'About the Ledger', noindex: true },
    });
    expect(post(records, '211')).toMatchObject({ type: 'page', slug: 'ethics' });
    expect(of(records, 'problem')).toContainEqual<SourceProblem>({
      kind: 'problem',
      title: 'Old rumor post',
      url: 'https://riversideledger.org/?p=209',
      message: "the item is in WordPress's trash",
    });
  });

  it('counts the kinds it leaves out into one problem each, at the end', () => {
    const problems = of(records, 'problem').map((p) => p.title);
    expect(problems).toEqual([
      'Old rumor post',
      "1 item of type 'revision'",
      "2 items of type 'nav_menu_item'",
      "1 item of type 'wp_block'",
      "1 item of type 'tribe_events'",
      "1 item of type 'custom_css'",
      'pingbacks and trackbacks (1)',
    ]);
    expect(records.slice(-6).every((r) => r.kind === 'problem')).toBe(true);
  });
});

describe('a second export of the same site', () => {
  it('shows the edited post, the approved and new comments, and the new post', async () => {
    const first = await read(fixture('newsroom-1.2.xml'));
    const second = await read(fixture('newsroom-1.2-second-export.xml'));
    expect(second[0]).toEqual(first[0]);
    const edited = post(second, '201');
    expect(edited.title).toBe('River floods Main Street as crest hits 6.2 m');
    expect(edited.modifiedAt).toBe('2024-03-13T13:00:00.000Z');
    expect(edited.comments.find((c) => c.sourceId === '503')?.status).toBe('approved');
    expect(edited.comments.at(-1)).toMatchObject({
      sourceId: '508',
      authorName: 'Lucía Peña',
      status: 'approved',
    });
    expect(post(second, '218').title).toBe('Bridge reopens two weeks early');
    expect(post(second, '202')).toEqual(post(first, '202'));
  });
});

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
