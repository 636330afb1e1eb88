// The fronts domain's tables: curated fronts and the breaking-news banner (migration 0018).
import type { Generated } from 'kysely';

/** A front's chosen stories: a draft the newsroom edits and previews, and the live copy readers see. */
export interface CuratedFrontsTable {
  front: string;
  state: 'draft' | 'live';
  layout: string;
  pin_until: string | null;
  pin_expiry_announced: Generated<number>;
  updated_at: string;
  updated_by: number | null;
}

/** The site-wide breaking-news banner: one row, or none. */
export interface BreakingBannerTable {
  id: number;
  version: number;
  text: string;
  link: string | null;
  style: 'breaking' | 'developing' | 'notice';
  expires_at: string | null;
  expiry_announced: Generated<number>;
  updated_at: string;
  updated_by: number | null;
}
