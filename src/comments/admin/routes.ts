// The newsroom's comment screens, registered by newsroom.ts inside the staff context: the queue, one
// comment, the settings with the bans, opening and closing comments per article, and (for admins) a
// commenter's data. Each file registers one screen's routes; each route reads the form and calls the domain.
import type { FastifyInstance } from 'fastify';
import { articleRoutes } from './article-routes.js';
import { commenterDataRoutes } from './commenter-data-routes.js';
import { detailRoutes } from './detail-routes.js';
import { queueRoutes } from './queue-routes.js';
import type { AdminCommentOptions } from './route-helpers.js';
import { settingsRoutes } from './settings-routes.js';

export function adminCommentRoutes(options: AdminCommentOptions) {
  return async function register(app: FastifyInstance): Promise<void> {
    for (const screen of [queueRoutes, detailRoutes, settingsRoutes, articleRoutes, commenterDataRoutes]) {
      await app.register(screen(options));
    }
  };
}
