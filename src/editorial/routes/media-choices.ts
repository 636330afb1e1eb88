// The editor's image chooser asks here for the recent images, or those whose words match what was typed.
import type { FastifyInstance } from 'fastify';
import { searchMediaChoices } from '../media-choices.js';
import { contributor, type EditorialOptions } from './options.js';

export function mediaChoiceRoutes(options: Pick<EditorialOptions, 'db' | 'clock'>) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: { q?: string } }>(
      '/admin/articles/media-choices',
      contributor,
      async (request, reply) => {
        const search = typeof request.query.q === 'string' ? request.query.q : '';
        return reply
          .header('cache-control', 'no-store')
          .send({ items: await searchMediaChoices(options.db, search, options.clock()) });
      },
    );
  };
}
