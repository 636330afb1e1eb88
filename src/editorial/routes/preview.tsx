// The preview: the newsroom's screen framing the saved draft at a phone's and a desktop's width, and the
// framed page itself, rendered by the reader site's own article page with what the reader page adds.
import type { FastifyInstance } from 'fastify';
import { renderAdmin } from '../../admin/auth/render.js';
import { renderArticlePage } from '../../articles/pages/article-page.js';
import { withDirective } from '../../http/security-headers.js';
import { PreviewPage } from '../pages/preview-page.js';
import { articleForPreview } from '../preview.js';
import { timeFormat } from '../time-format.js';
import { articleIdOf, contributor, type EditorialOptions, type IdParams } from './options.js';

export function previewRoutes(options: EditorialOptions) {
  const { db, clock, site } = options;

  return async function register(app: FastifyInstance): Promise<void> {
    app.get<IdParams>('/admin/articles/:id/preview', contributor, async (request, reply) => {
      const { editable } = await articleForPreview(db, request.staff!, articleIdOf(request), clock());
      const { when } = await timeFormat(site);
      return renderAdmin(request, reply, {
        title: `Preview: ${editable.fields.headline}`,
        assets: ['editor.css'],
        body: <PreviewPage article={editable} when={when} />,
      });
    });

    app.get<IdParams>('/admin/articles/:id/preview/page', contributor, async (request, reply) => {
      const { article } = await articleForPreview(db, request.staff!, articleIdOf(request), clock());
      const ctx = await site.context();
      // The same additions the reader page gets, in the same order: support, then comments.
      const extend = options.previewExtensions ?? [];
      const extensions = await Promise.all(extend.map((add) => add(article, ctx)));
      // Framed by the newsroom's own preview screen; every other page may not be framed.
      return reply
        .header('cache-control', 'no-store')
        .header('x-robots-tag', 'noindex, nofollow')
        .header(
          'content-security-policy',
          withDirective(app.contentSecurityPolicy, 'frame-ancestors', "'self'"),
        )
        .header('x-frame-options', 'SAMEORIGIN')
        .type('text/html; charset=utf-8')
        .send(renderArticlePage(article, ctx, extensions));
    });
  };
}
