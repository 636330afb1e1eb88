// The admin API's comment moderation: one comment approved, sent to spam or trashed, through the same
// moderate() the newsroom's queue uses (its permission check and its cache announcements).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { moderate } from '../comments/admin/moderate.js';
import { loadComment } from '../comments/admin/queue.js';
import { idParam } from '../http/request-params.js';
import { parseOrInvalid } from '../http/validation.js';
import { type AdminApiOptions, needs } from './route-config.js';

const moderationInput = z
  .object({ action: z.enum(['approve', 'spam', 'trash'], { message: 'must be approve, spam or trash' }) })
  .strict();

const STATUS_AFTER = { approve: 'approved', spam: 'spam', trash: 'trash' } as const;

export function commentApiRoutes(options: AdminApiOptions) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.post<{ Params: { id: string } }>(
      '/comments/:id/moderation',
      needs('comments:moderate'),
      async (request) => {
        const id = idParam(request.params.id, 'There is no such comment.');
        const { action } = parseOrInvalid(
          moderationInput,
          request.body ?? {},
          'Say what to do with the comment.',
        );
        const changed = await moderate(options.comments, request.apiCaller!.staff, [id], action);
        // Nothing changed: the comment was already so (an answer, not an error), or there is none (404).
        if (changed === 0) await loadComment(options.comments, id);
        return { comment: { id, status: STATUS_AFTER[action] }, changed: changed > 0 };
      },
    );
  };
}
