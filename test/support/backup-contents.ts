// For the backup tests: a newsroom worth backing up (the demo, more articles, threads of comments, a staff
// member, a donor), every row of every table in a form two databases can be compared by, and the bytes of
// every file under a media folder.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { expect } from 'vitest';
import { seedDemoIfEmpty } from '../../demo/seed.js';
import type { FileStore } from '../../src/media/file-store.js';
import type { Dialect } from '../../src/storage/db.js';
import type { Database } from '../../src/storage/schema.js';
import { addArticle, addAuthor, addTag, bodyOf } from './content.js';

/** One comment, or a reply to `parentId`, on an article, as the comments domain would store it. */
export function commentRow(articleId: number, n: number, parentId: number | null = null) {
  const at = new Date(Date.UTC(2026, 10, 21, 12, 0, n % 60, n % 1000)).toISOString();
  return {
    article_id: articleId,
    parent_id: parentId,
    root_id: parentId,
    depth: parentId === null ? 0 : 1,
    status: 'approved' as const,
    body: `Comment ${n}: “quoted”, emoji 🗞️, a backslash \\ and a newline\nhere.`,
    author_name: `Reader ${n}`,
    author_email: `reader${n}@example.org`,
    email_key: `key-${n}`,
    author_url: '',
    staff_id: null,
    notify_replies: n % 2,
    ip_key: n % 3 === 0 ? null : `ip-${n}`,
    body_hash: `hash-${n}`,
    moderation_reason: null,
    spam_score: n % 7,
    created_at: at,
    approved_at: at,
    edited_at: null,
    status_changed_at: at,
    digest_sent_at: null,
    reply_notified_at: null,
  };
}

/** The demo newsroom plus `articles` generated articles, each with a thread of comments and replies. */
export async function seedNewsroom(db: Kysely<Database>, store: FileStore, articles = 12): Promise<void> {
  expect(await seedDemoIfEmpty(db, store, new Date('2026-11-20T09:00:00.000Z'))).toBe('seeded');
  const author = await addAuthor(db, 'generated-author', 'Generated Author');
  const tag = await addTag(db, 'generated', 'Generated');
  for (let i = 0; i < articles; i++) {
    const id = await addArticle(db, {
      slug: `generated-${i}`,
      body: bodyOf(`Paragraph ${i} with ünïcode and 'quotes'.`, 'Second.'),
      status: i % 4 === 0 ? 'draft' : 'published',
      authorIds: [author],
      tagIds: [tag],
    });
    for (let c = 0; c < 5; c++) {
      const parent = await db
        .insertInto('comments')
        .values(commentRow(id, i * 10 + c))
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('comments')
        .values(commentRow(id, i * 10 + c + 5, parent.id))
        .execute();
    }
  }
  await db
    .insertInto('donors')
    .values({
      email: 'donor@example.org',
      name: 'A Donor',
      public_listing: 1,
      stripe_customer_id: null,
      created_at: '2026-11-20T10:00:00.000Z',
      updated_at: '2026-11-20T10:00:00.000Z',
    })
    .execute();
}

/** Every table's rows as sorted JSON text: PostgreSQL's own text for each value, SQLite's values as read. */
export async function everyRow(db: Kysely<Database>, dialect: Dialect): Promise<Record<string, string[]>> {
  const tables =
    dialect === 'sqlite'
      ? await sql<{
          name: string;
          // FTS5's own tables behind the search index hold bookkeeping even when empty; its rows are read
          // through article_search itself.
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' and name not like 'article!_search!_%' escape '!'`.execute(
          db,
        )
      : await sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_%'`.execute(
          db,
        );
  const result: Record<string, string[]> = {};
  for (const { name } of tables.rows) {
    const rows =
      dialect === 'sqlite'
        ? (await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db)).rows.map((r) =>
            JSON.stringify(r),
          )
        : (
            await sql<{ r: string }>`select to_jsonb(t)::text as r from ${sql.table(name)} t`.execute(db)
          ).rows.map((r) => r.r);
    result[name] = rows.sort();
  }
  return result;
}

/** Every file under `dir`, by its path inside it, with its bytes. */
export async function everyFile(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = new Map<string, Buffer>();
  for (const e of entries.filter((entry) => entry.isFile()).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(e.parentPath, e.name);
    files.set(path.slice(dir.length + 1), await readFile(path));
  }
  return files;
}
