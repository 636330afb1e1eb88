// Row types of first-party audience analytics (src/analytics/): raw events, roll-ups, the day's salt.
import type { Generated } from 'kysely';

export interface AnalyticsEventsTable {
  id: Generated<number>;
  occurred_at: string;
  kind: string;
  path: string;
  article_id: number | null;
  section_id: number | null;
  author_id: number | null;
  visitor: string | null;
  source: string | null;
  campaign: string | null;
  medium: string | null;
  device: string;
  value: number;
}

export interface AnalyticsRollupsTable {
  granularity: 'hour' | 'day';
  bucket: string;
  dimension: string;
  dimension_value: string;
  views: number;
  visitors: number;
  engaged_seconds: number;
  depth_25: number;
  depth_50: number;
  depth_75: number;
  depth_100: number;
  expands: number;
  app_clicks: number;
  support_clicks: number;
}

export interface AnalyticsSaltsTable {
  day: string;
  salt: string;
}

export interface AnalyticsRollupStateTable {
  name: string;
  rolled_until: string;
}
