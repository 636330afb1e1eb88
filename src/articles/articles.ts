// The reader site's domain: published articles and the sections, tags and authors that group them,
// turned from rows into the objects pages, feeds and the API render.
import type { Kysely, Selectable } from 'kysely';
import { NotFound } from '../http/errors.js';
import { findMediaByIds, type MediaItem } from '../media/media.js';
import type { ArticlesTable, Database, WorkType } from '../storage/schema.js';
import * as q from './queries.js';
import { type BodyDocument, mediaIdsOf, parseBodyDocument } from './render/document.js';

export interface SectionRef {
  id: number;
  slug: string;
  name: string;
  description: string;
}
export interface TagRef {
  id: number;
  slug: string;
  name: string;
}
export interface AuthorRef {
  id: number;
  slug: string;
  name: string;
  jobTitle: string;
  bio: string;
  photoMediaId: number | null;
}

export interface ArticleSummary {
  id: number;
  slug: string;
  headline: string;
  socialHeadline: string | null;
  dek: string;
  workType: WorkType;
  section: SectionRef | null;
  hero: MediaItem | null;
  authors: AuthorRef[];
  publishedAt: string;
  updatedAt: string | null;
  modifiedAt: string;
}

export interface Article extends ArticleSummary {
  seoHeadline: string | null;
  body: BodyDocument;
  tags: TagRef[];
  dateline: string | null;
  media: Map<number, MediaItem>;
}

export interface Page<T> {
  items: T[];
  page: number;
  pages: number;
  total: number;
}

export const WORK_TYPE_LABELS: Record<WorkType, string> = {
  news: 'News',
  analysis: 'Analysis',
  opinion: 'Opinion',
  explainer: 'Explainer',
};

export function articlePath(slug: string): string {
  return `/articles/${slug}`;
}
export function sectionPath(slug: string): string {
  return `/sections/${slug}`;
}
export function tagPath(slug: string): string {
  return `/tags/${slug}`;
}
export function authorPath(slug: string): string {
  return `/authors/${slug}`;
}

type SummaryRow = Pick<
  Selectable<ArticlesTable>,
  | 'id'
  | 'slug'
  | 'headline'
  | 'social_headline'
  | 'dek'
  | 'work_type'
  | 'section_id'
  | 'hero_media_id'
  | 'published_at'
  | 'updated_at'
  | 'modified_at'
>;

/** The sections rarely change and every page needs them, so they are read once per render batch. */
export async function listSections(db: Kysely<Database>): Promise<SectionRef[]> {
  return (await q.selectSections(db)).map(({ id, slug, name, description }) => ({
    id,
    slug,
    name,
    description,
  }));
}

async function summarize(
  db: Kysely<Database>,
  rows: SummaryRow[],
  sections?: SectionRef[],
  /** Media the caller has loaded already, every hero among them. */
  loadedMedia?: Map<number, MediaItem>,
): Promise<ArticleSummary[]> {
  const ids = rows.map((r) => r.id);
  const [authorRows, media, allSections] = await Promise.all([
    q.selectAuthorsOf(db, ids),
    loadedMedia ??
      findMediaByIds(
        db,
        rows.flatMap((r) => (r.hero_media_id ? [r.hero_media_id] : [])),
      ),
    sections ?? listSections(db),
  ]);
  const sectionById = new Map(allSections.map((s) => [s.id, s]));
  const authorsByArticle = new Map<number, AuthorRef[]>();
  for (const a of authorRows) {
    const list = authorsByArticle.get(a.article_id) ?? [];
    list.push({
      id: a.id,
      slug: a.slug,
      name: a.name,
      jobTitle: a.job_title,
      bio: a.bio,
      photoMediaId: a.photo_media_id,
    });
    authorsByArticle.set(a.article_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    headline: r.headline,
    socialHeadline: r.social_headline,
    dek: r.dek,
    workType: r.work_type,
    section: r.section_id ? (sectionById.get(r.section_id) ?? null) : null,
    hero: r.hero_media_id ? (media.get(r.hero_media_id) ?? null) : null,
    authors: authorsByArticle.get(r.id) ?? [],
    publishedAt: r.published_at ?? r.modified_at,
    updatedAt: r.updated_at,
    modifiedAt: r.modified_at,
  }));
}

