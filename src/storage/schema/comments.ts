// Row types of reader comments: comments, thread states, bans, digest opt-outs; and shared rate-limit counters.
import type { Generated } from 'kysely';

export type CommentStatus = 'pending' | 'approved' | 'spam' | 'trash' | 'erased';

export interface CommentsTable {
  id: Generated<number>;
  article_id: number;
  parent_id: number | null;
  root_id: number | null;
  depth: number;
  status: CommentStatus;
  body: string;
  author_name: string;
  author_email: string; // lower-case
  email_key: string;
  author_url: string;
  staff_id: number | null;
  notify_replies: number; // 0 or 1
  ip_key: string | null;
  body_hash: string;
  moderation_reason: string | null;
  spam_score: number;
  created_at: string;
  approved_at: string | null;
  edited_at: string | null;
  status_changed_at: string;
  digest_sent_at: string | null;
  reply_notified_at: string | null;
}

export interface CommentThreadsTable {
  article_id: number;
  closed: number; // 0 or 1
  changed_by: number | null;
  updated_at: string;
}

export interface CommentBansTable {
  id: Generated<number>;
  email_key: string;
  ip_key: string | null;
  reason: string;
  created_by: number | null;
  created_at: string;
}

export interface CommentDigestOptoutsTable {
  staff_id: number;
  created_at: string;
}

// Fixed-window counters of http/rate-limit-store.ts when no Redis is configured.
export interface RateLimitCountersTable {
  key: string;
  count: number;
  expires_at: string;
}
