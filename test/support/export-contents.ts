// For the export tests: content beyond the demo that an export must carry whole — an article with every SEO
// field, a licensed hero with every detail, revisions, corrections (one withdrawn), a closed thread of
// comments three deep in every status, old slugs — with UTF-8 in every field; and every table an import
// writes, read in a form two databases can be compared by (ids kept, the import's own columns left out).
import type { Kysely } from 'kysely';
import { setArticleMedia } from '../../src/media/admin/usage.js';
import type { FileStore } from '../../src/media/file-store.js';
import { importImage } from '../../src/media/library.js';
import { loadSharp } from '../../src/media/load-sharp.js';
import type { Database } from '../../src/storage/schema.js';
import { addArticle, addAuthor, addSection, addTag } from './content.js';

export const UTF8 = 'Ünïcödé — 日本語, العربية, emoji 🗞️ and a “quote” ]]> & <b>';

export async function seedExportExtras(
  db: Kysely<Database>,
  store: FileStore,
): Promise<{ articleId: number }> {
  const sharp = await loadSharp();
  const data = await sharp({ create: { width: 640, height: 400, channels: 3, background: '#2a6f97' } })
    .jpeg()
    .toBuffer();
  const hero = await importImage(
    db,
    store,
    {
      data,
      filename: 'harbour.jpg',
      altText: `The harbour at dawn ${UTF8}`,
      caption: `Caption ${UTF8}`,
      creditPerson: 'Aïsha Photographer',
      creditOrganization: 'Agence Ünïe',
      rights: 'licensed',
      licenseUrl: 'https://example.org/licence',
      licenseExpiresAt: '2030-12-31T00:00:00.000Z',
      copyrightNotice: '© 2026 Agence Ünïe',
    },
    new Date('2026-11-20T08:00:00.000Z'),
  );
  const section = await addSection(db, 'ünïcode-section', `Section ${UTF8}`, 9);
  const author = await addAuthor(db, 'zoë-writer', `Zoë ${UTF8}`);
  const tag = await addTag(db, 'ünïcode', `Tag ${UTF8}`);
  const body = {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: `Heading ${UTF8}` }] },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Bold ', marks: [{ type: 'bold' }] },
          {
            type: 'text',
            text: 'a link',
            marks: [{ type: 'link', attrs: { href: 'https://example.org/a?b=1&c=2' } }],
          },
          { type: 'hardBreak' },
          { type: 'text', text: `CDATA end ]]> inside ${UTF8}` },
        ],
      },
      { type: 'image', attrs: { mediaId: hero.id, caption: `Body caption ${UTF8}` } },
      {
        type: 'blockquote',
        attrs: { citation: 'Someone' },
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Quoted.' }] }],
      },
      { type: 'pullQuote', attrs: { text: `Pulled ${UTF8}`, attribution: 'A. Person' } },
      { type: 'embed', attrs: { url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', title: 'A video' } },
      { type: 'horizontalRule' },
      {
        type: 'bulletList',
        content: [
          { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'One' }] }] },
        ],
      },
      {
        type: 'orderedList',
        content: [
          { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Two' }] }] },
        ],
      },
    ],
  };
  const articleId = await addArticle(db, {
    slug: 'everything-story',
    headline: `Everything ${UTF8}`,
    dek: `Dek ${UTF8}`,
    dateline: 'SAINT-ÉTIENNE',
    sectionId: section,
    heroMediaId: hero.id,
    authorIds: [author],
    tagIds: [tag],
    body,
    updatedAt: '2026-11-20T12:00:00.000Z',
  });
  await setArticleMedia(db, articleId, { hero: hero.id, body: [hero.id] });
  await db
    .updateTable('articles')
    .set({
      seo_headline: `SEO ${UTF8}`,
      social_headline: `Social ${UTF8}`,
      meta_description: `Meta ${UTF8}`,
      canonical_url: 'https://original.example.org/story',
      noindex: 1,
      version: 3,
    })
    .where('id', '=', articleId)
    .execute();
  for (const [version, kind] of [
    [1, 'manual'],
    [2, 'autosave'],
    [3, 'restore'],
  ] as const) {
    await db
      .insertInto('article_revisions')
      .values({
        article_id: articleId,
        version,
        kind,
        fields: JSON.stringify({ headline: `Version ${version} ${UTF8}`, body }),
        created_by: null,
        created_at: `2026-11-20T1${version}:00:00.000Z`,
        via: version === 2 ? 'api token “ünï”' : null,
      })
      .execute();
  }
  await db
    .insertInto('corrections')
    .values([
      {
        article_id: articleId,
        kind: 'correction',
        text: `Corrected ${UTF8}`,
        placement: 'top',
        published_at: '2026-11-21T09:00:00.000Z',
        created_by: null,
        withdrawn_at: null,
        withdrawn_by: null,
      },
      {
        article_id: articleId,
        kind: 'clarification',
        text: 'Withdrawn one',
        placement: 'bottom',
        published_at: '2026-11-21T10:00:00.000Z',
        created_by: null,
        withdrawn_at: '2026-11-21T11:00:00.000Z',
        withdrawn_by: null,
      },
    ])
    .execute();
  await db
    .insertInto('comment_threads')
    .values({ article_id: articleId, closed: 1, changed_by: null, updated_at: '2026-11-22T00:00:00.000Z' })
    .execute();
  let parent: number | null = null;
  let root: number | null = null;
  const statuses = ['approved', 'pending', 'spam', 'trash', 'erased'] as const;
  for (const [depth, status] of statuses.entries()) {
    const at = `2026-11-21T12:0${depth}:00.000Z`;
    const row: { id: number } = await db
      .insertInto('comments')
      .values({
        article_id: articleId,
        parent_id: parent,
        root_id: root,
        depth: Math.min(depth, 2),
        status,
        body: status === 'erased' ? '' : `Comment ${status} ${UTF8}`,
        author_name: status === 'erased' ? '' : `Léa ${status}`,
        author_email: status === 'erased' ? '' : `lea.${status}@example.org`,
        email_key: status === 'erased' ? '' : `key-${status}`,
        author_url: status === 'approved' ? 'https://léa.example.org/' : '',
        staff_id: null,
        notify_replies: depth % 2,
        ip_key: null,
        body_hash: `hash-${status}`,
        moderation_reason: status === 'spam' ? 'link limit' : null,
        spam_score: depth,
        created_at: at,
        approved_at: status === 'approved' ? at : null,
        edited_at: null,
        status_changed_at: at,
        digest_sent_at: null,
        reply_notified_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Three deep: a reply, then replies to that reply.
    if (depth < 2) parent = row.id;
    root ??= row.id;
  }
  await db
    .insertInto('slug_redirects')
    .values([
      { old_slug: 'everything-old', article_id: articleId, created_at: '2026-11-20T10:00:00.000Z' },
      { old_slug: 'everything-older', article_id: articleId, created_at: '2026-11-19T10:00:00.000Z' },
    ])
    .execute();
  return { articleId };
}

type Row = Record<string, unknown>;
const without = (rows: Row[], ...columns: string[]) =>
  rows.map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => !columns.includes(k))));