export async function getPublishedArticle(
  db: Kysely<Database>,
  slug: string,
  sections?: SectionRef[],
): Promise<Article> {
  const row = await q.selectPublishedBySlug(db, slug);
  if (!row) throw new NotFound('We could not find that article. It may have moved or been unpublished.');
  const [article] = await completeArticles(db, [row], sections);
  return article!;
}

/** The newest published articles with their bodies, for feeds; one query per kind of data, not per article. */
export async function listLatestArticles(
  db: Kysely<Database>,
  filter: q.ArticleFilter,
  limit: number,
  sections?: SectionRef[],
): Promise<Article[]> {
  return completeArticles(db, await q.selectPublishedFull(db, filter, limit), sections);
}

async function completeArticles(
  db: Kysely<Database>,
  rows: Selectable<ArticlesTable>[],
  sections?: SectionRef[],
): Promise<Article[]> {
  const bodies = rows.map((row) => parseBodyDocument(JSON.parse(row.body)));
  const mediaIds = rows.flatMap((row, i) => [
    ...mediaIdsOf(bodies[i]!),
    ...(row.hero_media_id ? [row.hero_media_id] : []),
  ]);
  const ids = rows.map((row) => row.id);
  const media = await findMediaByIds(db, mediaIds);
  const [summaries, tagRows] = await Promise.all([
    summarize(db, rows, sections, media),
    q.selectTagsOf(db, ids),
  ]);
  return rows.map((row, i) => {
    const body = bodies[i]!;
    const own = new Set([...mediaIdsOf(body), ...(row.hero_media_id ? [row.hero_media_id] : [])]);
    return {
      ...summaries[i]!,
      seoHeadline: row.seo_headline,
      body,
      tags: tagRows.filter((t) => t.article_id === row.id).map(({ id, slug, name }) => ({ id, slug, name })),
      dateline: row.dateline,
      media: new Map([...media].filter(([id]) => own.has(id))),
    };
  });
}

export async function listPublished(
  db: Kysely<Database>,
  filter: q.ArticleFilter,
  page: number,
  perPage: number,
  sections?: SectionRef[],
): Promise<Page<ArticleSummary>> {
  const [rows, total] = await Promise.all([
    q.selectPublishedSummaries(db, filter, perPage, (page - 1) * perPage),
    q.countPublished(db, filter),
  ]);
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (page > pages) throw new NotFound('There is no such page in this list.');
  return { items: await summarize(db, rows, sections), page, pages, total };
}

export async function listLatest(
  db: Kysely<Database>,
  filter: q.ArticleFilter,
  limit: number,
  sections?: SectionRef[],
) {
  return summarize(db, await q.selectPublishedSummaries(db, filter, limit, 0), sections);
}

export async function listPublishedSince(db: Kysely<Database>, since: Date): Promise<ArticleSummary[]> {
  return summarize(db, await q.selectPublishedSince(db, since.toISOString()));
}

export async function getSection(db: Kysely<Database>, slug: string): Promise<SectionRef> {
  const row = await q.selectSectionBySlug(db, slug);
  if (!row) throw new NotFound('We could not find that section.');
  return { id: row.id, slug: row.slug, name: row.name, description: row.description };
}

export async function getTag(db: Kysely<Database>, slug: string): Promise<TagRef> {
  const row = await q.selectTagBySlug(db, slug);
  if (!row) throw new NotFound('We could not find that tag.');
  return { id: row.id, slug: row.slug, name: row.name };
}

export async function getAuthor(
  db: Kysely<Database>,
  slug: string,
): Promise<AuthorRef & { expertise: string }> {
  const row = await q.selectAuthorBySlug(db, slug);
  if (!row) throw new NotFound('We could not find that author.');
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    jobTitle: row.job_title,
    bio: row.bio,
    photoMediaId: row.photo_media_id,
    expertise: row.expertise,
  };
}

/** The newest of the times a reader would call "last changed". */
export function lastChanged(items: Array<Pick<ArticleSummary, 'modifiedAt'>>): string | null {
  return items.reduce<string | null>(
    (max, a) => (max === null || a.modifiedAt > max ? a.modifiedAt : max),
    null,
  );
}
