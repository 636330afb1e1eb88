// Builders for the rows integration tests need: sections, authors, tags, media and articles.
import type { Kysely } from 'kysely';
import type { ArticleStatus, Database, WorkType } from '../../src/storage/schema.js';

export const paragraph = (text: string) => ({
  type: 'paragraph' as const,
  content: [{ type: 'text' as const, text }],
});

export function bodyOf(...paragraphs: string[]) {
  return { type: 'doc' as const, content: paragraphs.map(paragraph) };
}

export async function addSection(db: Kysely<Database>, slug: string, name: string, position = 0) {
  const row = await db
    .insertInto('sections')
    .values({ slug, name, description: `News about ${name}`, position })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function addAuthor(db: Kysely<Database>, slug: string, name: string) {
  const row = await db
    .insertInto('authors')
    .values({
      slug,
      name,
      bio: `${name} reports.`,
      job_title: 'Reporter',
      expertise: '',
      photo_media_id: null,
      created_at: '2026-01-01T00:00:00.000Z',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function addTag(db: Kysely<Database>, slug: string, name: string) {
  return (await db.insertInto('tags').values({ slug, name }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function addMedia(db: Kysely<Database>, key: string) {
  const row = await db
    .insertInto('media')
    .values({
      storage_key: `${key}/original.jpg`,
      mime_type: 'image/jpeg',
      width: 1200,
      height: 800,
      bytes: 1000,
      alt_text: `Alt for ${key}`,
      caption: `Caption for ${key}`,
      credit_person: 'Ann Photographer',
      credit_organization: 'Agency',
      rights: 'licensed',
      license_url: 'https://example.org/licence',
      license_expires_at: null,
      copyright_notice: '© Agency',
      variants: JSON.stringify([
        { format: 'avif', width: 640, height: 427, key: `${key}/640.avif` },
        { format: 'webp', width: 640, height: 427, key: `${key}/640.webp` },
        { format: 'jpeg', width: 640, height: 427, key: `${key}/640.jpg` },
        { format: 'jpeg', width: 1200, height: 800, key: `${key}/1200.jpg` },
      ]),
      fallback_key: `${key}/1200.jpg`,
      created_at: '2026-01-01T00:00:00.000Z',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface ArticleSpec {
  slug: string;
  headline?: string;
  status?: ArticleStatus;
  workType?: WorkType;
  sectionId?: number | null;
  heroMediaId?: number | null;
  publishedAt?: string;
  updatedAt?: string | null;
  authorIds?: number[];
  tagIds?: number[];
  body?: unknown;
  dek?: string;
  dateline?: string | null;
}

export async function addArticle(db: Kysely<Database>, spec: ArticleSpec) {
  const publishedAt = spec.publishedAt ?? '2026-11-20T10:00:00.000Z';
  const row = await db
    .insertInto('articles')
    .values({
      slug: spec.slug,
      headline: spec.headline ?? `Headline of ${spec.slug}`,
      seo_headline: null,
      social_headline: null,
      dek: spec.dek ?? `Dek of ${spec.slug}`,
      body: JSON.stringify(spec.body ?? bodyOf('First paragraph.', 'Second paragraph.')),
      status: spec.status ?? 'published',
      work_type: spec.workType ?? 'news',
      section_id: spec.sectionId ?? null,
      hero_media_id: spec.heroMediaId ?? null,
      dateline: spec.dateline ?? null,
      published_at: spec.status === 'draft' ? null : publishedAt,
      updated_at: spec.updatedAt ?? null,
      scheduled_at: null,
      created_at: publishedAt,
      modified_at: spec.updatedAt ?? publishedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [position, authorId] of (spec.authorIds ?? []).entries()) {
    await db
      .insertInto('article_authors')
      .values({ article_id: row.id, author_id: authorId, position })
      .execute();
  }
  for (const tagId of spec.tagIds ?? []) {
    await db.insertInto('article_tags').values({ article_id: row.id, tag_id: tagId }).execute();
  }
  return row.id;
}
