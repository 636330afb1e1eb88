// Row types of imports (migration 0021): what each run brought in, and the old site's addresses.

export interface ImportItemsTable {
  source_site: string;
  source_kind: string;
  source_id: string;
  local_kind: string;
  local_id: number;
  source_hash: string;
  local_version: number | null;
  created_at: string;
  updated_at: string;
}

export type LegacyTargetKind = 'article' | 'page' | 'media' | 'section' | 'tag' | 'author';

export interface LegacyRedirectsTable {
  old_path: string;
  target_kind: LegacyTargetKind;
  target_id: number;
  source_site: string;
  created_at: string;
}
