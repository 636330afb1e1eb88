// What every query for readers selects of an article and its relations, once, so that the article page,
// the lists and the feeds read the same shape. Relations come as JSON in the same row (json-columns.ts).
import type { ExpressionBuilder } from 'kysely';
import { MEDIA_COLUMNS, type MediaRow, mediaFromRow } from '../../media/media.js';
import type { SectionRef } from '../../site/sections.js';
import { fromJson, jsonArrayFrom, jsonObjectFrom } from '../../storage/json-columns.js';
import type { Dialect } from '../../storage/prepared.js';
import type { Database, WorkType } from '../../storage/schema.js';
import type { ArticleSummary, AuthorRef } from '../model.js';

export const SUMMARY_COLUMNS = [
  'articles.id',
  'articles.slug',
  'articles.headline',
  'articles.social_headline',
  'articles.dek',
  'articles.work_type',
  'articles.section_id',
  'articles.hero_media_id',
  'articles.published_at',
  'articles.updated_at',
  'articles.modified_at',
] as const;

type Eb = ExpressionBuilder<Database, 'articles'>;

export function authorsJson(eb: Eb, dialect: Dialect) {
  return jsonArrayFrom(
    dialect,
    eb
      .selectFrom('article_authors')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .select([
        'authors.id',
        'authors.slug',
        'authors.name',
        'authors.job_title',
        'authors.bio',
        'authors.photo_media_id',
      ])
      .whereRef('article_authors.article_id', '=', 'articles.id')
      .orderBy('article_authors.position'),
  ).as('authors_json');
}

export function heroJson(eb: Eb, dialect: Dialect) {
  return jsonObjectFrom(
    dialect,
    eb.selectFrom('media').select(MEDIA_COLUMNS).whereRef('media.id', '=', 'articles.hero_media_id'),
  ).as('hero_json');
}

export interface SummaryRow {
  id: number;
  slug: string;
  headline: string;
  social_headline: string | null;
  dek: string;
  work_type: WorkType;
  section_id: number | null;
  published_at: string | null;
  updated_at: string | null;
  modified_at: string;
  authors_json: unknown;
  hero_json: unknown;
}

interface AuthorJson {
  id: number;
  slug: string;
  name: string;
  job_title: string;
  bio: string;
  photo_media_id: number | null;
}

export function authorsFrom(value: unknown): AuthorRef[] {
  return fromJson<AuthorJson[]>(value).map((a) => ({
    id: a.id,
    slug: a.slug,
    name: a.name,
    jobTitle: a.job_title,
    bio: a.bio,
    photoMediaId: a.photo_media_id,
  }));
}

export function summaryFrom(row: SummaryRow, sections: Map<number, SectionRef>): ArticleSummary {
  const hero = fromJson<MediaRow | null>(row.hero_json);
  return {
    id: row.id,
    slug: row.slug,
    headline: row.headline,
    socialHeadline: row.social_headline,
    dek: row.dek,
    workType: row.work_type,
    section: row.section_id === null ? null : (sections.get(row.section_id) ?? null),
    hero: hero ? mediaFromRow(hero) : null,
    authors: authorsFrom(row.authors_json),
    publishedAt: row.published_at ?? row.modified_at,
    updatedAt: row.updated_at,
    modifiedAt: row.modified_at,
  };
}
