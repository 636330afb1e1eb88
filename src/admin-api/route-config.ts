// What the admin API's routes share: their options, and what each declares (its scope).
import type { Kysely } from 'kysely';
import type { CommentDeps } from '../comments/comment-deps.js';
import type { ReviewMailDeps } from '../editorial/review-mail.js';
import type { RateLimitStore } from '../http/rate-limit-store.js';
import type { FileStore } from '../media/file-store.js';
import type { ImageQueue } from '../media/image-queue.js';
import type { SiteState } from '../site/site-state.js';
import type { ContentEvents } from '../storage/content-events.js';
import type { Database } from '../storage/schema.js';
import type { ApiScope } from './scopes.js';

export interface AdminApiOptions {
  db: Kysely<Database>;
  events: ContentEvents;
  site: SiteState;
  files: FileStore;
  images: ImageQueue;
  comments: CommentDeps;
  rates: RateLimitStore;
  /** How a writer is told their article came back with notes: the newsroom's own mail. */
  mail: ReviewMailDeps;
  secret: string;
  clock: () => Date;
  requestsPerMinute: number;
}

/** What every admin API route declares: its scope, and that the token (not the Origin) proves the request. */
export function needs(scope: ApiScope) {
  return { config: { scope, csrf: false } };
}
