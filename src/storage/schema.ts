// Row types of every table, as Kysely sees them. Times are ISO-8601 UTC strings in both dialects
// (PostgreSQL stores timestamptz; db.ts makes pg hand them back as ISO strings).
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
  created_at: string;
}

export type ArticleStatus = 'draft' | 'review' | 'scheduled' | 'published' | 'unpublished';
export type WorkType = 'news' | 'analysis' | 'opinion' | 'explainer';

export interface ArticlesTable {
  id: Generated<number>;
  slug: string;
  headline: string;
  seo_headline: string | null;
  social_headline: string | null;
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

export interface MailOutboxTable {
  id: Generated<number>;
  sender: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  headers: string; // JSON object
  created_at: string;
}

export interface Database {
  site_settings: SiteSettingsTable;
  sections: SectionsTable;
  tags: TagsTable;
  authors: AuthorsTable;
  media: MediaTable;
  articles: ArticlesTable;
  article_authors: ArticleAuthorsTable;
  article_tags: ArticleTagsTable;
  mail_outbox: MailOutboxTable;
}
