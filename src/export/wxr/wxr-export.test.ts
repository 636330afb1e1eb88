// The WordPress export read back by a strict XML parser (saxes) and checked against what WordPress's importer
// (the wordpress-importer plugin) reads: the channel's elements, every item's elements in export_wp()'s order,
// unique post ids, featured images and block images naming attachments that exist, well-formed postmeta,
// categories and threaded comments; UTF-8 and `]]>` in bodies come through whole.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedNewsroom } from '../../../test/support/backup-contents.js';
import { type TestStorage, testDatabases } from '../../../test/support/databases.js';
import { seedExportExtras, UTF8 } from '../../../test/support/export-contents.js';
import { LocalFileStore } from '../../media/file-store.js';
import { streamWxr } from './write-wxr.js';
import { cdata } from './xml.js';

interface Node {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
}

function parse(xml: string): Node {
  const parser = new SaxesParser({ xmlns: true });
  const root: Node = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [root];
  parser.on('opentag', (tag) => {
    const node: Node = {
      name: tag.name,
      attrs: Object.fromEntries(Object.values(tag.attributes).map((a) => [a.name, a.value])),
      children: [],
      text: '',
    };
    stack.at(-1)!.children.push(node);
    stack.push(node);
  });
  parser.on('text', (t) => {
    stack.at(-1)!.text += t;
  });
  parser.on('cdata', (t) => {
    stack.at(-1)!.text += t;
  });
  parser.on('closetag', () => stack.pop());
  parser.write(xml).close();
  return root.children[0]!;
}

const child = (n: Node, name: string) => n.children.find((c) => c.name === name);
const text = (n: Node, name: string) => child(n, name)?.text ?? '';

// export_wp()'s order for every item.
const ITEM_ORDER = [
  'title',
  'link',
  'pubDate',
  'dc:creator',
  'guid',
  'description',
  'content:encoded',
  'excerpt:encoded',
  'wp:post_id',
  'wp:post_date',
  'wp:post_date_gmt',
  'wp:post_modified',
  'wp:post_modified_gmt',
  'wp:comment_status',
  'wp:ping_status',
  'wp:post_name',
  'wp:status',
  'wp:post_parent',
  'wp:menu_order',
  'wp:post_type',
  'wp:post_password',
  'wp:is_sticky',
];

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let out = '';
  for await (const chunk of stream) out += String(chunk);
  return out;
}

it('splits ]]> across CDATA sections as WordPress does and drops characters XML forbids', () => {
  expect(cdata('a]]>b\u0001')).toBe('<![CDATA[a]]]]><![CDATA[>b]]>');
  expect(parse(`<x>${cdata('a]]>b')}</x>`).text).toBe('a]]>b');
});

