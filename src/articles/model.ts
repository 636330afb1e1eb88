// What readers see of articles, as the pages, feeds and the API render them: an article with its section,
// tags, authors, media and the notes appended after publication, and the addresses of all of them.
import type { MediaItem } from '../media/media.js';
import type { SectionRef } from '../site/sections.js';
import type { CorrectionsTable, WorkType } from '../storage/schema.js';
import type { BodyDocument } from './render/document.js';

export type { SectionRef };

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

export type NoticeKind = CorrectionsTable['kind'];

/** A note appended to an article after publication: above the story (top) or below it (bottom). */
export interface CorrectionNotice {
  kind: NoticeKind;
  text: string;
  publishedAt: string;
  placement: CorrectionsTable['placement'];
}

export interface Article extends ArticleSummary {
  /** Moves with every saved change: what the rendered story is cached by. */
  version: number;
  seoHeadline: string | null;
  /** Written for search results and shares; null: the dek (or the body's opening) serves. */
  metaDescription: string | null;
  /** The original's address for a syndicated story; null: its own. */
  canonicalUrl: string | null;
  /** Kept out of search engines and the sitemaps (not the feeds, which readers follow). */
  noindex: boolean;
  /** Written for social cards; null: the meta description, else the dek (or the body's opening), serves. */
  socialDescription: string | null;
  /** The social card's image (migration 0020); null: the hero serves. */
  socialImage: MediaItem | null;
  body: BodyDocument;
  tags: TagRef[];
  dateline: string | null;
  /** The hero and every image of the body, by id. */
  media: Map<number, MediaItem>;
  /** The notes readers see, oldest first; withdrawn ones are not among them. */
  corrections: CorrectionNotice[];
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

export const NOTICE_LABELS: Record<NoticeKind, string> = {
  correction: 'Correction',
  clarification: 'Clarification',
  update: 'Update',
};

export function articlePath(slug: string): string {
  return `/articles/${slug}`;
}
export function tagPath(slug: string): string {
  return `/tags/${slug}`;
}
export function authorPath(slug: string): string {
  return `/authors/${slug}`;
}

/** The newest of the times a reader would call "last changed". */
export function lastChanged(items: Array<Pick<ArticleSummary, 'modifiedAt'>>): string | null {
  return items.reduce<string | null>(
    (max, a) => (max === null || a.modifiedAt > max ? a.modifiedAt : max),
    null,
  );
}
