import { describe, expect, it } from 'vitest';
import { importFixture, postOf, postsOf, readAll, recordsOf } from '../../../test/support/source-records.js';
import type { SourceMedia, SourcePerson, SourceProblem, SourceTerm } from '../source-model.js';
import { readWxr } from './wxr-reader.js';

const fixture = (name: string) => importFixture(`wordpress/${name}`);
const read = (file: string) => readAll(readWxr, file);
const posts = postsOf;
const post = postOf;
const of = recordsOf;

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

  it('reads authors with their user id and co-author alias, and the guest author by its cap- login', () => {
    const people = of(records, 'person');
    expect(people.map((p) => p.sourceId)).toEqual(['editor', 'maria', 'dkim', 'cap-amara-okafor']);
    expect(people[1]).toEqual<SourcePerson>({
      kind: 'person',
      sourceId: 'maria',
      userId: '2',
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
