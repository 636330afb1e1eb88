// Helpers for the content API's tests: a small newsroom of published and unpublished stories with comments
// and corrections, a key made as the newsroom makes one, and requests that carry it.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { createContentApiKey } from '../../src/content-api/admin/manage-keys.js';
import { indexStaleArticles } from '../../src/search/search-index.js';
import type { ContentEvents } from '../../src/storage/content-events.js';
import type { Database } from '../../src/storage/schema.js';
import { addArticle, addAuthor, addMedia, addSection, addTag } from './content.js';
import { addStaff } from './newsroom.js';

export const APP_SECRET = 'test-secret-test-secret-test-secret-0123';
export const APP_ORIGIN = 'https://app.example.org';
export const COMMENTER_EMAIL = 'reader.one@example.org';

export interface ApiFixture {
  ids: Record<string, number>;
  key: string;
  adminId: number;
}

async function addComment(
  db: Kysely<Database>,
  articleId: number,
  values: {
    status: 'approved' | 'pending' | 'spam';
    parentId?: number;
    depth?: number;
    name: string;
    at: string;
  },
) {
  const row = await db
    .insertInto('comments')
    .values({
      article_id: articleId,
      parent_id: values.parentId ?? null,
      root_id: values.parentId ?? null,
      depth: values.depth ?? 0,
      status: values.status,
      body: `Words of ${values.name}.`,
      author_name: values.name,
      author_email: COMMENTER_EMAIL,
      email_key: 'hashed-email-key-value',
      author_url: '',
      staff_id: null,
      notify_replies: 0,
      ip_key: 'hashed-network-key-value',
      body_hash: 'hashed-body-value',
      moderation_reason: null,
      spam_score: 0,
      created_at: values.at,
      approved_at: values.status === 'approved' ? values.at : null,
      edited_at: null,
      status_changed_at: values.at,
      digest_sent_at: null,
      reply_notified_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function seedApiContent(db: Kysely<Database>, events: ContentEvents): Promise<ApiFixture> {
  const ids: Record<string, number> = {};
  ids.world = await addSection(db, 'world', 'World', 1);
  ids.local = await addSection(db, 'local', 'Local', 2);
  ids.ana = await addAuthor(db, 'ana-reyes', 'Ana Reyes');
  ids.ben = await addAuthor(db, 'ben-okafor', 'Ben Okafor');
  ids.war = await addTag(db, 'war', 'War');
  ids.hero = await addMedia(db, 'hero');
  ids.figure = await addMedia(db, 'figure');
  ids.kharkiv = await addArticle(db, {
    slug: 'kharkiv',
    sectionId: ids.world,
    heroMediaId: ids.hero,
    authorIds: [ids.ben!, ids.ana!],
    tagIds: [ids.war!],
    publishedAt: '2026-11-24T08:00:00.000Z',
    updatedAt: '2026-11-24T12:00:00.000Z',
    dateline: 'KHARKIV, Ukraine',
    body: {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'First <paragraph> & more.' }] },
        { type: 'image', attrs: { mediaId: ids.figure } },
      ],
    },
  });
  for (let i = 1; i <= 5; i++) {
    ids[`local${i}`] = await addArticle(db, {
      slug: `local-${i}`,
      sectionId: ids.local,
      authorIds: [ids.ana!],
      publishedAt: `2026-11-1${i}T08:00:00.000Z`,
    });
  }
  // Same publication time as local-5: the keyset must still put every article on exactly one page.
  ids.twin = await addArticle(db, {
    slug: 'local-twin',
    sectionId: ids.local,
    authorIds: [ids.ana!],
    publishedAt: '2026-11-15T08:00:00.000Z',
  });
  ids.draft = await addArticle(db, { slug: 'draft-one', status: 'draft', sectionId: ids.world });
  ids.pulled = await addArticle(db, { slug: 'pulled', status: 'unpublished', sectionId: ids.world });
  await db
    .insertInto('corrections')
    .values({
      article_id: ids.kharkiv,
      kind: 'correction',
      text: 'An earlier version misspelt a name.',
      placement: 'top',
      published_at: '2026-11-24T13:00:00.000Z',
      created_by: null,
      withdrawn_at: null,
      withdrawn_by: null,
    })
    .execute();
  ids.first = await addComment(db, ids.kharkiv, {
    status: 'approved',
    name: 'Reader One',
    at: '2026-11-24T09:00:00.000Z',
  });
  ids.reply = await addComment(db, ids.kharkiv, {
    status: 'approved',
    parentId: ids.first,
    depth: 1,
    name: 'Reader Two',
    at: '2026-11-24T09:30:00.000Z',
  });
  ids.held = await addComment(db, ids.kharkiv, {
    status: 'pending',
    name: 'Held Reader',
    at: '2026-11-24T10:00:00.000Z',
  });
  ids.spam = await addComment(db, ids.kharkiv, {
    status: 'spam',
    name: 'Spammer',
    at: '2026-11-24T10:30:00.000Z',
  });
  const admin = await addStaff(db, 'admin');
  const { key } = await createContentApiKey(
    { db, events, secret: APP_SECRET },
    admin,
    { name: 'Mobile app', origins: [APP_ORIGIN], ratePerMinute: 10_000 },
    new Date(),
  );
  // Written without the editor's save: indexed for search as the app does at start.
  await indexStaleArticles(db);
  return { ids, key, adminId: admin.id };
}

/** A GET of the API with the key in the Authorization header (unless other headers are given). */
export function apiGet(
  app: FastifyInstance,
  path: string,
  key: string | null,
  headers: Record<string, string> = {},
) {
  return app.inject({
    method: 'GET',
    url: path,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
  });
}
