// Row types of what readers see: sections, tags, authors, articles and their links, media, corrections.
import type { Generated } from 'kysely';

export interface SiteSettingsTable {
  key: string;
  value: string; // JSON, validated by the site domain
  updated_at: string;
}

export interface SectionsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  position: number;
}

export interface TagsTable {
  id: Generated<number>;
  slug: string;
  name: string;
}

export interface AuthorsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  bio: string;
  job_title: string;
  expertise: string;
  photo_media_id: number | null;
  created_at: string;
}

export interface MediaTable {
  id: Generated<number>;
  storage_key: string;
  mime_type: string;
  width: number;
  height: number;
  bytes: number;
  alt_text: string;
  caption: string;
  credit_person: string;
  credit_organization: string;
  rights: 'own' | 'licensed' | 'agency' | 'public_domain';
  license_url: string | null;
  license_expires_at: string | null;
  copyright_notice: string | null;
  variants: string; // JSON list of { format, width, key }
  /** The variant a reader without AVIF or WebP gets, and sitemaps name (0007_sitemap_reading). */
  fallback_key: string | null;
  created_at: string;
  // Added by 0004_media_library: who uploaded it, and when its words or rights last changed.
  uploaded_by: number | null;
  updated_at: string | null;
}

// Which articles use which image (newsroom/media/usage.ts keeps it in step with every save).
export interface ArticleMediaTable {
  article_id: number;
  media_id: number;
  role: 'hero' | 'body';
}

export type ArticleStatus = 'draft' | 'review' | 'scheduled' | 'published' | 'unpublished';
export type WorkType = 'news' | 'analysis' | 'opinion' | 'explainer';

export interface ArticlesTable {
  id: Generated<number>;
  slug: string;
  headline: string;
  seo_headline: string | null;
  social_headline: string | null;
  /** '' or null: the dek serves. */
  meta_description: string | null;
  /** An absolute http(s) address of the original, for a syndicated story; null: its own. */
  canonical_url: string | null;
  /** 1: kept out of search engines (robots meta) and the sitemaps. */
  noindex: Generated<number>;
  /** Added by 0020: the social card's description; null: the meta description, else the dek. */
  social_description: string | null;
  /** Added by 0020: the social card's image; null: the hero. */
  social_image_id: number | null;
  dek: string;
  body: string; // JSON body document, see articles/render/document.ts
  status: ArticleStatus;
  work_type: WorkType;
  section_id: number | null;
  hero_media_id: number | null;
  dateline: string | null;
  published_at: string | null;
  updated_at: string | null; // the "Updated" time readers see, set when the story changes materially
  scheduled_at: string | null;
  created_at: string;
  modified_at: string; // any change to the row, for caches and sitemaps
  version: Generated<number>;
  // Added by 0003_editorial: who created the article, and who saved the current version and when.
  created_by: number | null;
  saved_by: number | null;
  saved_at: string | null;
  /** When a never-published article went to the trash (0023_article_trash); null: not in the trash. */
  trashed_at: string | null;
  /** A trashed article's own slug, while `slug` holds the placeholder "trashed~<id>" that frees it. */
  trashed_slug: string | null;
}

export interface ArticleAuthorsTable {
  article_id: number;
  author_id: number;
  position: number;
}

export interface ArticleTagsTable {
  article_id: number;
  tag_id: number;
}

export interface ArticleRevisionsTable {
  id: Generated<number>;
  article_id: number;
  version: number;
  fields: string; // JSON of every editable field, the body included
  kind: 'manual' | 'autosave' | 'restore';
  created_by: number | null;
  created_at: string;
  /** How the save came: null from the editor, else the admin API token's name. */
  via: string | null;
}

/** The workflow steps taken on an article (a save is a revision), with who and through what. */
export interface ArticleActivityTable {
  id: Generated<number>;
  article_id: number;
  action: 'submitted' | 'returned' | 'published' | 'scheduled' | 'unpublished' | 'trashed' | 'restored';
  staff_id: number | null;
  via: string | null;
  created_at: string;
  /** An editor's notes to the writer when returning a submitted article (0024_review_notes); else null. */
  note: string | null;
}

/** One writer told that an article came back to them with notes, and whether they have opened it since. */
export interface ReviewNoticesTable {
  activity_id: number;
  staff_id: number;
  seen_at: string | null;
}

export interface SlugRedirectsTable {
  old_slug: string;
  article_id: number;
  created_at: string;
}

export interface CorrectionsTable {
  id: Generated<number>;
  article_id: number;
  kind: 'correction' | 'clarification' | 'update';
  text: string;
  placement: 'top' | 'bottom';
  published_at: string;
  created_by: number | null;
  withdrawn_at: string | null;
  withdrawn_by: number | null;
}
