// Writes a generated WordPress export of any size to a file as a stream (memory stays flat however many
// posts): authors, a category tree, tags, optionally one attachment for every few posts as their featured
// image, and posts with block bodies, Yoast meta, co-authors and threaded comments. Used by the reader's
// memory test and the import benchmarks.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { type WxrComment, type WxrItem, type WxrSite, wxrFooter, wxrHeader, wxrItem } from './wxr-builder.js';

export interface GeneratedWxrOptions {
  posts: number;
  commentsPerPost?: number;
  /** One attachment (the featured image) for every `attachmentEvery` posts; 0 for none. */
  attachmentEvery?: number;
}

export interface GeneratedWxrSummary {
  posts: number;
  attachments: number;
  comments: number;
  bytes: number;
}

const AUTHORS = 20;
const CATEGORIES = 30;
const TAGS = 200;
const SITE_LINK = 'https://generated.example.org';
const PARAGRAPH =
  'The council met on Tuesday to hear from residents about the new flood defences, the bus routes and the ' +
  'library’s opening hours — “we need answers,” one said. Ñandú, 東京, القاهرة, and 🌊 appear in every story.';

function site(): WxrSite {
  return {
    title: 'Generated Gazette',
    link: SITE_LINK,
    authors: Array.from({ length: AUTHORS }, (_, i) => ({
      id: i + 1,
      login: `writer-${i}`,
      email: `writer-${i}@generated.example.org`,
      displayName: `Writer ${i}`,
    })),
    categories: Array.from({ length: CATEGORIES }, (_, i) => ({
      id: 100 + i,
      slug: `section-${i}`,
      name: `Section ${i}`,
      // Every fifth section is a top level; the others sit under the one before them.
      ...(i % 5 === 0 ? {} : { parent: `section-${i - (i % 5)}` }),
    })),
    tags: Array.from({ length: TAGS }, (_, i) => ({ id: 1000 + i, slug: `tag-${i}`, name: `Tag ${i}` })),
  };
}

function date(n: number): string {
  return new Date(Date.UTC(2015, 0, 1) + n * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

function body(n: number): string {
  const paragraphs = 1 + (n % 2);
  const blocks: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    blocks.push(`<!-- wp:paragraph -->\n<p>${PARAGRAPH} (${n}.${p})</p>\n<!-- /wp:paragraph -->`);
    if (p === 1)
      blocks.push(
        `<!-- wp:heading -->\n<h2 class="wp-block-heading">Part ${p} of story ${n}</h2>\n<!-- /wp:heading -->`,
      );
  }
  return blocks.join('\n\n');
}

function comments(n: number, count: number): WxrComment[] {
  return Array.from({ length: count }, (_, c) => ({
    id: n * 100 + c,
    author: `Reader ${c}`,
    email: `reader${c}@example.net`,
    ip: '192.0.2.1',
    date: date(n + 1),
    content: `Comment ${c} on story ${n}: thank you for covering this.`,
    approved: c % 7 === 6 ? '0' : '1',
    ...(c > 0 && c % 2 === 1 ? { parent: n * 100 + c - 1 } : {}),
  }));
}

function post(n: number, options: GeneratedWxrOptions, withImage: boolean): WxrItem {
  const category = n % CATEGORIES;
  return {
    id: 2_000_000 + n,
    title: `Generated story ${n}`,
    slug: `generated-story-${n}`,
    creator: `writer-${n % AUTHORS}`,
    date: date(n),
    content: body(n),
    excerpt: `What happened in story ${n}.`,
    sticky: n % 1000 === 0,
    terms: [
      ['category', `section-${category}`, `Section ${category}`],
      ['post_tag', `tag-${n % TAGS}`, `Tag ${n % TAGS}`],
      ['post_tag', `tag-${(n * 7) % TAGS}`, `Tag ${(n * 7) % TAGS}`],
      ...(n % 10 === 0
        ? ([
            ['author', `cap-writer-${n % AUTHORS}`, `writer-${n % AUTHORS}`],
            ['author', `cap-writer-${(n + 1) % AUTHORS}`, `writer-${(n + 1) % AUTHORS}`],
          ] as Array<[string, string, string]>)
        : []),
    ],
    meta: {
      _yoast_wpseo_metadesc: `Story ${n} in one sentence.`,
      _yoast_wpseo_primary_category: String(100 + category),
      ...(withImage ? { _thumbnail_id: String(1_000_000 + n) } : {}),
    },
    comments: comments(n, options.commentsPerPost ?? 1),
  };
}

function attachment(n: number): WxrItem {
  const path = `${2015 + (n % 10)}/${String(1 + (n % 12)).padStart(2, '0')}/photo-${n}.jpg`;
  return {
    id: 1_000_000 + n,
    title: `Photo ${n}`,
    type: 'attachment',
    slug: `photo-${n}`,
    date: date(n),
    excerpt: `Caption for photo ${n}`,
    parent: 2_000_000 + n,
    attachmentUrl: `${SITE_LINK}/wp-content/uploads/${path}`,
    meta: {
      _wp_attached_file: path,
      _wp_attachment_image_alt: `Alt text ${n}`,
      _media_credit: `Photographer ${n % 13}`,
    },
  };
}

export async function writeGeneratedWxr(
  file: string,
  options: GeneratedWxrOptions,
): Promise<GeneratedWxrSummary> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  const summary: GeneratedWxrSummary = { posts: 0, attachments: 0, comments: 0, bytes: 0 };
  const write = async (text: string) => {
    summary.bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  const siteInfo = site();
  await write(wxrHeader(siteInfo));
  const every = options.attachmentEvery ?? 0;
  for (let n = 0; n < options.posts; n++) {
    const withImage = every > 0 && n % every === 0;
    if (withImage) {
      await write(wxrItem(attachment(n), siteInfo));
      summary.attachments++;
    }
    const item = post(n, options, withImage);
    await write(wxrItem(item, siteInfo));
    summary.posts++;
    summary.comments += item.comments?.length ?? 0;
  }
  await write(wxrFooter);
  out.end();
  await once(out, 'finish');
  return summary;
}
