// The newsroom's static pages and their revisions (migration 0017).
import type { Generated } from 'kysely';

export interface PagesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  description: Generated<string>;
  body: string; // JSON body document
  status: 'draft' | 'published';
  version: Generated<number>;
  published_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface PageRevisionsTable {
  id: Generated<number>;
  page_id: number;
  version: number;
  fields: string; // JSON of title, slug, description and body
  created_by: number | null;
  created_at: string;
}
