// What the article routes share: their options, the permissions and limits they declare, and reading the
// article id from a request.
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { MINUTE_MS } from '../../admin/auth/request-limits.js';
import type { ExtendArticle } from '../../articles/article-extension.js';
import { idParam } from '../../http/request-params.js';
import type { SiteState } from '../../site/site-state.js';
import type { ContentEvents } from '../../storage/content-events.js';
import type { Database } from '../../storage/schema.js';
import type { ReviewMailDeps } from '../review-mail.js';

export interface EditorialOptions {
  db: Kysely<Database>;
  events: ContentEvents;
  site: SiteState;
  clock: () => Date;
  /** What other capabilities add to the reader page (support, comments), so the preview shows it too. */
  previewExtensions?: ExtendArticle[];
  /** How a writer is told their article came back with notes. */
  mail: ReviewMailDeps;
}

export type IdParams = { Params: { id: string } };
export const contributor = { config: { permission: 'contributor' as const } };

/**
 * A state change (a workflow step, a restore, a note) by someone with at least `permission`, limited per
 * person: far above what anyone clicks, it stops a script gone wrong.
 */
export function limitedStep(permission: 'contributor' | 'editor') {
  return { config: { permission, limit: { max: 30, windowMs: MINUTE_MS } } };
}

export function articleIdOf(request: FastifyRequest<IdParams>): number {
  return idParam(request.params.id, 'That is not an article.');
}