describe.each(testDatabases)('WXR export on $name', (database) => {
  let storage: TestStorage;
  let dir: string;
  let rss: Node;
  let xml: string;

  beforeAll(async () => {
    storage = await database.open();
    dir = await mkdtemp(join(tmpdir(), 'broadsheet-wxr-'));
    await seedNewsroom(storage.db, new LocalFileStore(dir), 3);
    await seedExportExtras(storage.db, new LocalFileStore(dir));
    xml = await readAll(streamWxr({ db: storage.db, siteAddress: 'https://news.example.org' }));
    rss = parse(xml);
  }, 120_000);
  afterAll(async () => {
    await storage?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('is an RSS 2.0 document with the WXR 1.2 namespaces and channel', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8" ?>')).toBe(true);
    expect(rss.name).toBe('rss');
    expect(rss.attrs).toMatchObject({
      version: '2.0',
      'xmlns:excerpt': 'http://wordpress.org/export/1.2/excerpt/',
      'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
      'xmlns:wfw': 'http://wellformedweb.org/CommentAPI/',
      'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
      'xmlns:wp': 'http://wordpress.org/export/1.2/',
    });
    const channel = child(rss, 'channel')!;
    expect(channel.children.slice(0, 8).map((c) => c.name)).toEqual([
      'title',
      'link',
      'description',
      'pubDate',
      'language',
      'wp:wxr_version',
      'wp:base_site_url',
      'wp:base_blog_url',
    ]);
    expect(text(channel, 'wp:wxr_version')).toBe('1.2');
    expect(text(channel, 'pubDate')).toMatch(/^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0000$/);
    const authors = channel.children.filter((c) => c.name === 'wp:author');
    expect(authors.length).toBeGreaterThan(1);
    for (const a of authors)
      expect(a.children.map((c) => c.name)).toEqual([
        'wp:author_id',
        'wp:author_login',
        'wp:author_email',
        'wp:author_display_name',
        'wp:author_first_name',
        'wp:author_last_name',
      ]);
    const categories = channel.children.filter((c) => c.name === 'wp:category');
    expect(categories.length).toBeGreaterThan(1);
    for (const c of categories) {
      expect(c.children.map((x) => x.name)).toEqual([
        'wp:term_id',
        'wp:category_nicename',
        'wp:category_parent',
        'wp:cat_name',
        'wp:category_description',
      ]);
      expect(text(c, 'wp:category_nicename')).not.toBe('');
    }
    const terms = [...categories, ...channel.children.filter((c) => c.name === 'wp:tag')].map((c) =>
      text(c, 'wp:term_id'),
    );
    expect(new Set(terms).size).toBe(terms.length);
  });

  it('writes every item as export_wp() does, with ids, images, terms, meta and comments that hold together', () => {
    const channel = child(rss, 'channel')!;
    const items = channel.children.filter((c) => c.name === 'item');
    const ids = items.map((i) => text(i, 'wp:post_id'));
    expect(new Set(ids).size).toBe(ids.length);
    const attachments = new Map(
      items
        .filter((i) => text(i, 'wp:post_type') === 'attachment')
        .map((i) => [text(i, 'wp:post_id'), text(i, 'wp:attachment_url')]),
    );
    expect(attachments.size).toBeGreaterThan(3);
    const nicenames = new Set(
      channel.children.filter((c) => c.name === 'wp:category').map((c) => text(c, 'wp:category_nicename')),
    );
    for (const item of items) {
      expect(item.children.slice(0, ITEM_ORDER.length).map((c) => c.name)).toEqual(ITEM_ORDER);
      expect(child(item, 'guid')!.attrs.isPermaLink).toBe('false');
      expect(text(item, 'wp:post_date_gmt')).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      for (const meta of item.children.filter((c) => c.name === 'wp:postmeta')) {
        expect(meta.children.map((c) => c.name)).toEqual(['wp:meta_key', 'wp:meta_value']);
        if (text(meta, 'wp:meta_key') === '_thumbnail_id')
          expect(attachments.has(text(meta, 'wp:meta_value'))).toBe(true);
      }
      for (const category of item.children.filter((c) => c.name === 'category')) {
        expect(['category', 'post_tag', 'author']).toContain(category.attrs.domain);
        expect(category.attrs.nicename).toBeTruthy();
        if (category.attrs.domain === 'category') expect(nicenames.has(category.attrs.nicename!)).toBe(true);
      }
      const comments = item.children.filter((c) => c.name === 'wp:comment');
      const commentIds = new Set(comments.map((c) => text(c, 'wp:comment_id')));
      for (const c of comments) {
        expect(['1', '0', 'trash']).toContain(text(c, 'wp:comment_approved'));
        const parent = text(c, 'wp:comment_parent');
        expect(parent === '0' || commentIds.has(parent)).toBe(true);
      }
      for (const [, id] of text(item, 'content:encoded').matchAll(/<!-- wp:image \{"id":(\d+)/g)) {
        expect(attachments.has(id!)).toBe(true);
        expect(text(item, 'content:encoded')).toContain(`src="${attachments.get(id!)}"`);
      }
    }
    const story = items.find((i) => text(i, 'wp:post_name') === 'everything-story')!;
    expect(text(story, 'title')).toBe(`Everything ${UTF8}`);
    const body = text(story, 'content:encoded');
    expect(body).toContain('CDATA end ]]&gt; inside Ünïcödé — 日本語');
    expect(body).toContain(
      '<!-- wp:paragraph -->\n<p><strong>Bold </strong><a href="https://example.org/a?b=1&amp;c=2">a link</a><br>',
    );
    expect(body).toContain('<!-- wp:list {"ordered":true} -->');
    expect(body).toContain('<!-- wp:pullquote -->');
    expect(text(story, 'excerpt:encoded')).toBe(`Dek ${UTF8}`);
    const meta = Object.fromEntries(
      story.children
        .filter((c) => c.name === 'wp:postmeta')
        .map((m) => [text(m, 'wp:meta_key'), text(m, 'wp:meta_value')]),
    );
    expect(meta).toMatchObject({
      _yoast_wpseo_title: `SEO ${UTF8}`,
      _yoast_wpseo_metadesc: `Meta ${UTF8}`,
      '_yoast_wpseo_meta-robots-noindex': '1',
    });
    expect(text(story, 'wp:comment_status')).toBe('closed');
    // WordPress's own export leaves spam out; an erased comment has nothing to move.
    const statuses = story.children
      .filter((c) => c.name === 'wp:comment')
      .map((c) => text(c, 'wp:comment_approved'));
    expect(statuses.sort()).toEqual(['0', '1', 'trash']);
    const hero = items.find((i) => text(i, 'wp:post_id') === meta._thumbnail_id)!;
    const heroMeta = Object.fromEntries(
      hero.children
        .filter((c) => c.name === 'wp:postmeta')
        .map((m) => [text(m, 'wp:meta_key'), text(m, 'wp:meta_value')]),
    );
    expect(heroMeta._wp_attachment_image_alt).toBe(`The harbour at dawn ${UTF8}`);
    expect(heroMeta._wp_attached_file).toMatch(/original\.jpe?g$/);
    expect(text(hero, 'excerpt:encoded')).toBe(`Caption ${UTF8}`);
    expect(items.some((i) => text(i, 'wp:post_type') === 'page')).toBe(true);
  });
});
