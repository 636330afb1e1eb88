// One published article for its page: the row with its authors, tags and visible notes in one query, then
// the images it shows (the hero and the body's) and its social card's image in a second. Both are compiled once (prepared.ts).
import type { ExpressionBuilder, Kysely } from 'kysely';
import { NotFound } from '../../http/errors.js';
import { findMediaByIds, type MediaItem } from '../../media/media.js';
import type { SectionRef } from '../../site/sections.js';
import { fromJson, isoTime, jsonArrayFrom } from '../../storage/json-columns.js';
import { type Dialect, preparedQuery } from '../../storage/prepared.js';
import type { Database } from '../../storage/schema.js';
import type { Article, CorrectionNotice, TagRef } from '../model.js';
import { type BodyDocument, mediaIdsOf, readStoredBody } from '../render/document.js';
import { authorsJson, heroJson, SUMMARY_COLUMNS, type SummaryRow, summaryFrom } from './columns.js';

export const FULL_COLUMNS = [
  ...SUMMARY_COLUMNS,
  'articles.version',
  'articles.seo_headline',
  'articles.meta_description',
  'articles.canonical_url',
  'articles.noindex',
  'articles.social_description',
  'articles.social_image_id',
  'articles.body',
  'articles.dateline',
] as const;

export interface FullRow extends SummaryRow {
  version: number;
  seo_headline: string | null;
  meta_description: string | null;
  canonical_url: string | null;
  noindex: number;
  social_description: string | null;
  social_image_id: number | null;
  body: string;
  dateline: string | null;
  tags_json: unknown;
  notes_json: unknown;
}

/** The relations a whole article carries, as JSON columns of its row. */
export function relationsJson(eb: ExpressionBuilder<Database, 'articles'>, dialect: Dialect) {
  return [
    authorsJson(eb, dialect),
    heroJson(eb, dialect),
    jsonArrayFrom(
      dialect,
      eb
        .selectFrom('article_tags')
        .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
        .select(['tags.id', 'tags.slug', 'tags.name'])
        .whereRef('article_tags.article_id', '=', 'articles.id')
        .orderBy('tags.name'),
    ).as('tags_json'),
    jsonArrayFrom(
      dialect,
      eb
        .selectFrom('corrections')
        .select(['corrections.kind', 'corrections.text', 'corrections.placement', 'corrections.published_at'])
        .whereRef('corrections.article_id', '=', 'articles.id')
        .where('corrections.withdrawn_at', 'is', null)
        .orderBy('corrections.published_at')
        .orderBy('corrections.id'),
    ).as('notes_json'),
  ];
}

export const articleBySlug = preparedQuery<'slug', FullRow>((db, p, dialect) =>
  db
    .selectFrom('articles')
    .select(FULL_COLUMNS)
    .select((eb) => relationsJson(eb, dialect))
    .where('articles.slug', '=', p.slug)
    .where('articles.status', '=', 'published'),
);

interface NoteJson {
  kind: CorrectionNotice['kind'];
  text: string;
  placement: CorrectionNotice['placement'];
  published_at: string;
}

/** Rows made whole: bodies parsed and the images they show attached, in one more query for all of them. */
export async function completeArticles(
  db: Kysely<Database>,
  rows: FullRow[],
  sections: Map<number, SectionRef>,
): Promise<Article[]> {
  const bodies = rows.map((row) => readStoredBody(row.body));
  const socialImages = rows.flatMap((row) => (row.social_image_id === null ? [] : [row.social_image_id]));
  const all = await findMediaByIds(db, [...bodies.flatMap(mediaIdsOf), ...socialImages]);
  return rows.map((row, i) => wholeArticle(row, bodies[i]!, all, sections));
}

function wholeArticle(
  row: FullRow,
  body: BodyDocument,
  all: Map<number, MediaItem>,
  sections: Map<number, SectionRef>,
): Article {
  const summary = summaryFrom(row, sections);
  const media = new Map(mediaIdsOf(body).flatMap((id) => (all.has(id) ? [[id, all.get(id)!] as const] : [])));
  if (summary.hero) media.set(summary.hero.id, summary.hero);
  return {
    ...summary,
    version: row.version,
    seoHeadline: row.seo_headline,
    metaDescription: row.meta_description || null,
    canonicalUrl: row.canonical_url || null,
    noindex: row.noindex === 1,
    socialDescription: row.social_description || null,
    // An image since removed from the library is simply absent: the hero serves.
    socialImage: row.social_image_id === null ? null : (all.get(row.social_image_id) ?? null),
    body,
    tags: fromJson<TagRef[]>(row.tags_json),
    dateline: row.dateline,
    media,
    corrections: fromJson<NoteJson[]>(row.notes_json).map((n) => ({
      kind: n.kind,
      text: n.text,
      placement: n.placement,
      publishedAt: isoTime(n.published_at),
    })),
  };
}

export async function loadPublishedArticle(
  db: Kysely<Database>,
  slug: string,
  sections: Map<number, SectionRef>,
): Promise<Article> {
  const [row] = await articleBySlug(db, { slug });
  if (!row) throw new NotFound('We could not find that article. It may have moved or been unpublished.');
  return (await completeArticles(db, [row], sections))[0]!;
}
