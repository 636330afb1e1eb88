// Articles and static pages as export lines: each batch of rows read by id, then its bylines, tags,
// revisions, corrections and comment-thread states in one query each, so a batch costs six queries
// whatever its size, and only one batch is held at a time.
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import type { ArticleLine, PageLine } from './format.js';
import { keyset, type LineWriter } from './line-writer.js';

const BATCH = 200;

/** A JSON column: text on SQLite and in our PostgreSQL schema, parsed once here. */
export function jsonValue(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

function groupBy<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

export async function writeArticles(db: Kysely<Database>, out: LineWriter): Promise<void> {
  const batches = keyset(
    0,
    (after) =>
      db.selectFrom('articles').selectAll().where('id', '>', after).orderBy('id').limit(BATCH).execute(),
    (row) => row.id,
  );
  for await (const rows of batches) {
    const ids = rows.map((r) => r.id);
    const [authors, tags, revisions, corrections, threads] = await Promise.all([
      db
        .selectFrom('article_authors')
        .selectAll()
        .where('article_id', 'in', ids)
        .orderBy('position')
        .execute(),
      db.selectFrom('article_tags').selectAll().where('article_id', 'in', ids).orderBy('tag_id').execute(),
      db.selectFrom('article_revisions').selectAll().where('article_id', 'in', ids).orderBy('id').execute(),
      db.selectFrom('corrections').selectAll().where('article_id', 'in', ids).orderBy('id').execute(),
      db.selectFrom('comment_threads').selectAll().where('article_id', 'in', ids).execute(),
    ]);
    const byArticle = {
      authors: groupBy(authors, (r) => r.article_id),
      tags: groupBy(tags, (r) => r.article_id),
      revisions: groupBy(revisions, (r) => r.article_id),
      corrections: groupBy(corrections, (r) => r.article_id),
    };
    const closed = new Map(
      threads.filter((t) => Number(t.closed) === 1).map((t) => [t.article_id, t.updated_at]),
    );
    for (const a of rows) {
      const line: ArticleLine = {
        id: a.id,
        slug: a.slug,
        headline: a.headline,
        dek: a.dek,
        body: jsonValue(a.body) as ArticleLine['body'],
        status: a.status,
        workType: a.work_type,
        sectionId: a.section_id,
        heroMediaId: a.hero_media_id,
        dateline: a.dateline,
        seo: {
          seoHeadline: a.seo_headline,
          socialHeadline: a.social_headline,
          metaDescription: a.meta_description,
          canonicalUrl: a.canonical_url,
          noindex: Number(a.noindex) === 1,
        },
        publishedAt: a.published_at,
        updatedAt: a.updated_at,
        scheduledAt: a.scheduled_at,
        createdAt: a.created_at,
        modifiedAt: a.modified_at,
        version: a.version,
        authorIds: (byArticle.authors.get(a.id) ?? []).map((r) => r.author_id),
        tagIds: (byArticle.tags.get(a.id) ?? []).map((r) => r.tag_id),
        commentsClosedAt: closed.get(a.id) ?? null,
        revisions: (byArticle.revisions.get(a.id) ?? []).map((r) => ({
          version: r.version,
          kind: r.kind,
          fields: jsonValue(r.fields) as Record<string, unknown>,
          via: r.via,
          createdAt: r.created_at,
        })),
        corrections: (byArticle.corrections.get(a.id) ?? []).map((c) => ({
          kind: c.kind,
          text: c.text,
          placement: c.placement,
          publishedAt: c.published_at,
          withdrawnAt: c.withdrawn_at,
        })),
      };
      await out.write(line);
    }
  }
}

export async function writePages(db: Kysely<Database>, out: LineWriter): Promise<void> {
  const batches = keyset(
    0,
    (after) =>
      db.selectFrom('pages').selectAll().where('id', '>', after).orderBy('id').limit(BATCH).execute(),
    (row) => row.id,
  );
  for await (const rows of batches) {
    const revisions = groupBy(
      await db
        .selectFrom('page_revisions')
        .selectAll()
        .where(
          'page_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('id')
        .execute(),
      (r) => r.page_id,
    );
    for (const p of rows) {
      const line: PageLine = {
        id: p.id,
        slug: p.slug,
        title: p.title,
        description: p.description,
        body: jsonValue(p.body) as PageLine['body'],
        status: p.status,
        version: p.version,
        publishedAt: p.published_at,
        createdAt: p.created_at,
        updatedAt: p.updated_at,
        revisions: (revisions.get(p.id) ?? []).map((r) => ({
          version: r.version,
          fields: jsonValue(r.fields) as Record<string, unknown>,
          createdAt: r.created_at,
        })),
      };
      await out.write(line);
    }
  }
}
