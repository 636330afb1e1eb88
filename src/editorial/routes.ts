// The editorial domain's newsroom routes, one plugin per screen or flow: the article list and editing, the
// image chooser, the workflow steps, the preview, revisions, corrections and the trash. Author profiles are
// registered by the admin shell's accounts (admin/accounts.ts).
import type { FastifyInstance } from 'fastify';
import { articleRoutes } from './routes/articles.js';
import { correctionRoutes } from './routes/corrections.js';
import { mediaChoiceRoutes } from './routes/media-choices.js';
import type { EditorialOptions } from './routes/options.js';
import { previewRoutes } from './routes/preview.js';
import { revisionRoutes } from './routes/revisions.js';
import { stepRoutes } from './routes/steps.js';
import { trashRoutes } from './routes/trash.js';

export function editorialRoutes(options: EditorialOptions) {
  return async function register(app: FastifyInstance): Promise<void> {
    await app.register(articleRoutes(options));
    await app.register(mediaChoiceRoutes(options));
    await app.register(stepRoutes(options));
    await app.register(previewRoutes(options));
    await app.register(revisionRoutes(options));
    await app.register(correctionRoutes(options));
    await app.register(trashRoutes(options));
  };
}