/** What an import must give back, table by table, in a stable order. */
export async function importedContent(db: Kysely<Database>): Promise<Record<string, Row[]>> {
  const all = async (table: keyof Database, order: string) =>
    (await db
      .selectFrom(table)
      .selectAll()
      .orderBy(order as never)
      .execute()) as Row[];
  const articles = (await all('articles', 'id')).map((a) => ({ ...a, body: JSON.parse(a.body as string) }));
  return {
    sections: await all('sections', 'id'),
    tags: await all('tags', 'id'),
    authors: await all('authors', 'id'),
    articles: without(articles, 'created_by', 'saved_by', 'saved_at'),
    article_authors: await all('article_authors', 'article_id'),
    article_tags: await all('article_tags', 'article_id'),
    article_media: await all('article_media', 'article_id'),
    article_revisions: without(await all('article_revisions', 'id'), 'id', 'created_by'),
    corrections: without(await all('corrections', 'id'), 'id', 'created_by', 'withdrawn_by'),
    pages: without(await all('pages', 'id'), 'created_by'),
    page_revisions: without(await all('page_revisions', 'id'), 'id', 'created_by'),
    media: without(await all('media', 'id'), 'storage_key', 'variants', 'fallback_key', 'uploaded_by'),
    comments: without(
      await all('comments', 'id'),
      'email_key',
      'ip_key',
      'body_hash',
      'staff_id',
      'digest_sent_at',
      'reply_notified_at',
    ),
    comment_threads: without(await all('comment_threads', 'article_id'), 'changed_by'),
    slug_redirects: await all('slug_redirects', 'old_slug'),
    curated_fronts: without(await all('curated_fronts', 'front'), 'updated_by'),
  };
}
